import { afterAll, beforeAll } from 'vitest';
import type { FetchLike } from '../../connectors/types';
import type { Database } from '../../src/db/client';
import { asSystem, type Ctx } from '../../src/services/context';
import type { FaultPoint } from '../../src/services/faults';
import { type Networks, seedWorkspace, startNetworks, type Workspace } from '../faults/networks';
import { createTestDatabase } from '../helpers/db';
import { type TestDeps, testDeps } from '../helpers/deps';

/** What a reply suite works against: a real database, the mock networks and a seeded workspace. */
export interface ReplyWorld {
  database: Database;
  net: Networks;
  deps: TestDeps;
  ws: Workspace;
}

/**
 * Sets the world up before the suite and closes it after; its fields are read inside the tests.
 * `fetchImpl` stands between the service and the mock networks (to lose an answer, say).
 */
export function useReplyWorld(fetchImpl: FetchLike = (input, init) => fetch(input, init)): ReplyWorld {
  const world = {} as ReplyWorld;
  beforeAll(async () => {
    world.database = await createTestDatabase();
    world.net = await startNetworks();
    world.deps = await testDeps(world.database, { fetch: fetchImpl });
    world.ws = await seedWorkspace(world.deps.db, world.deps.secrets, world.net);
  });
  afterAll(async () => {
    await world.net?.close();
    await world.database?.close();
  });
  return world;
}

/** A context whose worker dies (throws) at the given point. */
export function crashingAt(deps: TestDeps, point: FaultPoint): Ctx {
  return {
    ...asSystem(deps),
    faults: (at: FaultPoint) => {
      if (at === point) throw new Error(`crash at ${at}`);
    },
  };
}

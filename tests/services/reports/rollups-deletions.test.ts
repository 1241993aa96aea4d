import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../../src/db/client';
import { eraseAuthor } from '../../../src/services/accounts/erase-author';
import type { Ctx } from '../../../src/services/context';
import { markMentionsDeleted } from '../../../src/services/listening/mark-deleted';
import { listMentions } from '../../../src/services/reports/list-mentions';
import { rebuildAllRollups, refreshRollups } from '../../../src/services/reports/refresh-rollups';
import { topicsReport } from '../../../src/services/reports/topics-report';
import { createTestDatabase } from '../../helpers/db';
import { type TestDeps, testDeps } from '../../helpers/deps';
import { makeAuthor, makeBrand, makeMention, makeMentions, rollupRows } from './fixtures';

let database: Database;
let deps: TestDeps;
let ctx: Ctx;
let admin: Ctx;

beforeAll(async () => {
  database = await createTestDatabase();
  deps = await testDeps(database, { now: '2026-03-10T12:00:00Z' });
  ctx = { ...deps, actor: { id: 'u1', name: 'Marketing', role: 'marketing' } };
  admin = { ...deps, actor: { id: 'u2', name: 'Admin', role: 'admin' } };
});
afterAll(() => database.close());

const range = { from: '2026-03-01', to: '2026-03-07', tz: 'UTC' };

/**
 * A deleted post still happened; its text is gone. Counts keep it (with the labels it had), in
 * the rollups and in the raw counts alike, however often hours are rebuilt; whatever reads text
 * (lists, terms) no longer sees it. An erased author's posts are treated the same way.
 */
describe('reports after a deletion or an erasure', () => {
  it('keep the volume and the labels in every count, and drop the text from lists and terms', async () => {
    const brandId = await makeBrand(deps.db);
    const camille = await makeAuthor(deps.db, { handle: 'camille_private' });
    const [deleted] = await makeMentions(deps.db, 2, {
      brandId,
      at: '2026-03-02T10:10:00Z',
      sentiment: 'negative',
      topic: 'billing',
      text: 'facture doublée encore',
    });
    await makeMention(deps.db, {
      brandId,
      at: '2026-03-02T10:20:00Z',
      sentiment: 'negative',
      topic: 'billing',
      text: 'facture doublée encore',
      authorId: camille,
    });
    await makeMentions(deps.db, 2, {
      brandId,
      at: '2026-03-02T10:30:00Z',
      sentiment: 'positive',
      topic: 'delivery',
      text: 'livraison rapide merci',
    });
    await refreshRollups(ctx);
    const before = {
      all: await rollupRows(deps.db, brandId, 'all'),
      topic: await rollupRows(deps.db, brandId, 'topic'),
    };
    expect(before.all).toEqual([
      { value: '', bucket: '2026-03-02T10:00:00.000Z', sentiment: 'negative', mentions: 3 },
      { value: '', bucket: '2026-03-02T10:00:00.000Z', sentiment: 'positive', mentions: 2 },
    ]);
    const termsBefore = (await topicsReport(ctx, { brandId, ...range })).terms.map((t) => t.term);
    expect(termsBefore).toContain('facture doublée');

    await deps.db.transaction((tx) => markMentionsDeleted(tx, ctx, { brandId, network: 'x' }, [deleted!]));
    await eraseAuthor(admin, { network: 'x', externalId: camille });

    // The incremental job, a whole rebuild and the raw table all still count both posts.
    // The words leave the term rollups at once, before any rollup job runs.
    const termsAfter = (await topicsReport(ctx, { brandId, ...range })).terms.map((t) => t.term);
    expect(termsAfter).not.toContain('facture doublée');
    await refreshRollups(ctx);
    expect(await rollupRows(deps.db, brandId, 'all')).toEqual(before.all);
    await rebuildAllRollups(ctx);
    expect(await rollupRows(deps.db, brandId, 'all')).toEqual(before.all);
    expect(await rollupRows(deps.db, brandId, 'topic')).toEqual(before.topic);
    const fromRollups = await topicsReport(ctx, { brandId, ...range });
    const fromRaw = await topicsReport(ctx, { brandId, ...range }, { source: 'raw' });
    expect(fromRaw.topics).toEqual(fromRollups.topics);
    expect(fromRollups.topics.find((t) => t.topic === 'billing')?.current).toBe(3);

    // Their words are gone from the terms, and the lists no longer show them.
    expect(fromRollups.terms.map((t) => t.term)).not.toContain('facture doublée');
    const list = await listMentions(ctx, { brandId, ...range });
    expect(list.items.map((m) => m.text).sort()).toEqual([
      'facture doublée encore',
      'livraison rapide merci',
      'livraison rapide merci',
    ]);
  });
});

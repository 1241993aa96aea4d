import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, authors, mentions } from '../../src/db/schema';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  for (const role of ['advisor', 'expert', 'marketing', 'admin'] as const) tokens[role] = await t.token(role);
  await advanceDemoNetwork(asSystem(t.deps));
  await pollDueListeners(asSystem(t.deps), { force: true });
});
afterAll(async () => {
  await t.close();
});

async function erase(who: string, body: unknown) {
  const res = await t.app.request('http://passerelle.test/api/admin/authors/erase', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[who]}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('POST /api/admin/authors/erase', () => {
  it('is refused to everyone but an admin, and changes nothing then', async () => {
    const [someone] = await t.deps.db.select().from(authors).limit(1);
    for (const role of ['advisor', 'expert', 'marketing']) {
      const res = await erase(role, { network: someone!.network, externalId: someone!.externalId });
      expect(res.status).toBe(403);
      expect(res.json.error.code).toBe('forbidden');
    }
    const [still] = await t.deps.db.select().from(authors).where(eq(authors.id, someone!.id));
    expect(still!.handle).toBe(someone!.handle);
    expect(still!.erasedAt).toBeNull();
  });

  it('erases for an admin and answers with counts; the audit names no one', async () => {
    const [m] = await t.deps.db.select().from(mentions).limit(1);
    const [author] = await t.deps.db.select().from(authors).where(eq(authors.id, m!.authorId!));
    const handle = author!.handle;
    const res = await erase('admin', { network: author!.network, externalId: author!.externalId });
    expect(res.status).toBe(200);
    expect(res.json.data).toMatchObject({ authorId: author!.id });
    expect(res.json.data.mentions).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(res.json)).not.toContain(handle);

    const [after] = await t.deps.db.select().from(authors).where(eq(authors.id, author!.id));
    expect(after).toMatchObject({ handle: '[erased]', displayName: null });
    const [gone] = await t.deps.db.select().from(mentions).where(eq(mentions.id, m!.id));
    expect(gone!.text).toBe('');

    const trail = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'author.erased'));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.actorId).not.toBeNull();
    const written = JSON.stringify(trail[0]);
    expect(written).not.toContain(handle);
    expect(written).not.toContain(author!.externalId);
    if (author!.displayName) expect(written).not.toContain(author!.displayName);
  });

  it('answers 404 for an unknown author and 400 for a bad body', async () => {
    expect((await erase('admin', { network: 'demo', externalId: 'nobody-here' })).status).toBe(404);
    const bad = await erase('admin', { network: 'myspace', externalId: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('validation_failed');
  });
});

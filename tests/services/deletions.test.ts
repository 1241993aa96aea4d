import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoConnector } from '../../connectors/demo';
import {
  auditLog,
  authors,
  cases,
  listeners,
  mentions,
  notificationChannels,
  notifications,
  replies,
} from '../../src/db/schema';
import { eraseAuthor } from '../../src/services/accounts/erase-author';
import { asSystem, type Ctx } from '../../src/services/context';
import { pollListener } from '../../src/services/listening/poll-listener';
import { type HostileNetwork, page, post, startHostileNetwork } from '../connectors/hostile-network';
import { createTestApp, type TestApp } from '../helpers/app';

let t: TestApp;
let net: HostileNetwork;
let listenerId: string;

beforeAll(async () => {
  t = await createTestApp();
  net = await startHostileNetwork(t.deps.clock);
  const [l] = await t.deps.db.select().from(listeners);
  listenerId = l!.id;
});
afterAll(async () => {
  await net.close();
  await t.close();
});

const system = () =>
  asSystem({
    ...t.deps,
    connectors: () => createDemoConnector({ baseUrl: net.baseUrl, fetch, pageSize: 10 }),
  });
const as = (role: 'admin' | 'advisor'): Ctx => ({
  ...system(),
  actor: { id: `usr_${role}_test`, name: role, role },
});

describe('a post deleted on the network', () => {
  it('loses its text, keeps its row, and the case says so; the audit keeps no text', async () => {
    const original = post(101, { text: '@lumo my address is 12 rue des Lilas, please call me' });
    net.answer = ({ after }) => (after === null ? { body: page([original]) } : { body: page([]) });
    expect(await pollListener(system(), listenerId)).toMatchObject({ ok: true, stored: 1 });

    net.answer = () => ({ body: page([{ ...original, seq: 102, text: '', deleted: true }]) });
    await t.deps.db.update(listeners).set({ cursor: '101' });
    expect(await pollListener(system(), listenerId)).toMatchObject({ ok: true, stored: 0 });
    const [m] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, 'h101'));
    expect(m!.text).toBe('');
    expect(m!.deletedAt).not.toBeNull();
    expect(m!.raw).toEqual({});
    const trail = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'mention.deleted'));
    expect(trail).toHaveLength(1);
    expect(trail[0]!.caseId).toBe(m!.caseId);
    expect(JSON.stringify(trail[0]!.details)).not.toContain('Lilas');

    // Reported again: nothing changes, no second audit row.
    await t.deps.db.update(listeners).set({ cursor: '101' });
    await pollListener(system(), listenerId);
    expect(
      await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'mention.deleted')),
    ).toHaveLength(1);

    const s = await t.session('advisor');
    const res = await t.app.request(`http://passerelle.test/cases/${m!.caseId}`, {
      headers: { cookie: s.cookie },
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Deleted by its author on the network');
    expect(html).not.toContain('Lilas');
  });
});

describe('erasing an author on request', () => {
  it('removes their data from mentions, authors, replies and notifications; the audit keeps none', async () => {
    const secret = 'my card number ends 4242';
    const theirs = post(201, {
      text: `@lumo ${secret}`,
      author: { id: 'erase-me', handle: 'camille_private', name: 'Camille Private', followers: 42 },
    });
    net.answer = ({ after }) =>
      after === null || after < 201 ? { body: page([theirs]) } : { body: page([]) };
    await t.deps.db.update(listeners).set({ cursor: '200' });
    expect(await pollListener(system(), listenerId)).toMatchObject({ ok: true, stored: 1 });
    const [m] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, 'h201'));
    await t.deps.db.insert(replies).values({
      id: 'rep_erase_test',
      caseId: m!.caseId!,
      inReplyToMentionId: m!.id,
      network: 'demo',
      body: '@camille_private thanks Camille Private, we are on it',
      status: 'sent',
      idempotencyKey: 'erase-test',
    });
    await t.deps.db
      .insert(notificationChannels)
      .values({ id: 'chn_erase', name: 'ops', kind: 'webhook', target: 'https://hooks.example/x' });
    await t.deps.db.insert(notifications).values({
      id: 'ntf_erase',
      channelId: 'chn_erase',
      dedupeKey: 'erase-test',
      subject: 'New case from @camille_private',
      body: secret,
      payload: { caseId: m!.caseId },
    });

    await expect(eraseAuthor(as('advisor'), { network: 'demo', externalId: 'erase-me' })).rejects.toThrow(
      /may not/,
    );
    const result = await eraseAuthor(as('admin'), { network: 'demo', externalId: 'erase-me' });
    expect(result).toMatchObject({ mentions: 1, replies: 1, notifications: 1 });

    const [a] = await t.deps.db.select().from(authors).where(eq(authors.externalId, 'erase-me'));
    expect(a).toMatchObject({ handle: '[erased]', displayName: null, url: null, followers: null });
    expect(a!.erasedAt).not.toBeNull();
    const [m2] = await t.deps.db.select().from(mentions).where(eq(mentions.id, m!.id));
    expect(m2).toMatchObject({ text: '', url: null, raw: {} });
    const [r] = await t.deps.db.select().from(replies).where(eq(replies.id, 'rep_erase_test'));
    expect(r!.body).not.toContain('camille_private');
    expect(r!.body).not.toContain('Camille Private');
    const [n] = await t.deps.db.select().from(notifications).where(eq(notifications.id, 'ntf_erase'));
    expect(`${n!.subject} ${n!.body} ${JSON.stringify(n!.payload)}`).not.toMatch(/camille|4242/i);
    const [c] = await t.deps.db.select().from(cases).where(eq(cases.id, m!.caseId!));
    expect(c).toBeTruthy();

    const trail = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'author.erased'));
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail[0])).not.toMatch(/camille|4242|erase-me/i);

    // A later post of theirs does not bring the profile back.
    const later = post(202, { author: theirs.author });
    net.answer = ({ after }) =>
      after === null || after < 202 ? { body: page([later]) } : { body: page([]) };
    await pollListener(system(), listenerId);
    const [a2] = await t.deps.db.select().from(authors).where(eq(authors.externalId, 'erase-me'));
    expect(a2).toMatchObject({ handle: '[erased]', displayName: null });
  });

  it('is an admin action on the connections page; others are refused', async () => {
    const advisor = await t.session('advisor');
    const refused = await t.app.request('http://passerelle.test/admin/authors/erase', {
      method: 'POST',
      headers: {
        cookie: advisor.cookie,
        origin: 'http://passerelle.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: advisor.csrf, network: 'demo', externalId: 'nobody' }),
    });
    expect(refused.status).toBe(403);
    const admin = await t.session('admin');
    const res = await t.app.request('http://passerelle.test/admin/authors/erase', {
      method: 'POST',
      headers: {
        cookie: admin.cookie,
        origin: 'http://passerelle.test',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: admin.csrf, network: 'demo', externalId: 'nobody' }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('author_not_found');
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../connectors/types';
import { notificationChannels, notifications } from '../../src/db/schema';
import { signBody } from '../../src/notify/notifier';
import { recordAccountFailure, recordAccountSuccess } from '../../src/services/accounts/record-health';
import { addChannel } from '../../src/services/admin/add-channel';
import type { Ctx } from '../../src/services/context';
import { sendDueNotifications } from '../../src/services/notifications/send-due-notifications';
import { createTestApp, type TestApp } from '../helpers/app';
import { startReceiver } from './fake-receivers';

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let admin: Ctx;
let system: Ctx;

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startReceiver();
  const user = await t.deps.db.query.users.findFirst({ where: (u, { eq }) => eq(u.role, 'admin') });
  admin = { ...t.deps, actor: { id: user!.id, name: user!.name, role: 'admin' } };
  system = { ...t.deps, actor: null };
});
afterAll(async () => {
  await receiver.close();
  await t.close();
});

describe('notifications', () => {
  it('delivers to Slack, Teams and a signed webhook, each a test message first', async () => {
    await addChannel(admin, {
      name: 'Ops Slack',
      kind: 'slack',
      target: receiver.url('/slack'),
      audiences: ['admins'],
    });
    await addChannel(admin, {
      name: 'Ops Teams',
      kind: 'teams',
      target: receiver.url('/teams'),
      audiences: ['admins'],
    });
    await addChannel(admin, {
      name: 'Intranet',
      kind: 'webhook',
      target: receiver.url('/hook'),
      secret: 'a-long-shared-secret',
      audiences: ['admins'],
    });
    const sent = await sendDueNotifications(system);
    expect(sent.map((s) => s.status)).toEqual(['sent', 'sent', 'sent']);
    const byPath = Object.fromEntries(receiver.received.map((r) => [r.path, r]));
    expect(JSON.parse(byPath['/slack']!.body).text).toContain('this channel works');
    expect(JSON.parse(byPath['/teams']!.body).text).toContain('this channel works');
    const hook = byPath['/hook']!;
    const expected = await signBody(
      'a-long-shared-secret',
      String(hook.headers['x-passerelle-timestamp']),
      hook.body,
    );
    expect(hook.headers['x-passerelle-signature']).toBe(expected);
    expect(JSON.parse(hook.body)).toMatchObject({
      subject: 'Passerelle: this channel works',
      event: 'channel.test',
    });
  });

  it('tells the admins once when an account stops working, and again after it recovered and broke', async () => {
    receiver.received.length = 0;
    const account = await t.deps.db.query.networkAccounts.findFirst();
    const revoked = new ConnectorError('demo', 'auth', 'token revoked');
    await recordAccountFailure(
      t.deps.db,
      system,
      account!.id,
      revoked,
      'The network refused our credentials',
    );
    await recordAccountFailure(
      t.deps.db,
      system,
      account!.id,
      revoked,
      'The network refused our credentials',
    );
    await sendDueNotifications(system);
    expect(receiver.received).toHaveLength(3); // one outage, three channels
    expect(JSON.parse(receiver.received[0]!.body).text).toMatch(/demo account @lumo stopped working/);

    t.deps.clock.advance(60_000);
    await recordAccountSuccess(t.deps.db, system, account!.id);
    await recordAccountFailure(t.deps.db, system, account!.id, revoked, 'refused again');
    await sendDueNotifications(system);
    expect(receiver.received).toHaveLength(6);
  });

  it('does not alert on one transient failure, but does after three in a row', async () => {
    receiver.received.length = 0;
    const account = await t.deps.db.query.networkAccounts.findFirst();
    t.deps.clock.advance(60_000);
    await recordAccountSuccess(t.deps.db, system, account!.id);
    const blip = new ConnectorError('demo', 'transient', '503');
    await recordAccountFailure(t.deps.db, system, account!.id, blip, 'unavailable');
    await sendDueNotifications(system);
    expect(receiver.received).toHaveLength(0);
    await recordAccountFailure(t.deps.db, system, account!.id, blip, 'unavailable');
    await recordAccountFailure(t.deps.db, system, account!.id, blip, 'unavailable');
    await sendDueNotifications(system);
    expect(receiver.received).toHaveLength(3);
  });

  it('retries a channel that fails, shows its error, and recovers', async () => {
    receiver.received.length = 0;
    const [channel] = await t.deps.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.name, 'Ops Slack'));
    await t.deps.db
      .update(notificationChannels)
      .set({ enabled: false })
      .where(eq(notificationChannels.name, 'Ops Teams'));
    await t.deps.db
      .update(notificationChannels)
      .set({ enabled: false })
      .where(eq(notificationChannels.name, 'Intranet'));
    receiver.failNext(1);
    const account = await t.deps.db.query.networkAccounts.findFirst();
    t.deps.clock.advance(60_000);
    await recordAccountSuccess(t.deps.db, system, account!.id);
    await recordAccountFailure(
      t.deps.db,
      system,
      account!.id,
      new ConnectorError('demo', 'auth', 'x'),
      'revoked',
    );
    const first = await sendDueNotifications(system);
    expect(first).toEqual([
      expect.objectContaining({ status: 'queued', error: expect.stringMatching(/answered 500/) }),
    ]);
    const [failing] = await t.deps.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.id, channel!.id));
    expect(failing!.consecutiveFailures).toBe(1);
    expect(failing!.lastError).toMatch(/answered 500/);

    expect(await sendDueNotifications(system)).toEqual([]); // not before its retry time
    t.deps.clock.advance(60 * 60_000);
    const second = await sendDueNotifications(system);
    expect(second).toEqual([expect.objectContaining({ status: 'sent' })]);
    const [ok] = await t.deps.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.id, channel!.id));
    expect(ok!.consecutiveFailures).toBe(0);
    const rows = await t.deps.db.select().from(notifications).where(eq(notifications.channelId, channel!.id));
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
  });

  it('refuses a channel without a usable target', async () => {
    await expect(
      addChannel(admin, { name: 'Bad', kind: 'slack', target: 'not a url', audiences: ['admins'] }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
      issues: [{ field: 'target', message: 'must be the webhook URL (https://...)' }],
    });
  });
});

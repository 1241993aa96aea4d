import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationChannels } from '../../src/db/schema';
import { addChannel } from '../../src/services/admin/add-channel';
import type { Ctx } from '../../src/services/context';
import { escalateCase } from '../../src/services/escalation/escalate-case';
import { sendDueNotifications } from '../../src/services/notifications/send-due-notifications';
import { createTestApp, type TestApp } from '../helpers/app';
import { actAs, makeCase } from '../services/escalation/factory';
import { startReceiver } from './fake-receivers';
import { startSmtp } from './fake-smtp';

let t: TestApp;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let system: Ctx;

beforeAll(async () => {
  t = await createTestApp();
  receiver = await startReceiver();
  smtp = await startSmtp({ user: 'passerelle', pass: 'smtp-password-123' });
  system = { ...t.deps, actor: null };
});
afterAll(async () => {
  await smtp.close();
  await receiver.close();
  await t.close();
});

describe('experts are told where they work: Slack, Teams, e-mail over SMTP, a signed webhook', () => {
  it('delivers an escalation to all four, the e-mail to the routed expert with the answer token', async () => {
    const admin = await actAs(t, 'admin');
    for (const [name, kind, path] of [
      ['Experts Slack', 'slack', '/slack'],
      ['Experts Teams', 'teams', '/teams'],
      ['Intranet', 'webhook', '/hook'],
    ] as const) {
      await addChannel(admin, {
        name,
        kind,
        target: receiver.url(path),
        audiences: ['experts'],
        ...(kind === 'webhook' ? { secret: 'a-long-shared-secret' } : {}),
      });
    }
    await addChannel(admin, {
      name: 'Experts mail',
      kind: 'email',
      target: 'experts@lumo.demo',
      secret: 'smtp-password-123',
      audiences: ['experts'],
      smtp: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        user: 'passerelle',
        from: 'Passerelle <care@lumo.demo>',
        replyTo: 'answers+{token}@in.lumo.demo',
      },
    });
    // The four test messages first.
    expect((await sendDueNotifications(system)).map((s) => s.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    expect(smtp.received[0]).toMatchObject({ to: 'experts@lumo.demo', user: 'passerelle' });

    const caseId = await makeCase(t, { text: 'Why was I charged twice for Lumo+?' });
    const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
    expect((await sendDueNotifications(system)).map((s) => s.status)).toEqual([
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    const mail = smtp.received[1]!;
    expect(mail.to).toBe('billing@lumo.demo');
    expect(mail.from).toContain('care@lumo.demo');
    expect(mail.replyTo).toMatch(new RegExp(`^answers\\+${esc.id}\\.\\d+\\.[\\w-]+@in\\.lumo\\.demo$`));
    expect(mail.text).toContain('charged twice');
    expect(mail.text).toContain(`/answer/${esc.id}?token=`);
    const slack = receiver.received.filter((r) => r.path === '/slack').at(-1)!;
    expect(JSON.parse(slack.body).text).toContain(`/answer/${esc.id}?token=`);
    const teams = receiver.received.filter((r) => r.path === '/teams').at(-1)!;
    expect(JSON.parse(teams.body).text).toContain('charged twice');
    const hook = receiver.received.filter((r) => r.path === '/hook').at(-1)!;
    expect(JSON.parse(hook.body)).toMatchObject({ event: 'escalation.routed', escalationId: esc.id });
    expect(hook.headers['x-passerelle-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('retries a failing SMTP server and a failing Slack, shows the failure to admins, clears it on recovery', async () => {
    smtp.failNext(1);
    receiver.failNext(1); // the first of Slack, Teams, webhook in send order
    const caseId = await makeCase(t, { text: 'Can I get an invoice with VAT?' });
    await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
    const first = await sendDueNotifications(system);
    expect(first.filter((r) => r.status === 'queued')).toHaveLength(2);
    const mailRow = await t.deps.db
      .select()
      .from(notificationChannels)
      .where(eq(notificationChannels.name, 'Experts mail'));
    expect(mailRow[0]).toMatchObject({ consecutiveFailures: 1 });
    expect(mailRow[0]!.lastError).toContain('mailbox unavailable');
    t.deps.clock.advance(3_600_000);
    await sendDueNotifications(system);
    const channels = await t.deps.db.select().from(notificationChannels);
    for (const c of channels)
      expect({ name: c.name, failures: c.consecutiveFailures }).toEqual({ name: c.name, failures: 0 });
    expect(smtp.received.filter((m) => m.text.includes('invoice with VAT'))).toHaveLength(1);
  });

  it('refuses an e-mail channel without an SMTP server', async () => {
    const admin = await actAs(t, 'admin');
    await expect(
      addChannel(admin, { name: 'x', kind: 'email', target: 'a@b.c', audiences: ['experts'] }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });
});

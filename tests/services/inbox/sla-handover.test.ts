import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditLog,
  cases,
  escalations,
  inboundReceipts,
  notificationChannels,
  notifications,
  slaPolicies,
  users,
} from '../../../src/db/schema';
import { addBusinessMinutes } from '../../../src/domain/sla';
import { jobNamed } from '../../../src/jobs/schedule';
import { asSystem, type Ctx } from '../../../src/services/context';
import { escalateCase } from '../../../src/services/escalation/escalate-case';
import { checkSlas } from '../../../src/services/inbox/check-slas';
import { claimCase } from '../../../src/services/inbox/claim-case';
import { hoursOf } from '../../../src/services/inbox/sla-targets';
import { createTestApp, type TestApp } from '../../helpers/app';
import { actorCtx, customerPost } from './fixtures';

const START = new Date('2026-11-20T09:00:00Z');
let t: TestApp;
let advisor: Ctx;
let admin: Ctx;
let adminEmail: string;

beforeAll(async () => {
  t = await createTestApp();
  advisor = await actorCtx(t, 'advisor');
  admin = await actorCtx(t, 'admin');
  adminEmail = (await userRow(admin.actor!.id)).email;
  // Each audience has a chat channel and an e-mail channel whose own target is a team list.
  await t.deps.db.insert(notificationChannels).values([
    {
      id: 'ch_exp_chat',
      name: 'Experts',
      kind: 'slack',
      target: 'http://127.0.0.1:9/x',
      audiences: ['experts'],
    },
    {
      id: 'ch_adv_chat',
      name: 'Advisors',
      kind: 'slack',
      target: 'http://127.0.0.1:9/y',
      audiences: ['advisors'],
    },
    {
      id: 'ch_adv_mail',
      name: 'Advisors mail',
      kind: 'email',
      target: 'care-team@lumo.example',
      audiences: ['advisors'],
      settings: { host: '127.0.0.1', port: 2525, from: 'passerelle@lumo.example' },
    },
  ]);
});
afterAll(async () => {
  await t.close();
});

async function userRow(id: string) {
  return (await t.deps.db.select().from(users).where(eq(users.id, id)))[0]!;
}
const caseRow = async (id: string) => (await t.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;
const breaches = (caseId: string) =>
  t.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), eq(auditLog.action, 'sla.breached')));
const notesLike = (prefix: string) =>
  t.deps.db
    .select()
    .from(notifications)
    .where(like(notifications.dedupeKey, `${prefix}%`));
const at = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);

describe('a missed first-response target', () => {
  it('hands an advisor case to the backup as assignee, once, says so in both languages and tells them', async () => {
    t.deps.clock.set(START);
    const { caseId } = await customerPost(t, '@lumo my order never arrived, any news?', { minutesAgo: 0 });
    await claimCase(advisor, { caseId });
    const due = (await caseRow(caseId)).firstResponseDueAt!;
    expect(due).toBeTruthy();
    // Not yet due: nothing moves.
    t.deps.clock.set(at(due, -1));
    await checkSlas(asSystem(t.deps));
    expect((await caseRow(caseId)).assigneeId).toBe(advisor.actor!.id);
    t.deps.clock.set(at(due, 1));
    const first = await checkSlas(asSystem(t.deps));
    const second = await checkSlas(asSystem(t.deps));
    expect(first.handedOver).toBeGreaterThanOrEqual(1);
    expect(second.handedOver).toBe(0);
    const c = await caseRow(caseId);
    expect(c.assigneeId).toBe(admin.actor!.id);
    expect(c.firstResponseBreachHandledAt?.toISOString()).toBe(at(due, 1).toISOString());
    const rows = await breaches(caseId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({
      target: 'first_response',
      from: advisor.actor!.id,
      to: admin.actor!.id,
      reason: 'first-response target missed: handed over to Alex Admin (backup)',
      reasonFr: 'objectif de première réponse dépassé : confié à Alex Admin (remplaçant)',
    });
    const told = await notesLike(`sla-breach:${caseId}:first_response`);
    expect(told.map((n) => n.channelId).sort()).toEqual(['ch_adv_chat', 'ch_adv_mail']);
    expect(told[0]!.payload).toMatchObject({ recipient: adminEmail, target: 'first_response' });
    expect(told[0]!.body).toContain('Alex Admin, this case is yours now');
    // The case history says it in the reader's language.
    const s = await t.session('admin');
    const page = (lang: string) =>
      t.app.request(`http://passerelle.test/cases/${caseId}`, {
        headers: { accept: 'text/html', cookie: `${s.cookie}; passerelle_lang=${lang}` },
      });
    const fr = await (await page('fr')).text();
    expect(fr).toContain('Objectif de SLA dépassé');
    expect(fr).toContain('objectif de première réponse dépassé : confié à Alex Admin (remplaçant)');
    const en = await (await page('en')).text();
    expect(en).toContain('first-response target missed: handed over to Alex Admin (backup)');
  });

  it('moves a question with an expert to the backup expert, once', async () => {
    t.deps.clock.set(START);
    const { caseId } = await customerPost(t, '@lumo I was charged twice for my subscription', {
      minutesAgo: 0,
    });
    await escalateCase(advisor, { caseId, skill: 'billing' });
    const [esc] = await t.deps.db.select().from(escalations).where(eq(escalations.caseId, caseId));
    expect(esc!.expertId).not.toBe(admin.actor!.id);
    const c = await caseRow(caseId);
    expect(c.status).toBe('waiting_expert');
    expect(c.firstRespondedAt).toBeNull();
    t.deps.clock.set(at(c.firstResponseDueAt!, 5));
    await checkSlas(asSystem(t.deps));
    await checkSlas(asSystem(t.deps));
    const [moved] = await t.deps.db.select().from(escalations).where(eq(escalations.id, esc!.id));
    expect(moved!.expertId).toBe(admin.actor!.id);
    // The advisor keeps the case; the question is what moved.
    expect((await caseRow(caseId)).assigneeId).toBe(advisor.actor!.id);
    const rows = (await breaches(caseId)).filter(
      (r) => (r.details as { target: string }).target === 'first_response',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.details).toMatchObject({ holder: 'expert', from: esc!.expertId, to: admin.actor!.id });
    const told = await notesLike(`sla-breach:${caseId}:first_response`);
    expect(told.map((n) => n.channelId)).toEqual(['ch_exp_chat']);
    expect(told[0]!.payload).toMatchObject({ recipient: adminEmail });
  });

  it('leaves a case answered in time alone, and records a miss without backup without moving it', async () => {
    t.deps.clock.set(START);
    const answered = await customerPost(t, '@lumo where is the manual for the desk lamp?', { minutesAgo: 0 });
    const due = (await caseRow(answered.caseId)).firstResponseDueAt!;
    await t.deps.db
      .update(cases)
      .set({ firstRespondedAt: at(due, -30) })
      .where(eq(cases.id, answered.caseId));
    const orphan = await customerPost(t, '@lumo my lamp does not turn on anymore', { minutesAgo: 0 });
    const orphanCase = await caseRow(orphan.caseId);
    await t.deps.db.update(slaPolicies).set({ backupUserId: null }).where(eq(slaPolicies.brandId, t.brandId));
    try {
      t.deps.clock.set(at(orphanCase.firstResponseDueAt!, 1));
      await checkSlas(asSystem(t.deps));
      expect(await breaches(answered.caseId)).toHaveLength(0);
      const c = await caseRow(orphan.caseId);
      expect(c.assigneeId).toBeNull();
      expect(c.firstResponseBreachHandledAt).not.toBeNull();
      const [row] = await breaches(orphan.caseId);
      expect(row!.details).toMatchObject({ to: null, target: 'first_response' });
      // Nobody to hand it to: the whole advisors audience hears, in English, on the team list.
      const [mail] = (await notesLike(`sla-breach:${orphan.caseId}`)).filter(
        (n) => n.channelId === 'ch_adv_mail',
      );
      expect(mail!.payload).not.toHaveProperty('recipient');
    } finally {
      await t.deps.db
        .update(slaPolicies)
        .set({ backupUserId: admin.actor!.id })
        .where(eq(slaPolicies.brandId, t.brandId));
    }
  });
});

describe('reminders before a due time', () => {
  it('go to the holder, in French for a French holder, with their address as recipient', async () => {
    await t.deps.db.update(users).set({ locale: 'fr' }).where(eq(users.id, advisor.actor!.id));
    t.deps.clock.set(START);
    const { caseId } = await customerPost(t, '@lumo the app keeps logging me out', { minutesAgo: 0 });
    await claimCase(advisor, { caseId });
    const due = (await caseRow(caseId)).firstResponseDueAt!;
    t.deps.clock.set(at(due, -10));
    await checkSlas(asSystem(t.deps));
    await checkSlas(asSystem(t.deps));
    const sent = await notesLike(`sla-reminder:${caseId}:first_response`);
    expect(sent.map((n) => n.channelId).sort()).toEqual(['ch_adv_chat', 'ch_adv_mail']);
    const holder = await userRow(advisor.actor!.id);
    for (const n of sent) {
      expect(n.subject).toBe(`Échéance dans 10 min : première réponse du dossier ${caseId}`);
      expect(n.body).toMatch(
        new RegExp(`^${holder.name}, ce dossier est à traiter avant le .+\\(Europe/Paris\\)\\.$`),
      );
      expect(n.payload).toMatchObject({ recipient: holder.email, holderId: holder.id });
    }
    await t.deps.db.update(users).set({ locale: 'en' }).where(eq(users.id, advisor.actor!.id));
  });

  it('go to the whole audience, in English, when nobody holds the case', async () => {
    t.deps.clock.set(START);
    const { caseId } = await customerPost(t, '@lumo is the store open on Sunday?', { minutesAgo: 0 });
    const due = (await caseRow(caseId)).firstResponseDueAt!;
    t.deps.clock.set(at(due, -5));
    await checkSlas(asSystem(t.deps));
    const sent = await notesLike(`sla-reminder:${caseId}:first_response`);
    expect(sent).toHaveLength(2);
    for (const n of sent) {
      expect(n.subject).toBe(`Due in 5 min: first response for case ${caseId}`);
      expect(n.payload).not.toHaveProperty('recipient');
    }
  });
});

describe('inbound receipts', () => {
  it('are forgotten by the SLA job once a replay would be refused as stale anyway', async () => {
    t.deps.clock.set(START);
    await t.deps.db.insert(inboundReceipts).values([
      { id: 'rcp_old', source: 'webhook', signature: 'sha256=old', receivedAt: at(START, -11) },
      { id: 'rcp_edge', source: 'webhook', signature: 'sha256=edge', receivedAt: at(START, -9) },
      { id: 'rcp_new', source: 'webhook', signature: 'sha256=new', receivedAt: at(START, -1) },
    ]);
    const result = (await jobNamed('check-slas').run({ ...t.deps, demoNetwork: false })) as {
      prunedReceipts: number;
    };
    expect(result.prunedReceipts).toBe(1);
    const left = await t.deps.db.select({ id: inboundReceipts.id }).from(inboundReceipts);
    expect(left.map((r) => r.id).sort()).toEqual(['rcp_edge', 'rcp_new']);
  });
});

describe("a policy's own time zone", () => {
  it('counts the business hours of a new case in that zone instead of the brand’s', async () => {
    t.deps.clock.set(START);
    await t.deps.db
      .update(slaPolicies)
      .set({ timeZone: 'America/Montreal' })
      .where(eq(slaPolicies.brandId, t.brandId));
    try {
      const { caseId } = await customerPost(t, '@lumo can I change my delivery address?', { minutesAgo: 0 });
      const c = await caseRow(caseId);
      const policy = (await t.deps.db.select().from(slaPolicies).where(eq(slaPolicies.brandId, t.brandId)))
        .filter((p) => p.minPriority <= c.priority)
        .sort((x, y) => y.minPriority - x.minPriority)[0]!;
      const hours = hoursOf(policy, 'Europe/Paris');
      expect(hours.timeZone).toBe('America/Montreal');
      const expected = addBusinessMinutes(c.lastMentionAt, policy.firstResponseMinutes, hours);
      expect(c.firstResponseDueAt?.toISOString()).toBe(expected.toISOString());
      // 09:00 UTC is 04:00 in Montreal: the clock starts at 09:00 there, 14:00 UTC.
      expect(expected.getTime()).toBeGreaterThan(new Date('2026-11-20T14:00:00Z').getTime());
    } finally {
      await t.deps.db.update(slaPolicies).set({ timeZone: null }).where(eq(slaPolicies.brandId, t.brandId));
    }
  });
});

describe("a policy's closed days", () => {
  it('a case posted on a closed day counts from the next working morning', async () => {
    t.deps.clock.set(START);
    // Friday 20 November is a closed day this year only.
    await t.deps.db
      .update(slaPolicies)
      .set({ closedDays: ['2026-11-20'] })
      .where(eq(slaPolicies.brandId, t.brandId));
    try {
      const { caseId } = await customerPost(t, '@lumo my order never arrived, where is it?', {
        minutesAgo: 0,
      });
      const c = await caseRow(caseId);
      const [policy] = (await t.deps.db.select().from(slaPolicies).where(eq(slaPolicies.brandId, t.brandId)))
        .filter((p) => p.minPriority <= c.priority)
        .sort((x, y) => y.minPriority - x.minPriority);
      // The clock starts on Monday 23 November at 09:00 in Paris (08:00 UTC), not on Friday.
      expect(c.firstResponseDueAt?.toISOString()).toBe(
        at(new Date('2026-11-23T08:00:00Z'), policy!.firstResponseMinutes).toISOString(),
      );
    } finally {
      await t.deps.db.update(slaPolicies).set({ closedDays: [] }).where(eq(slaPolicies.brandId, t.brandId));
    }
  });
});

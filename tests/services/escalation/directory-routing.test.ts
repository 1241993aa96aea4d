import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, escalations, notifications } from '../../../src/db/schema';
import { addChannel } from '../../../src/services/admin/add-channel';
import { escalateCase } from '../../../src/services/escalation/escalate-case';
import {
  listExperts,
  setAvailability,
  updateExpert,
} from '../../../src/services/escalation/expert-directory';
import { rerouteEscalation } from '../../../src/services/escalation/reroute-escalation';
import { createTestApp, type TestApp } from '../../helpers/app';
import { actAs, makeCase } from './factory';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp(); // Friday 2026-11-20 09:00 UTC
});
afterAll(async () => {
  await t.close();
});

const everyDay = { timezone: 'UTC', workDays: [1, 2, 3, 4, 5, 6, 7], workStart: 0, workEnd: 1440 };

describe('the expert directory and routing', () => {
  it('lists experts; only an admin edits the routing rules; anyone sets their own availability', async () => {
    const admin = await actAs(t, 'admin');
    const advisor = await actAs(t, 'advisor');
    const nadia = await actAs(t, 'billing@lumo.demo');
    const list = await listExperts(advisor);
    expect(list.map((e) => e.name)).toEqual(['Nadia Billing', 'Tom Firmware']);
    const input = {
      userId: nadia.actor!.id,
      skills: ['billing'],
      languages: ['en', 'fr'],
      ...everyDay,
      maxOpen: 2,
      availability: 'available',
    };
    await expect(updateExpert(advisor, input)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(updateExpert(nadia, input)).rejects.toMatchObject({ code: 'forbidden' });
    await updateExpert(admin, input);
    await expect(
      setAvailability(nadia, { userId: (await actAs(t, 'tech@lumo.demo')).actor!.id, availability: 'away' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listExperts(nadia)).rejects.toMatchObject({ code: 'forbidden' });
    const me = await setAvailability(nadia, { userId: nadia.actor!.id, availability: 'available' });
    expect(me.availability).toBe('available');
    await expect(updateExpert(admin, { ...input, timezone: 'Mars/Olympus' })).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('routes to the expert, explains it in both languages, notifies with a signed link', async () => {
    const admin = await actAs(t, 'admin');
    await addChannel(admin, {
      name: 'Experts Slack',
      kind: 'slack',
      target: 'http://127.0.0.1:9/slack',
      audiences: ['experts'],
    });
    const advisor = await actAs(t, 'advisor');
    const caseId = await makeCase(t, { text: 'I was charged twice for Lumo+', topic: 'billing' });
    const esc = await escalateCase(advisor, { caseId, skill: 'billing' });
    expect(esc.routingReason).toBe(
      'routed to Nadia Billing: skill Billing, speaks English, 0 open questions',
    );
    expect(esc.routingReasonFr).toBe(
      'orienté vers Nadia Billing : compétence Facturation, parle anglais, 0 question en cours',
    );
    const [history] = await t.deps.db.select().from(auditLog).where(eq(auditLog.entityId, esc.id));
    expect(history?.details).toMatchObject({ reason: esc.routingReason, reasonFr: esc.routingReasonFr });
    const sent = await t.deps.db
      .select()
      .from(notifications)
      .where(eq(notifications.dedupeKey, `escalation:${esc.id}:0`));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.link).toMatch(new RegExp(`^http://passerelle.test/answer/${esc.id}\\?token=`));
    expect(sent[0]!.body).toContain('charged twice');
    expect(sent[0]!.subject).toBe('Question « Facturation » pour Nadia Billing'); // Nadia reads French
  });

  it('falls back to the team queue when the only expert is at their maximum, then on holiday', async () => {
    const advisor = await actAs(t, 'advisor');
    const admin = await actAs(t, 'admin');
    const nadia = await actAs(t, 'billing@lumo.demo');
    // Nadia has one open question (previous test) and a maximum of 2.
    const second = await escalateCase(advisor, {
      caseId: await makeCase(t, { text: 'refund?' }),
      skill: 'billing',
    });
    expect(second.expertId).toBe(nadia.actor!.id);
    const third = await escalateCase(advisor, {
      caseId: await makeCase(t, { text: 'invoice?' }),
      skill: 'billing',
    });
    expect(third.expertId).toBeNull();
    expect(third.routingReason).toContain('1 at their maximum of open questions');
    await setAvailability(admin, {
      userId: nadia.actor!.id,
      availability: 'holiday',
      awayUntil: '2026-11-30T00:00:00Z',
    });
    await updateExpert(admin, {
      userId: nadia.actor!.id,
      skills: ['billing'],
      languages: ['en', 'fr'],
      ...everyDay,
      maxOpen: 10,
      availability: 'holiday',
      awayUntil: '2026-11-30T00:00:00Z',
    });
    const fourth = await escalateCase(advisor, {
      caseId: await makeCase(t, { text: 'VAT?' }),
      skill: 'billing',
    });
    expect(fourth.expertId).toBeNull();
    expect(fourth.routingReason).toContain('1 on holiday');
    expect(fourth.routingReasonFr).toContain('1 en congé');
  });

  it('lets an advisor reroute to a person or a team, never an expert or marketing', async () => {
    const advisor = await actAs(t, 'advisor');
    const tom = await actAs(t, 'tech@lumo.demo');
    const esc = await escalateCase(advisor, {
      caseId: await makeCase(t, { text: 'app crashes' }),
      skill: 'technical',
    });
    await expect(rerouteEscalation(tom, { escalationId: esc.id, skill: 'billing' })).rejects.toMatchObject({
      code: 'forbidden',
    });
    await expect(
      rerouteEscalation(await actAs(t, 'marketing'), { escalationId: esc.id, skill: 'billing' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    const toTeam = await rerouteEscalation(advisor, { escalationId: esc.id, skill: 'billing' });
    expect(toTeam).toMatchObject({ expertId: null, skill: 'billing' });
    expect(toTeam.routingReason).toBe('rerouted by Camille Advisor to the Billing team queue');
    expect(toTeam.routingReasonFr).toBe('réorienté par Camille Advisor vers la file de l’équipe Facturation');
    const toTom = await rerouteEscalation(advisor, { escalationId: esc.id, expertId: tom.actor!.id });
    expect(toTom.expertId).toBe(tom.actor!.id);
    expect(toTom.routingReasonFr).toContain(
      'réorienté par Camille Advisor vers Tom Firmware : compétence Technique',
    );
    await expect(rerouteEscalation(advisor, { escalationId: esc.id })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    const rows = await t.deps.db.select().from(escalations).where(eq(escalations.id, esc.id));
    expect(rows[0]!.expertId).toBe(tom.actor!.id);
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, expertAnswers } from '../../../src/db/schema';
import { answerByLink, openLinkedQuestion } from '../../../src/services/escalation/answer-by-link';
import { signAnswerToken } from '../../../src/services/escalation/answer-links';
import { escalateCase } from '../../../src/services/escalation/escalate-case';
import { receiveEmail } from '../../../src/services/escalation/inbound';
import { recognition } from '../../../src/services/escalation/recognition';
import { rerouteEscalation } from '../../../src/services/escalation/reroute-escalation';
import { createTestApp, type TestApp } from '../../helpers/app';
import { actAs, makeCase } from './factory';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A billing question sent to the billing team's queue: nobody in particular holds it. */
async function teamQuestion(text: string) {
  const advisor = await actAs(t, 'advisor');
  const caseId = await makeCase(t, { text });
  const esc = await escalateCase(advisor, { caseId, skill: 'billing' });
  await rerouteEscalation(advisor, { escalationId: esc.id, skill: 'billing' });
  return { caseId, escalationId: esc.id, token: await signAnswerToken(t.deps, esc.id) };
}

const answerOf = async (escalationId: string) =>
  (await t.deps.db.select().from(expertAnswers).where(eq(expertAnswers.escalationId, escalationId)))[0]!;

describe('answering a team question by link', () => {
  it('offers the team by name and asks who answers', async () => {
    const q = await teamQuestion('Was I billed for the bulbs I returned?');
    const opened = await openLinkedQuestion(t.deps, { escalationId: q.escalationId, token: q.token });
    expect(opened.escalation.expertId).toBeNull();
    expect(opened.team.map((m) => m.name)).toEqual(['Nadia Billing']);
    await expect(
      answerByLink(t.deps, { escalationId: q.escalationId, token: q.token, body: 'Yes, refunded.' }),
    ).rejects.toMatchObject({ code: 'validation_failed', issues: [{ field: 'authorName' }] });
    const tom = await actAs(t, 'tech@lumo.demo');
    await expect(
      answerByLink(t.deps, { ...q, body: 'Yes, refunded.', authorId: tom.actor!.id }),
    ).rejects.toMatchObject({ code: 'validation_failed', issues: [{ field: 'authorId' }] });
  });

  it('credits a team member who types their own name, in the draft, the history and the thanks', async () => {
    const nadia = await actAs(t, 'billing@lumo.demo');
    const q = await teamQuestion('Two invoices for one order');
    await answerByLink(t.deps, {
      ...q,
      body: 'The second invoice is void.',
      authorName: '  nadia   BILLING ',
    });
    expect(await answerOf(q.escalationId)).toMatchObject({
      authorId: nadia.actor!.id,
      authorName: 'Nadia Billing',
      via: 'link',
    });
    const [row] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, q.caseId), eq(auditLog.action, 'expert.answered')));
    expect(row).toMatchObject({ actorId: nadia.actor!.id, actorLabel: 'Nadia Billing' });
    const thanks = await recognition(await actAs(t, 'marketing'));
    expect(thanks.find((p) => p.name === 'Nadia Billing')).toMatchObject({ answered: 1, waiting: 1 });
  });

  it('keeps a name from outside the directory on the draft and the history, without crediting anyone', async () => {
    const q = await teamQuestion('Can I pay by bank transfer?');
    await answerByLink(t.deps, { ...q, body: 'Yes, details on the invoice.', authorName: 'Sam Guest' });
    expect(await answerOf(q.escalationId)).toMatchObject({ authorId: null, authorName: 'Sam Guest' });
    const [row] = await t.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.caseId, q.caseId), eq(auditLog.action, 'expert.answered')));
    expect(row).toMatchObject({ actorLabel: 'Sam Guest', details: { authorName: 'Sam Guest', via: 'link' } });
    const thanks = await recognition(await actAs(t, 'marketing'));
    expect(thanks.map((p) => p.name)).not.toContain('Sam Guest');
  });

  it('takes a pick from the team, and needs no name when the question was routed to someone', async () => {
    const nadia = await actAs(t, 'billing@lumo.demo');
    const q = await teamQuestion('Refund for a double charge');
    await answerByLink(t.deps, { ...q, body: 'Refunded today.', authorId: nadia.actor!.id });
    expect(await answerOf(q.escalationId)).toMatchObject({
      authorId: nadia.actor!.id,
      authorName: 'Nadia Billing',
    });
    const caseId = await makeCase(t, { text: 'Where is my invoice?' });
    const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
    expect(esc.expertId).toBe(nadia.actor!.id);
    const token = await signAnswerToken(t.deps, esc.id);
    await answerByLink(t.deps, {
      escalationId: esc.id,
      token,
      body: 'In your account.',
      authorName: 'Someone',
    });
    expect(await answerOf(esc.id)).toMatchObject({ authorId: nadia.actor!.id, authorName: null });
  });

  it('names an e-mail reply to a team question by its sender', async () => {
    const nadia = await actAs(t, 'billing@lumo.demo');
    const q = await teamQuestion('Is the Lumo+ price going up?');
    await receiveEmail(t.deps, {
      from: '"N. B." <Billing@lumo.demo>',
      to: [`answers+${q.token}@in.example.com`],
      text: 'No change this year.',
    });
    expect(await answerOf(q.escalationId)).toMatchObject({
      authorId: nadia.actor!.id,
      authorName: 'Nadia Billing',
      via: 'email',
    });
    const other = await teamQuestion('Do you bill in pounds?');
    await receiveEmail(t.deps, {
      from: 'sam@partner.example',
      to: [`answers+${other.token}@in.example.com`],
      text: 'Only euros for now.',
    });
    expect(await answerOf(other.escalationId)).toMatchObject({
      authorId: null,
      authorName: 'sam@partner.example',
    });
  });
});

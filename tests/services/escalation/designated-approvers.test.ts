import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, notifications, replies, users } from '../../../src/db/schema';
import { addChannel } from '../../../src/services/admin/add-channel';
import { answerByLink } from '../../../src/services/escalation/answer-by-link';
import { signAnswerToken } from '../../../src/services/escalation/answer-links';
import { listApprovalQueue, listApprovers, setApprovers } from '../../../src/services/escalation/approvers';
import { escalateCase } from '../../../src/services/escalation/escalate-case';
import { approveAnswer, sendBackAnswer } from '../../../src/services/escalation/review-answer';
import { getCase } from '../../../src/services/inbox/get-case';
import { createTestApp, type TestApp } from '../../helpers/app';
import { actAs, makeCase } from './factory';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

/** A billing question answered by Nadia through her link: a draft waiting for approval. */
async function drafted(text: string) {
  const caseId = await makeCase(t, { text });
  const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
  const token = await signAnswerToken(t.deps, esc.id);
  await answerByLink(t.deps, { escalationId: esc.id, token, body: `Answer to: ${text}` });
  return { caseId, esc, token };
}

describe('designated approvers', () => {
  it('are set by an admin only, and only experts can be designated', async () => {
    const admin = await actAs(t, 'admin');
    const tom = await actAs(t, 'tech@lumo.demo');
    const marketing = await actAs(t, 'marketing');
    const advisor = await actAs(t, 'advisor');
    for (const who of [tom, marketing, advisor]) {
      await expect(setApprovers(who, { brandId: t.brandId, userIds: [tom.actor!.id] })).rejects.toMatchObject(
        {
          code: 'forbidden',
        },
      );
    }
    for (const refused of [marketing, advisor]) {
      await expect(
        setApprovers(admin, { brandId: t.brandId, userIds: [refused.actor!.id] }),
      ).rejects.toMatchObject({ code: 'validation_failed' });
    }
    await expect(setApprovers(admin, { brandId: 'brd_nope', userIds: [] })).rejects.toMatchObject({
      code: 'not_found',
    });
    await setApprovers(admin, { brandId: t.brandId, userIds: [tom.actor!.id, tom.actor!.id] });
    const listed = await listApprovers(admin);
    expect(listed.byBrand.get(t.brandId)).toEqual([tom.actor!.id]);
    expect(listed.experts.map((e) => e.name)).toEqual(['Nadia Billing', 'Tom Firmware']);
    await setApprovers(admin, { brandId: t.brandId, userIds: [] });
    expect((await listApprovers(admin)).byBrand.get(t.brandId)).toBeUndefined();
  });

  it('a non-designated expert and marketing cannot approve or send back; a designated expert can', async () => {
    const admin = await actAs(t, 'admin');
    const tom = await actAs(t, 'tech@lumo.demo');
    const marketing = await actAs(t, 'marketing');
    const { caseId } = await drafted('charged twice for my bulbs');
    for (const who of [tom, marketing]) {
      await expect(approveAnswer(who, { caseId, body: 'Refunded.' })).rejects.toMatchObject({
        code: 'forbidden',
      });
      await expect(sendBackAnswer(who, { caseId, note: 'shorter' })).rejects.toMatchObject({
        code: 'forbidden',
      });
    }
    // Not theirs to read either: the question went to Nadia, on billing.
    await expect(getCase(tom, caseId)).rejects.toMatchObject({ code: 'not_found' });
    expect(await listApprovalQueue(tom)).toEqual([]);

    // Designated for another brand only: still refused here.
    const otherBrand = 'brd_other_approvers';
    await t.deps.db.insert(brands).values({ id: otherBrand, slug: 'other-approvers', name: 'Other' });
    await setApprovers(admin, { brandId: otherBrand, userIds: [tom.actor!.id] });
    await expect(approveAnswer(tom, { caseId, body: 'Refunded.' })).rejects.toMatchObject({
      code: 'forbidden',
    });

    await setApprovers(admin, { brandId: t.brandId, userIds: [tom.actor!.id] });
    const queue = await listApprovalQueue(tom);
    expect(queue.map((q) => q.caseId)).toEqual([caseId]);
    expect(queue[0]).toMatchObject({ body: 'Answer to: charged twice for my bulbs', brand: 'Lumo' });
    expect((await getCase(tom, caseId)).case.id).toBe(caseId);
    const returned = await sendBackAnswer(tom, { caseId, note: 'Say when the refund lands' });
    expect(returned.status).toBe('submitted'); // the row as it was before the review
    expect(await listApprovalQueue(tom)).toEqual([]);
    // Marketing stays out even while an expert is designated.
    await expect(approveAnswer(marketing, { caseId, body: 'x' })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('the designated expert approves: the brand replies, with them as the approver', async () => {
    const tom = await actAs(t, 'tech@lumo.demo');
    const { caseId } = await drafted('invoice shows the wrong address');
    const reply = await approveAnswer(tom, { caseId, body: 'The invoice is corrected, sorry!' });
    const [row] = await t.deps.db.select().from(replies).where(eq(replies.id, reply.id));
    expect(row).toMatchObject({
      caseId,
      approvedById: tom.actor!.id,
      body: 'The invoice is corrected, sorry!',
    });
    const c = await getCase(tom, caseId);
    expect(c.answers.at(-1)).toMatchObject({ status: 'approved', reviewedById: tom.actor!.id });
  });

  it('are each told, in their language, when a draft waits for them; the author is not', async () => {
    const admin = await actAs(t, 'admin');
    const tom = await actAs(t, 'tech@lumo.demo');
    const nadia = await actAs(t, 'billing@lumo.demo');
    await addChannel(admin, {
      name: 'Experts e-mail',
      kind: 'webhook',
      target: 'http://127.0.0.1:9/experts',
      audiences: ['experts'],
    });
    await t.deps.db.update(users).set({ locale: 'fr' }).where(eq(users.id, tom.actor!.id));
    // Nadia answers through her link: she is designated too, but it is her own draft.
    await setApprovers(admin, { brandId: t.brandId, userIds: [tom.actor!.id, nadia.actor!.id] });
    const { caseId } = await drafted('refund not received after cancelling');
    const sent = await t.deps.db
      .select()
      .from(notifications)
      .where(sql`${notifications.payload}->>'event' = 'answer.awaiting_approval'`);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toMatch(/^Tom Firmware : une réponse pour @\S+ attend votre validation$/);
    expect(sent[0]!.body).toContain('Answer to: refund not received after cancelling');
    expect(sent[0]!.link).toBe(`http://passerelle.test/cases/${caseId}`);
    expect(sent[0]!.payload).toMatchObject({
      caseId,
      recipient: 'tech@lumo.demo',
      approverId: tom.actor!.id,
    });

    // Without designated approvers the draft waits in the advisors' inbox, as before: no message.
    await setApprovers(admin, { brandId: t.brandId, userIds: [] });
    await drafted('second refund question');
    const after = await t.deps.db
      .select()
      .from(notifications)
      .where(sql`${notifications.payload}->>'event' = 'answer.awaiting_approval'`);
    expect(after).toHaveLength(1);
  });
});

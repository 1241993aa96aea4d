import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expertAnswers, knowledgeAnswers, replies } from '../../../src/db/schema';
import {
  answerByLink,
  askAdvisor,
  openLinkedQuestion,
} from '../../../src/services/escalation/answer-by-link';
import { answerLink, signAnswerToken } from '../../../src/services/escalation/answer-links';
import { escalateCase } from '../../../src/services/escalation/escalate-case';
import { updateGuidelines } from '../../../src/services/escalation/guidelines';
import { approveAnswer, sendBackAnswer } from '../../../src/services/escalation/review-answer';
import { hmacHex, signingKey } from '../../../src/services/escalation/signing';
import { answerFromKnowledge } from '../../../src/services/knowledge/answer-from-knowledge';
import {
  listKnowledge,
  suggestForCase,
  updateKnowledge,
} from '../../../src/services/knowledge/knowledge-base';
import { createTestApp, type TestApp } from '../../helpers/app';
import { actAs, makeCase } from './factory';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function escalated(text: string, language: 'en' | 'fr' = 'en') {
  const caseId = await makeCase(t, { text, language });
  const esc = await escalateCase(await actAs(t, 'advisor'), { caseId, skill: 'billing' });
  return { caseId, esc, token: await signAnswerToken(t.deps, esc.id) };
}

describe('signed answer links', () => {
  it('open one question, with thread, earlier cases and the internal question to the advisor', async () => {
    const { esc, token } = await escalated('I was charged twice this month');
    const q = await openLinkedQuestion(t.deps, { escalationId: esc.id, token });
    expect(q.question).toBe('I was charged twice this month');
    expect(q.actor.name).toBe('Nadia Billing');
    await askAdvisor(t.deps, { escalationId: esc.id, token, question: 'Which card did they use?' });
    const again = await openLinkedQuestion(t.deps, { escalationId: esc.id, token });
    const asked = again.data.history.find((h) => h.action === 'expert.asked');
    expect(asked).toMatchObject({
      actorLabel: 'Nadia Billing',
      details: { note: 'Which card did they use?' },
    });
    expect(await answerLink(t.deps, esc.id)).toMatch(/^http:\/\/passerelle\.test\/answer\/esc_/);
  });

  it('are refused when expired, tampered with, or used for another question', async () => {
    const a = await escalated('refund please');
    const b = await escalated('invoice please');
    const refused = (escalationId: string, token: string) =>
      openLinkedQuestion(t.deps, { escalationId, token }).then(
        () => 'opened',
        (e: { reason?: string }) => e.reason,
      );
    expect(await refused(b.esc.id, a.token)).toBe('other_question');
    const [id, exp, mac] = a.token.split('.') as [string, string, string];
    expect(await refused(a.esc.id, `${id}.${Number(exp) + 3600}.${mac}`)).toBe('tampered');
    expect(await refused(a.esc.id, `${id}.${exp}.${mac.slice(0, -2)}xx`)).toBe('tampered');
    expect(await refused(a.esc.id, `${b.esc.id}.${exp}.${mac}`)).toBe('tampered');
    expect(await refused(a.esc.id, 'garbage')).toBe('malformed');
    const shortLived = await signAnswerToken(t.deps, a.esc.id, 60_000);
    expect(await refused(a.esc.id, shortLived)).toBe('opened');
    t.deps.clock.advance(61_000);
    expect(await refused(a.esc.id, shortLived)).toBe('expired');
    await expect(
      answerByLink(t.deps, { escalationId: a.esc.id, token: shortLived, body: 'x' }),
    ).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(await refused(a.esc.id, a.token)).toBe('opened');
  });

  it('take one answer only: the second submission is a conflict', async () => {
    const { esc, token } = await escalated('double charge again');
    const answer = await answerByLink(t.deps, { escalationId: esc.id, token, body: 'Refunded today.' });
    expect(answer).toMatchObject({ via: 'link', status: 'submitted' });
    await expect(answerByLink(t.deps, { escalationId: esc.id, token, body: 'Again' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });
});

describe('inbound e-mail and webhook', () => {
  const post = (path: string, body: string, headers: Record<string, string>) =>
    t.app.request(`http://passerelle.test/inbound${path}`, { method: 'POST', body, headers });

  it('accepts a raw MIME reply with the token in the address, and strips the quoted text', async () => {
    const { esc, token } = await escalated('Where is my refund?');
    const mime = [
      'From: Nadia <billing@lumo.demo>',
      `To: answers+${token}@in.lumo.demo`,
      'Subject: Re: A billing question',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'The refund left on Monday, it takes 3 to 5 days.',
      '',
      'On Fri, Nov 20, 2026 at 10:00 Passerelle <care@lumo.demo> wrote:',
      '> A billing question for Nadia Billing',
      '> Where is my refund?',
    ].join('\r\n');
    const res = await post('/email', mime, { 'content-type': 'message/rfc822' });
    expect(res.status).toBe(201);
    const [row] = await t.deps.db.select().from(expertAnswers).where(eq(expertAnswers.escalationId, esc.id));
    expect(row).toMatchObject({ body: 'The refund left on Monday, it takes 3 to 5 days.', via: 'email' });
  });

  it('accepts a provider JSON shape, and refuses a reply without a valid token', async () => {
    const { esc, token } = await escalated('Can I pay yearly?');
    const json = (to: string) =>
      JSON.stringify({
        From: 'billing@lumo.demo',
        To: to,
        TextBody: 'Oui, en annuel.\n\nLe 20 nov. 2026, Passerelle a écrit :\n> ...',
      });
    expect(
      (await post('/email', json('care@lumo.demo'), { 'content-type': 'application/json' })).status,
    ).toBe(401);
    const forged = `answers+${esc.id}.9999999999.AAAA@in.lumo.demo`;
    expect((await post('/email', json(forged), { 'content-type': 'application/json' })).status).toBe(403);
    const ok = await post('/email', json(`answers+${token}@in.lumo.demo`), {
      'content-type': 'application/json',
    });
    expect(ok.status).toBe(201);
    const [row] = await t.deps.db.select().from(expertAnswers).where(eq(expertAnswers.escalationId, esc.id));
    expect(row?.body).toBe('Oui, en annuel.');
  });

  it('checks webhook signatures: valid, wrong, stale, replayed', async () => {
    const { esc } = await escalated('Do you bill in euros?');
    const key = await signingKey(t.deps, 'inbound-webhook');
    const body = JSON.stringify({ escalationId: esc.id, body: 'Yes, in euros.' });
    const now = Math.floor(t.deps.clock.now().getTime() / 1000);
    const sign = async (ts: number, b = body, k = key) => `sha256=${await hmacHex(k, `${ts}.${b}`)}`;
    const send = async (ts: number, signature: string, b = body) =>
      post('/webhook', b, {
        'content-type': 'application/json',
        'x-passerelle-timestamp': String(ts),
        'x-passerelle-signature': signature,
      });
    const code = async (r: Response) => ((await r.json()) as { error?: { message: string } }).error?.message;
    const wrong = await send(now, await sign(now, body, 'not-the-key'));
    expect(wrong.status).toBe(401);
    expect(await code(wrong)).toContain('does not match');
    const tampered = await send(now, await sign(now), body.replace('euros', 'dollars'));
    expect(tampered.status).toBe(401);
    const stale = await send(now - 600, await sign(now - 600));
    expect(await code(stale)).toContain('too far');
    const good = await send(now, await sign(now));
    expect(good.status).toBe(201);
    const replay = await send(now, await sign(now));
    expect(replay.status).toBe(401);
    expect(await code(replay)).toContain('already received');
    expect((await post('/webhook', body, { 'content-type': 'application/json' })).status).toBe(401);
  });
});

describe('approval against the brand guidelines, then knowledge', () => {
  it('refuses forbidden words and over-long text, sends back, then approves an edit unsigned', async () => {
    const admin = await actAs(t, 'admin');
    const advisor = await actAs(t, 'advisor');
    await expect(
      updateGuidelines(advisor, { brandId: t.brandId, forbiddenWords: ['free'] }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await updateGuidelines(admin, {
      brandId: t.brandId,
      toneNotes: 'Warm, short, no jargon.',
      forbiddenWords: ['free', 'gratuit', 'guarantee'],
      maxLength: 200,
    });
    const { caseId, esc, token } = await escalated('I paid twice for my Lumo+ subscription, refund?');
    await answerByLink(t.deps, { escalationId: esc.id, token, body: 'You get a free month as a guarantee.' });
    await expect(
      approveAnswer(advisor, { caseId, body: 'You get a FREE month as a guarantee.' }),
    ).rejects.toMatchObject({ code: 'validation_failed', issues: [{ field: 'body' }, { field: 'body' }] });
    await expect(approveAnswer(advisor, { caseId, body: 'x'.repeat(201) })).rejects.toMatchObject({
      code: 'validation_failed',
    });
    await sendBackAnswer(advisor, { caseId, note: 'No promises of free things, please.' });
    await answerByLink(t.deps, {
      escalationId: esc.id,
      token,
      body: 'The second charge is refunded in 5 days.',
    });
    const reply = await approveAnswer(advisor, {
      caseId,
      body: 'Hi! The second charge of your Lumo+ subscription is refunded within 5 days. Sorry about that!',
    });
    expect(reply.body).toBe(
      'Hi! The second charge of your Lumo+ subscription is refunded within 5 days. Sorry about that!',
    );
    expect(reply.body).not.toContain('Nadia');
    const kb = await t.deps.db
      .select()
      .from(knowledgeAnswers)
      .where(eq(knowledgeAnswers.sourceCaseId, caseId));
    expect(kb).toHaveLength(1);
    expect(kb[0]).toMatchObject({
      question: 'I paid twice for my Lumo+ subscription, refund?',
      language: 'en',
      answer: reply.body,
    });
  });

  it('signs with the expert’s first name only when the brand says so', async () => {
    const admin = await actAs(t, 'admin');
    await updateGuidelines(admin, { brandId: t.brandId, signWithExpert: true });
    const { caseId, esc, token } = await escalated('Is VAT included in the price?');
    await answerByLink(t.deps, { escalationId: esc.id, token, body: 'Yes, VAT is included.' });
    const reply = await approveAnswer(await actAs(t, 'advisor'), {
      caseId,
      body: 'Yes, VAT is included everywhere.',
    });
    expect(reply.body).toBe('Yes, VAT is included everywhere.\n– Nadia');
    await updateGuidelines(admin, { brandId: t.brandId });
  });

  it('suggests the closest reusable answer for a similar question and records a reply from it', async () => {
    const advisor = await actAs(t, 'advisor');
    const caseId = await makeCase(t, {
      text: 'charged two times for the lumo+ subscriptions, can I get refunded?',
    });
    const suggestions = await suggestForCase(advisor, caseId);
    expect(suggestions[0]?.question).toBe('I paid twice for my Lumo+ subscription, refund?');
    const french = await makeCase(t, { text: 'prélevé deux fois pour mon abonnement', language: 'fr' });
    expect(await suggestForCase(advisor, french)).toEqual([]);
    const reply = await answerFromKnowledge(advisor, {
      caseId,
      knowledgeAnswerId: suggestions[0]!.id,
      body: 'Hello! The double charge on your Lumo+ subscription is refunded within 5 days.',
    });
    const [row] = await t.deps.db.select().from(replies).where(eq(replies.id, reply.id));
    expect(row?.knowledgeAnswerId).toBe(suggestions[0]!.id);
    const [kb] = await listKnowledge(advisor, { q: 'paid twice' });
    expect(kb?.uses).toBe(1);
    await expect(suggestForCase(await actAs(t, 'marketing'), caseId)).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets experts and marketing edit the knowledge base, not advisors', async () => {
    const [kb] = await listKnowledge(await actAs(t, 'marketing'), { q: 'paid twice' });
    const edit = {
      id: kb!.id,
      question: kb!.question,
      answer: 'Refunds of double charges take 5 days.',
      topic: 'billing',
    };
    await expect(updateKnowledge(await actAs(t, 'advisor'), edit)).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect((await updateKnowledge(await actAs(t, 'marketing'), edit)).answer).toBe(edit.answer);
    expect((await updateKnowledge(await actAs(t, 'tech@lumo.demo'), edit)).updatedById).toBeTruthy();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asSystem } from '../../src/services/context';
import { advanceDemoNetwork } from '../../src/services/demo/advance-demo-network';
import { composeDemoPost } from '../../src/services/demo/compose-demo-post';
import { pollDueListeners } from '../../src/services/listening/poll-due-listeners';
import { sendDueReplies } from '../../src/services/replies/send-due-replies';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * The whole path on a real database (PGlite here, PostgreSQL in CI): a customer's specialist
 * question on the demo network is polled, classified, claimed, escalated, answered by an expert,
 * approved, posted in the customer's thread, and every step is in the audit log.
 */
describe('from a public mention to a public answer', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  const api = async (token: string, method: string, path: string, body?: unknown) => {
    const res = await t.app.request(`http://passerelle.test${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as any };
  };

  it('goes end to end through the API', async () => {
    const advisor = await t.token('advisor');
    const expert = await t.token('billing@lumo.demo');

    // A customer asks the demo brand a billing question, in French, in public.
    await advanceDemoNetwork(asSystem(t.deps));
    const customerPost = await composeDemoPost(asSystem(t.deps), {
      handle: 'margaux_dlr',
      text: "@lumo j'ai été prélevée deux fois pour l'abonnement Lumo+ ce mois-ci, vous pouvez me rembourser ?",
    });

    // One listening cycle stores it, classified, in a new case.
    const outcomes = await pollDueListeners(asSystem(t.deps), { force: true });
    expect(outcomes.every((o) => o.ok)).toBe(true);
    const inbox = await api(advisor, 'GET', '/api/cases?limit=200');
    expect(inbox.status).toBe(200);
    const row = inbox.json.data.find((c: any) => c.threadRootExternalId === customerPost.id);
    expect(row).toBeTruthy();
    expect(row.status).toBe('new');
    expect(row.language).toBe('fr');
    expect(row.topic).toBe('billing');
    expect(row.needsSpecialist).toBe('yes');
    const caseId: string = row.id;

    // The advisor claims it and escalates it; routing picks the billing expert who speaks French.
    expect((await api(advisor, 'POST', `/api/cases/${caseId}/claim`)).status).toBe(200);
    const esc = await api(advisor, 'POST', `/api/cases/${caseId}/escalate`, {
      note: 'Double charge, please check',
    });
    expect(esc.status).toBe(201);
    expect(esc.json.data.skill).toBe('billing');
    expect(esc.json.data.routingReason).toContain('Nadia Billing');

    // The expert sees it in their queue and answers.
    const queue = await api(expert, 'GET', '/api/expert/questions');
    expect(queue.json.data.map((q: any) => q.escalation.id)).toContain(esc.json.data.id);
    const answer = await api(expert, 'POST', `/api/escalations/${esc.json.data.id}/answer`, {
      body: 'Bonjour Margaux, le second prélèvement a été annulé : le remboursement arrive sous 5 jours.',
    });
    expect(answer.status).toBe(201);

    // The advisor approves an edited version; it goes to the outbox, then to the network.
    const approved = await api(advisor, 'POST', `/api/cases/${caseId}/approve`, {
      body: 'Bonjour Margaux, le second prélèvement a été annulé : vous serez remboursée sous 5 jours. Désolés !',
    });
    expect(approved.status).toBe(201);
    expect(approved.json.data.status).toBe('queued');
    const sent = await sendDueReplies(asSystem(t.deps));
    expect(sent).toEqual([expect.objectContaining({ status: 'sent' })]);

    // The reply is on the demo network, in the customer's thread, from the brand.
    const feed = await t.app.request(
      `http://passerelle.test/demo-network/api/posts?kind=keyword&q=remboursée`,
    );
    const replies = ((await feed.json()) as any).posts.filter((p: any) => p.inReplyTo === customerPost.id);
    expect(replies).toHaveLength(1);
    expect(replies[0]).toMatchObject({ byBrand: true, threadRoot: customerPost.threadRoot });

    // The case is answered, and the audit log holds every step in order.
    const detail = await api(advisor, 'GET', `/api/cases/${caseId}`);
    expect(detail.json.data.case.status).toBe('answered');
    expect(detail.json.data.replies[0]).toMatchObject({ status: 'sent', externalId: replies[0].id });
    const actions = detail.json.data.history.map((h: any) => h.action);
    expect(actions).toEqual([
      'case.opened',
      'case.claimed',
      'case.escalated',
      'expert.answered',
      'answer.approved',
      'knowledge.added',
      'reply.queued',
      'reply.sent',
    ]);

    // Our own reply comes back on the next poll: it joins the thread and opens no case.
    await pollDueListeners(asSystem(t.deps), { force: true });
    const after = await api(advisor, 'GET', `/api/cases/${caseId}`);
    expect(after.json.data.case.status).toBe('answered');
    const again = await api(advisor, 'GET', '/api/cases?status=new&limit=200');
    expect(again.json.data.some((c: any) => c.threadRootExternalId === replies[0].id)).toBe(false);
  });
});

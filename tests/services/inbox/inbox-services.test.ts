import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cases,
  mentions,
  notificationChannels,
  notifications,
  replies,
  slaPolicies,
} from '../../../src/db/schema';
import { addBusinessMinutes } from '../../../src/domain/sla';
import { asSystem, type Ctx } from '../../../src/services/context';
import { bulkAction } from '../../../src/services/inbox/bulk-action';
import { cannedFor, renderCanned } from '../../../src/services/inbox/canned';
import { checkSlas } from '../../../src/services/inbox/check-slas';
import { claimCase } from '../../../src/services/inbox/claim-case';
import { caseVersion, STALE_CUSTOMER, STALE_REPLY } from '../../../src/services/inbox/collision';
import { escalateWithHolding } from '../../../src/services/inbox/escalate-with-holding';
import { inboxEventsSince, latestEventId } from '../../../src/services/inbox/inbox-events';
import { countCases, listCases } from '../../../src/services/inbox/list-cases';
import { addNote, listNotes } from '../../../src/services/inbox/notes';
import { otherViewers, touchPresence } from '../../../src/services/inbox/presence';
import { replyToCase } from '../../../src/services/inbox/reply-to-case';
import { deleteView, listViews, saveView } from '../../../src/services/inbox/saved-views';
import { hoursOf } from '../../../src/services/inbox/sla-targets';
import { createTestApp, type TestApp } from '../../helpers/app';
import { actorCtx, customerPost } from './fixtures';

let t: TestApp;
let advisor: Ctx;
let advisor2: Ctx;
let expert: Ctx;
let marketing: Ctx;

beforeAll(async () => {
  t = await createTestApp();
  advisor = await actorCtx(t, 'advisor');
  expert = await actorCtx(t, 'billing@lumo.demo');
  marketing = await actorCtx(t, 'marketing');
  const { createUser } = await import('../../../src/services/users/create-user');
  const admin = await actorCtx(t, 'admin');
  await createUser(admin, {
    email: 'second@lumo.demo',
    name: 'Basile Second',
    role: 'advisor',
    password: 'demo-passerelle',
  });
  advisor2 = await actorCtx(t, 'second@lumo.demo');
});
afterAll(async () => {
  await t.close();
});

const caseRow = async (id: string) => (await t.deps.db.select().from(cases).where(eq(cases.id, id)))[0]!;

describe('inbox filters and saved views', () => {
  it('filters by sentiment, network, assignee and SLA state, and counts per view', async () => {
    const angry = await customerPost(
      t,
      '@lumo this is the worst service ever, my order is broken and nobody answers!',
    );
    const happy = await customerPost(t, '@lumo I love my new lamp, thank you so much, great work!');
    const a = await caseRow(angry.caseId);
    const h = await caseRow(happy.caseId);
    expect(a.sentiment).toBe('negative');
    expect(h.sentiment).toBe('positive');

    const neg = await listCases(advisor, { sentiment: 'negative', limit: 200 });
    expect(neg.map((r) => r.id)).toContain(angry.caseId);
    expect(neg.map((r) => r.id)).not.toContain(happy.caseId);

    await claimCase(advisor, { caseId: happy.caseId });
    const mine = await listCases(advisor, { assignee: 'me' });
    expect(mine.map((r) => r.id)).toEqual([happy.caseId]);
    const byId = await listCases(advisor, { assignee: advisor.actor!.id });
    expect(byId.map((r) => r.id)).toEqual([happy.caseId]);
    expect(await countCases(advisor, { assignee: 'unassigned', brand: t.brandId })).toBeGreaterThan(0);
    expect(await countCases(advisor, { brand: 'brd_none' })).toBe(0);

    // SLA: the SQL filter and the state shown on each row agree.
    for (const state of ['ok', 'due_soon', 'breached', 'met'] as const) {
      const rows = await listCases(advisor, { sla: state, status: 'all', limit: 200 });
      for (const r of rows) expect(r.sla).toBe(state);
    }
    t.deps.clock.advance(3 * 24 * 60 * 60_000);
    const late = await listCases(advisor, { sla: 'breached', limit: 200 });
    expect(late.map((r) => r.id)).toEqual(expect.arrayContaining([angry.caseId, happy.caseId]));
    t.deps.clock.advance(-3 * 24 * 60 * 60_000);

    const view = await saveView(advisor, {
      name: 'Angry',
      filters: { sentiment: 'negative', limit: '5', bogus: 'x' },
    });
    expect(view.filters).toEqual({ sentiment: 'negative' });
    await expect(saveView(advisor, { name: 'Angry', filters: {} })).rejects.toThrow(/already have a view/);
    const views = await listViews(advisor);
    expect(views).toHaveLength(1);
    expect(views[0]!.count).toBe(await countCases(advisor, { sentiment: 'negative' }));
    expect(views[0]!.query).toBe('sentiment=negative');
    // Views are personal.
    expect(await listViews(advisor2)).toHaveLength(0);
    await expect(deleteView(advisor2, { id: view.id })).rejects.toThrow(/does not exist/);
    await deleteView(advisor, { id: view.id });
    expect(await listViews(advisor)).toHaveLength(0);
    await expect(listViews(marketing)).rejects.toThrow(/may not/);
  });
});

describe('no collisions', () => {
  it('claiming is atomic: of two advisors claiming at once, one wins', async () => {
    const { caseId } = await customerPost(t, '@lumo my lamp does not turn on anymore');
    const results = await Promise.allSettled([
      claimCase(advisor, { caseId }),
      claimCase(advisor2, { caseId }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
  });

  it('shows who else has the case open, for a minute', async () => {
    const { caseId } = await customerPost(t, '@lumo where is my parcel?');
    await touchPresence(advisor, caseId);
    await touchPresence(advisor2, caseId);
    expect((await otherViewers(advisor, caseId)).map((u) => u.name)).toEqual(['Basile Second']);
    t.deps.clock.advance(61_000);
    await touchPresence(advisor, caseId);
    expect(await otherViewers(advisor, caseId)).toEqual([]);
  });

  it('refuses a reply when someone replied or the customer wrote since the composer opened', async () => {
    const first = await customerPost(t, '@lumo does the lamp work with a dimmer?', { handle: 'dimmer_fan' });
    const opened = await caseVersion(t.deps.db, first.caseId);
    // The customer writes again in the same thread.
    await customerPost(t, '@lumo also, is it waterproof?', {
      handle: 'dimmer_fan',
      thread: first.externalId,
    });
    await expect(
      replyToCase(advisor, {
        caseId: first.caseId,
        body: 'Hi @dimmer_fan, yes it does!',
        seenVersion: opened,
      }),
    ).rejects.toThrow(STALE_CUSTOMER);
    // Opened now, the composer is current: the reply goes.
    const now = await caseVersion(t.deps.db, first.caseId);
    await replyToCase(advisor, {
      caseId: first.caseId,
      body: 'Hi @dimmer_fan, yes to both!',
      seenVersion: now,
    });
    // A second advisor whose page was opened before that reply cannot send another one.
    await expect(
      replyToCase(advisor, { caseId: first.caseId, body: 'Hi @dimmer_fan, yes!!', seenVersion: now }),
    ).rejects.toThrow(STALE_REPLY);
    const rows = await t.deps.db.select().from(replies).where(eq(replies.caseId, first.caseId));
    expect(rows).toHaveLength(1);
    expect((await caseRow(first.caseId)).firstRespondedAt).not.toBeNull();
  });
});

describe('composer', () => {
  it('fills canned responses in the language of the case, personalised per customer', async () => {
    const fr = await customerPost(t, "@lumo bonjour, j'ai oublié mon mot de passe, comment faire ?", {
      handle: 'julie_p',
      displayName: 'Julie Petit',
    });
    const en = await customerPost(t, '@lumo hi, I forgot my password, how do I reset it?', {
      handle: 'sam_k',
    });
    const cf = await cannedFor(advisor, fr.caseId);
    expect(cf.language).toBe('fr');
    const reset = cf.answers.find((a) => a.title === 'Mot de passe oublié')!;
    expect(reset.body.startsWith('Bonjour Julie,')).toBe(true);
    const ce = await cannedFor(advisor, en.caseId);
    expect(ce.language).toBe('en');
    expect(ce.answers.find((a) => a.title === 'Password reset')!.body).toContain('Hi @sam_k,');
    expect(ce.holding[0]!.body).toMatch(/will answer here by \w+day/);
    expect(
      renderCanned('Thanks, see {caseLink}', {
        name: 'A',
        handle: '@a',
        caseLink: 'https://x/1',
        caseRef: '#1',
      }),
    ).toBe('@a Thanks, see https://x/1');
    await expect(cannedFor(marketing, en.caseId)).rejects.toThrow(/may not/);
  });

  it('refuses a public reply that repeats an earlier one word for word', async () => {
    const a = await customerPost(t, '@lumo is there a warranty?');
    const b = await customerPost(t, '@lumo is there a guarantee?');
    await replyToCase(advisor, { caseId: a.caseId, body: 'Yes, two years on every lamp.' });
    await expect(
      replyToCase(advisor, { caseId: b.caseId, body: 'Yes, two years on every lamp.' }),
    ).rejects.toThrow(/Invalid|repeats/);
  });

  it('keeps internal notes for advisors and experts, never marketing, never in the outbox', async () => {
    const { caseId } = await customerPost(t, '@lumo my invoice is wrong');
    await addNote(advisor, { caseId, body: 'VIP customer, be gentle' });
    t.deps.clock.advance(1000);
    await addNote(expert, { caseId, body: 'Checked: refund due' });
    const notes = await listNotes(advisor, caseId);
    expect(notes.map((n) => n.body)).toEqual(['VIP customer, be gentle', 'Checked: refund due']);
    await expect(addNote(marketing, { caseId, body: 'x' })).rejects.toThrow(/may not/);
    await expect(listNotes(marketing, caseId)).rejects.toThrow(/may not/);
    expect(await t.deps.db.select().from(replies).where(eq(replies.caseId, caseId))).toHaveLength(0);
  });
});

describe('holding reply', () => {
  it('escalates and queues a holding reply that does not close the case when sent', async () => {
    // A real post on the demo network, so the outbox can answer it there.
    const { composeDemoPost } = await import('../../../src/services/demo/compose-demo-post');
    const { pollDueListeners } = await import('../../../src/services/listening/poll-due-listeners');
    const post = await composeDemoPost(asSystem(t.deps), {
      handle: 'charged_twice',
      text: '@lumo I was charged twice for my Lumo+ subscription, please refund',
    });
    await pollDueListeners(asSystem(t.deps), { force: true });
    const [m] = await t.deps.db.select().from(mentions).where(eq(mentions.externalId, post.id));
    const caseId = m!.caseId!;
    const canned = await cannedFor(advisor, caseId);
    const text = canned.holding[0]!.body;
    const out = await escalateWithHolding(advisor, { caseId, skill: 'billing', holding: text });
    expect(out.holdingReply?.kind).toBe('holding');
    const c = await caseRow(caseId);
    expect(c.status).toBe('waiting_expert');
    expect(c.resolutionDueAt).not.toBeNull();
    expect(c.firstRespondedAt).not.toBeNull();
    // Sending it through the outbox leaves the question with the expert.
    const { sendDueReplies } = await import('../../../src/services/replies/send-due-replies');
    await sendDueReplies(asSystem(t.deps));
    const [sent] = await t.deps.db.select().from(replies).where(eq(replies.caseId, caseId));
    expect(sent!.lastError).toBeNull();
    expect(sent!.status).toBe('sent');
    expect((await caseRow(caseId)).status).toBe('waiting_expert');
  });

  it('a refused holding reply leaves the case unescalated', async () => {
    const { caseId } = await customerPost(t, '@lumo the firmware update bricked my lamp');
    await expect(escalateWithHolding(advisor, { caseId, holding: 'x'.repeat(5000) })).rejects.toThrow();
    expect((await caseRow(caseId)).status).toBe('new');
  });
});

describe('bulk actions', () => {
  it('applies to the cases it can and names the ones it cannot, with audit rows', async () => {
    const a = await customerPost(t, '@lumo buy cheap followers now www.spam.example');
    const b = await customerPost(t, '@lumo free crypto giveaway click here');
    const held = await customerPost(t, '@lumo my delivery is late');
    await claimCase(advisor2, { caseId: held.caseId });
    const res = await bulkAction(advisor, {
      caseIds: [a.caseId, b.caseId, held.caseId, 'case_missing'],
      action: 'spam',
    });
    expect(res.done.sort()).toEqual([a.caseId, b.caseId].sort());
    expect(res.failed).toEqual(
      expect.arrayContaining([
        { caseId: held.caseId, reason: 'held_by_other' },
        { caseId: 'case_missing', reason: 'not_found' },
      ]),
    );
    expect((await caseRow(a.caseId)).intent).toBe('spam');
    expect((await caseRow(a.caseId)).status).toBe('ignored');
    // Already ignored: not active any more.
    const again = await bulkAction(advisor, { caseIds: [a.caseId], action: 'ignore' });
    expect(again.failed).toEqual([{ caseId: a.caseId, reason: 'not_active' }]);

    const c = await customerPost(t, '@lumo where is my parcel');
    const assigned = await bulkAction(advisor, {
      caseIds: [c.caseId],
      action: 'assign',
      assigneeId: advisor2.actor!.id,
    });
    expect(assigned.done).toEqual([c.caseId]);
    expect((await caseRow(c.caseId)).assigneeId).toBe(advisor2.actor!.id);
    await expect(
      bulkAction(advisor, { caseIds: [c.caseId], action: 'assign', assigneeId: expert.actor!.id }),
    ).rejects.toThrow();

    const d = await customerPost(t, '@lumo my parcel has not arrived');
    await bulkAction(advisor, { caseIds: [d.caseId], action: 'topic', topic: 'billing' });
    expect((await caseRow(d.caseId)).topic).toBe('billing');
    // An unknown topic rolls the whole action back.
    await expect(
      bulkAction(advisor, { caseIds: [d.caseId], action: 'topic', topic: 'nonsense' }),
    ).rejects.toThrow();
    expect((await caseRow(d.caseId)).topic).toBe('billing');
    await expect(bulkAction(marketing, { caseIds: [d.caseId], action: 'ignore' })).rejects.toThrow(/may not/);
  });
});

describe('SLAs', () => {
  it('gives a new case due times from its brand policy in business hours', async () => {
    const { caseId } = await customerPost(t, '@lumo my lamp flickers', { minutesAgo: 0 });
    const c = await caseRow(caseId);
    const policies = await t.deps.db.select().from(slaPolicies).where(eq(slaPolicies.brandId, t.brandId));
    const policy = policies
      .filter((p) => p.minPriority <= c.priority)
      .sort((x, y) => y.minPriority - x.minPriority)[0]!;
    const hours = hoursOf(policy, 'Europe/Paris');
    expect(c.firstResponseDueAt?.toISOString()).toBe(
      addBusinessMinutes(c.lastMentionAt, policy.firstResponseMinutes, hours).toISOString(),
    );
    expect(c.resolutionDueAt?.toISOString()).toBe(
      addBusinessMinutes(c.lastMentionAt, policy.resolutionMinutes, hours).toISOString(),
    );
  });

  it('reminds before the due time once, and moves a missed question to the backup', async () => {
    const admin = await actorCtx(t, 'admin');
    await t.deps.db.insert(notificationChannels).values([
      {
        id: 'ch_sla_exp',
        name: 'Experts',
        kind: 'slack',
        target: 'http://127.0.0.1:9/x',
        audiences: ['experts'],
      },
      {
        id: 'ch_sla_adv',
        name: 'Advisors',
        kind: 'slack',
        target: 'http://127.0.0.1:9/y',
        audiences: ['advisors'],
      },
    ]);
    const { caseId } = await customerPost(t, '@lumo I was billed twice this month');
    await escalateWithHolding(advisor, { caseId, skill: 'billing' });
    const c = await caseRow(caseId);
    const due = c.resolutionDueAt!;
    // Ten minutes before the due time: one reminder, not two.
    t.deps.clock.set(new Date(due.getTime() - 10 * 60_000));
    await checkSlas(asSystem(t.deps));
    await checkSlas(asSystem(t.deps));
    const reminders = (await t.deps.db.select().from(notifications)).filter((n) =>
      n.dedupeKey.startsWith(`sla-reminder:${caseId}:resolution`),
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.channelId).toBe('ch_sla_exp');
    // Past due: moved to the team lead (the demo's backup), once, with a history entry.
    t.deps.clock.set(new Date(due.getTime() + 60_000));
    const first = await checkSlas(asSystem(t.deps));
    const second = await checkSlas(asSystem(t.deps));
    expect(first.moved).toBeGreaterThanOrEqual(1);
    expect(second.moved).toBe(0);
    const { escalations, auditLog } = await import('../../../src/db/schema');
    const [esc] = await t.deps.db.select().from(escalations).where(eq(escalations.caseId, caseId));
    expect(esc!.expertId).toBe(admin.actor!.id);
    const history = await t.deps.db.select().from(auditLog).where(eq(auditLog.caseId, caseId));
    const breach = history.find((h) => h.action === 'sla.breached');
    expect(breach?.details).toMatchObject({ to: admin.actor!.id });
    t.deps.clock.set(new Date('2026-11-20T09:00:00Z'));
  });
});

describe('live events', () => {
  it('lists inbox changes after an event id', async () => {
    const { caseId } = await customerPost(t, '@lumo hello there, quick question about colours');
    const since = await latestEventId(advisor);
    await claimCase(advisor, { caseId });
    const events = await inboxEventsSince(advisor, since);
    expect(events.map((e) => [e.action, e.caseId])).toEqual([['case.claimed', caseId]]);
    await expect(latestEventId(expert)).rejects.toThrow(/may not/);
  });
});

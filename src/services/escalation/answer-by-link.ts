import { and, arrayContains, asc, desc, eq, inArray, ne } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { cases, escalations, mentions, users } from '../../db/schema';
import { NotFoundError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import type { Actor, Ctx, ServiceDeps } from '../context';
import { getCase } from '../inbox/get-case';
import { suggestKnowledge } from '../knowledge/suggest-knowledge';
import { notify } from '../notifications/notify';
import { validate } from '../validate';
import { verifyAnswerToken } from './answer-links';
import { type AnswerVia, recordAnswer } from './submit-answer';

/**
 * Who acts through a signed link: the expert it was routed to, or, for a team question, whoever
 * holds the link. The token is the credential, so nothing here needs a session.
 */
async function linkActor(deps: ServiceDeps, esc: { id: string; expertId: string | null }): Promise<Actor> {
  if (esc.expertId) {
    const [u] = await deps.db.select().from(users).where(eq(users.id, esc.expertId));
    if (u) return { id: u.id, name: u.name, role: u.role };
  }
  return { id: `link:${esc.id}`, name: 'Expert (signed link)', role: 'expert' };
}

async function verified(deps: ServiceDeps, escalationId: string, token: string) {
  await verifyAnswerToken(deps, escalationId, token);
  const [esc] = await deps.db.select().from(escalations).where(eq(escalations.id, escalationId));
  if (!esc) throw new NotFoundError('Question', escalationId);
  return esc;
}

/** What the expert sees behind the link: the question, the thread, the customer's history, past answers. */
export async function openLinkedQuestion(deps: ServiceDeps, input: { escalationId: string; token: string }) {
  const esc = await verified(deps, input.escalationId, input.token);
  const actor = await linkActor(deps, esc);
  // Read-only, and only this case: the verified token is the scope, so the read runs with full sight.
  const data = await getCase({ ...deps, actor: { ...actor, role: 'admin' } }, esc.caseId);
  const earlier = await deps.db
    .select({ id: cases.id, status: cases.status, topic: cases.topic, lastMentionAt: cases.lastMentionAt })
    .from(cases)
    .where(and(eq(cases.authorId, data.case.authorId), ne(cases.id, esc.caseId)))
    .orderBy(desc(cases.lastMentionAt))
    .limit(5);
  const firstPosts = earlier.length
    ? await deps.db
        .select({ caseId: mentions.caseId, text: mentions.text })
        .from(mentions)
        .where(
          and(
            inArray(
              mentions.caseId,
              earlier.map((e) => e.id),
            ),
            eq(mentions.fromBrand, false),
          ),
        )
        .orderBy(asc(mentions.postedAt))
    : [];
  const firstText = new Map<string, string>();
  for (const p of firstPosts) if (p.caseId && !firstText.has(p.caseId)) firstText.set(p.caseId, p.text);
  const question = data.thread.find((m) => !m.fromBrand)?.text ?? '';
  const similar = await suggestKnowledge(deps.db, {
    brandId: data.case.brandId,
    language: esc.language,
    text: data.thread
      .filter((m) => !m.fromBrand)
      .map((m) => m.text)
      .join('\n'),
    limit: 3,
  });
  return {
    escalation: esc,
    actor,
    /** For a team question, who may be answering: the page offers them by name. */
    team: esc.expertId ? [] : (await teamOf(deps, esc.skill)).map(({ id, name }) => ({ id, name })),
    data,
    question,
    earlierCases: earlier.map((e) => ({ ...e, text: firstText.get(e.id) ?? '' })),
    similar,
  };
}

/** The experts of a skill's team, active ones only, by name. */
async function teamOf(deps: ServiceDeps, skill: string) {
  const rows = await deps.db
    .select({ id: users.id, name: users.name, email: users.email, disabledAt: users.disabledAt })
    .from(users)
    .where(and(eq(users.role, 'expert'), arrayContains(users.skills, [skill])))
    .orderBy(asc(users.name));
  return rows.filter((r) => !r.disabledAt).map(({ id, name, email }) => ({ id, name, email }));
}

export const linkAnswerInput = z.object({
  escalationId: z.string().min(1),
  token: z.string().min(1),
  body: z.string().trim().min(1, 'write the answer first').max(10_000),
  /** On a team question: who answers, typed or picked from the team. */
  authorName: z.string().trim().max(120).optional(),
  authorId: z.string().trim().max(64).optional(),
});

/** Who answers a team question: a picked or named team member, else the name as given. */
export interface TeamAuthor {
  authorId?: string;
  authorName?: string;
  /** The sender of an e-mail reply: a team member's address names them. */
  authorEmail?: string;
}

/**
 * Submits the answer for approval on the strength of the link (or the e-mail reply, or the bot).
 * On the page, a team question asks who answers: nobody is signed in, and the approver, the
 * history and the thanks page need a name.
 */
export async function answerByLink(
  deps: ServiceDeps,
  raw: unknown,
  via: AnswerVia = 'link',
  from: Pick<TeamAuthor, 'authorName' | 'authorEmail'> = {},
) {
  const d = validate(linkAnswerInput, raw);
  const esc = await verified(deps, d.escalationId, d.token);
  if (via === 'link' && !esc.expertId && !d.authorId && !d.authorName) {
    throw new ValidationError([{ field: 'authorName', message: 'say who answers' }]);
  }
  return answerVerified(deps, esc.id, d.body, via, { ...from, ...d });
}

/**
 * The name a team answer carries. A pick must be in the team; a typed name that is a team
 * member's becomes theirs (case and spacing aside), so the thanks page credits them.
 */
async function namedAuthor(deps: ServiceDeps, skill: string, who: TeamAuthor) {
  const team = await teamOf(deps, skill);
  if (who.authorId) {
    const picked = team.find((m) => m.id === who.authorId);
    if (!picked) throw new ValidationError([{ field: 'authorId', message: 'is not in this team' }]);
    return { authorId: picked.id, authorName: picked.name };
  }
  const email = who.authorEmail?.trim().toLowerCase();
  const sender = email ? team.find((m) => m.email.toLowerCase() === email) : undefined;
  if (sender) return { authorId: sender.id, authorName: sender.name };
  const name = who.authorName?.replace(/\s+/g, ' ').trim();
  if (!name) return null;
  const same = team.find((m) => m.name.localeCompare(name, undefined, { sensitivity: 'base' }) === 0);
  return same ? { authorId: same.id, authorName: same.name } : { authorId: null, authorName: name };
}

/** For callers that authenticated the request themselves (a signed webhook). */
export async function answerVerified(
  deps: ServiceDeps,
  escalationId: string,
  body: string,
  via: AnswerVia,
  who: TeamAuthor = {},
) {
  const [esc0] = await deps.db.select().from(escalations).where(eq(escalations.id, escalationId));
  if (!esc0) throw new NotFoundError('Question', escalationId);
  const linked = await linkActor(deps, esc0);
  const named = esc0.expertId ? null : await namedAuthor(deps, esc0.skill, who);
  // The history names who answered: the audit row's actor is the named person when there is one.
  const actor: Actor = named
    ? { id: named.authorId ?? linked.id, name: named.authorName, role: 'expert' }
    : linked;
  const ctx: Ctx = { ...deps, actor };
  return withTransaction(deps.db, async (tx) => {
    const [esc] = await tx.select().from(escalations).where(eq(escalations.id, escalationId)).for('update');
    if (!esc) throw new NotFoundError('Question', escalationId);
    const authorId = actor.id.startsWith('link:') ? null : actor.id;
    return recordAnswer(tx, ctx, esc, { authorId, authorName: named?.authorName ?? null, body, via });
  });
}

export const askAdvisorInput = z.object({
  escalationId: z.string().min(1),
  token: z.string().min(1),
  question: z.string().trim().min(1, 'write your question first').max(4000),
});

/** The expert asks the advisor something: an internal note on the case, never public. */
export async function askAdvisor(deps: ServiceDeps, raw: unknown) {
  const d = validate(askAdvisorInput, raw);
  const esc = await verified(deps, d.escalationId, d.token);
  const actor = await linkActor(deps, esc);
  const ctx: Ctx = { ...deps, actor };
  return withTransaction(deps.db, async (tx) => {
    await audit(tx, ctx, {
      action: 'expert.asked',
      entityType: 'escalation',
      entityId: esc.id,
      caseId: esc.caseId,
      details: { note: d.question, internal: true },
    });
    await notify(tx, ctx, 'advisors', {
      dedupeKey: `expert-asked:${esc.id}:${ctx.clock.now().getTime()}`,
      subject: `${actor.name} has a question about a case`,
      body: d.question,
      link: `${deps.publicUrl}/cases/${encodeURIComponent(esc.caseId)}`,
      payload: { event: 'expert.asked', escalationId: esc.id, caseId: esc.caseId },
    });
    return { ok: true };
  });
}

import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Mention, NetworkId } from '../../../connectors/types';
import type { Classification } from '../../classify';
import { priorityOf } from '../../classify';
import type { Db } from '../../db/client';
import { authors, type CaseStatus, cases, classifications, mentions, replies } from '../../db/schema';
import { responseTargetMinutes, statusAfterFollowUp } from '../../domain/case-status';
import { type AuditEntry, audit } from '../audit';
import type { Ctx } from '../context';
import { openingTargetsFor } from '../inbox/sla-targets';

export interface IncomingMention {
  mention: Mention;
  /** Posted from the brand's own account: threads it, never opens a case. */
  fromBrand: boolean;
  /** Null for the brand's own posts, which are not classified. */
  classification: Classification | null;
}

export interface StoreTarget {
  brandId: string;
  listenerId: string | null;
  network: NetworkId;
}

/** Rows per statement: well under PostgreSQL's 65,535 bound parameters for the widest table. */
const CHUNK = 1_000;

/**
 * Stores mentions idempotently in the caller's transaction, a poll's worth at a time: multi-row
 * `insert ... on conflict do nothing returning` for authors, mentions, cases and classifications,
 * so a mention already stored is skipped by the unique index (never check-then-insert) and the cost
 * is a handful of statements per poll rather than several per mention. Each new mention joins the
 * case of its thread. Returns the ids of the mentions actually inserted.
 */
export async function storeMentions(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  incoming: IncomingMention[],
): Promise<string[]> {
  if (incoming.length === 0) return [];
  const now = ctx.clock.now();
  // Oldest first, so a reply in the same batch finds the case its root opens; one row per post.
  const byId = new Map<string, IncomingMention>();
  for (const item of incoming)
    if (!byId.has(item.mention.externalId)) byId.set(item.mention.externalId, item);
  const ordered = [...byId.values()].sort((a, b) => a.mention.createdAt.localeCompare(b.mention.createdAt));
  const authorIds = await upsertAuthors(tx, ctx, target.network, ordered);
  const roots = await resolveThreadRoots(tx, target, ordered);

  const prepared = ordered.map((item) => ({
    item,
    id: ctx.ids('men'),
    authorId: authorIds.get(item.mention.author.externalId)!,
    threadRoot: roots.get(item.mention.externalId)!,
  }));
  const insertedIds = new Set<string>();
  for (const part of chunks(prepared, CHUNK)) {
    const rows = await tx
      .insert(mentions)
      .values(
        part.map(({ item, id, authorId, threadRoot }) => {
          const m = item.mention;
          return {
            id,
            brandId: target.brandId,
            listenerId: target.listenerId,
            network: target.network,
            externalId: m.externalId,
            authorId,
            text: m.text,
            url: m.url,
            language: item.classification?.language.label ?? m.language ?? null,
            inReplyToExternalId: m.inReplyToId ?? null,
            threadRootExternalId: threadRoot,
            fromBrand: item.fromBrand,
            raw: m.raw ?? {},
            postedAt: new Date(m.createdAt),
            receivedAt: now,
          };
        }),
      )
      .onConflictDoNothing()
      .returning({ id: mentions.id });
    for (const r of rows) insertedIds.add(r.id);
  }
  const fresh = prepared.filter((p) => insertedIds.has(p.id));
  if (fresh.length === 0) return [];

  const caseOf = await attachCases(tx, ctx, target, fresh);
  await setMentionCases(tx, fresh, caseOf);
  const classified = fresh.filter((p) => p.item.classification);
  for (const part of chunks(classified, CHUNK)) {
    await tx
      .insert(classifications)
      .values(part.map((p) => classificationRow(ctx, p.id, p.item.classification!, priorityFor(p.item))));
  }
  return fresh.map((p) => p.id);
}

interface Prepared {
  item: IncomingMention;
  id: string;
  authorId: string;
  threadRoot: string;
}

/**
 * Opens one case per new thread and joins the others, in the order the posts were written. Cases
 * are inserted together with `on conflict do nothing`; a thread whose case already exists (or that
 * another instance opened meanwhile) is locked and updated once with all its follow-ups.
 */
async function attachCases(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  fresh: Prepared[],
): Promise<Map<string, string>> {
  const caseOf = new Map<string, string>();
  const byRoot = new Map<string, Prepared[]>();
  for (const p of fresh) {
    if (p.item.fromBrand) continue;
    const list = byRoot.get(p.threadRoot);
    if (list) list.push(p);
    else byRoot.set(p.threadRoot, [p]);
  }
  const entries: AuditEntry[] = [];
  const opened = new Map<string, string>();
  const candidates = [...byRoot.values()].map((list) => ({ first: list[0]!, id: ctx.ids('case') }));
  const targetsFor = candidates.length > 0 ? await openingTargetsFor(tx, target.brandId) : () => null;
  for (const part of chunks(candidates, CHUNK)) {
    const rows = await tx
      .insert(cases)
      .values(part.map(({ first, id }) => caseRow(target, first, id, targetsFor)))
      .onConflictDoNothing()
      .returning({ id: cases.id, root: cases.threadRootExternalId });
    for (const r of rows) opened.set(r.root, r.id);
  }
  const followUps: Array<{ root: string; items: Prepared[] }> = [];
  for (const [root, list] of byRoot) {
    const id = opened.get(root);
    if (!id) {
      followUps.push({ root, items: list });
      continue;
    }
    const first = list[0]!;
    entries.push({
      action: 'case.opened',
      entityType: 'case',
      entityId: id,
      caseId: id,
      details: {
        network: target.network,
        externalId: first.item.mention.externalId,
        priority: priorityFor(first.item),
      },
    });
    if (list.length > 1) followUps.push({ root, items: list.slice(1) });
  }
  const joined = await joinCases(tx, ctx, target, followUps, entries);
  for (const [root, id] of [...opened, ...joined]) caseOf.set(root, id);

  // The brand's own posts join the case of their thread when there is one; they never open one.
  const brandRoots = [...new Set(fresh.filter((p) => p.item.fromBrand).map((p) => p.threadRoot))].filter(
    (r) => !caseOf.has(r),
  );
  for (const part of chunks(brandRoots, CHUNK)) {
    const rows = await tx
      .select({ id: cases.id, root: cases.threadRootExternalId })
      .from(cases)
      .where(
        and(
          eq(cases.brandId, target.brandId),
          eq(cases.network, target.network),
          inArray(cases.threadRootExternalId, part),
        ),
      );
    for (const r of rows) caseOf.set(r.root, r.id);
  }
  await audit(tx, ctx, entries);
  return caseOf;
}

/** Follow-ups on existing cases: locked, then one update per case carrying all its new posts. */
async function joinCases(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  followUps: Array<{ root: string; items: Prepared[] }>,
  entries: AuditEntry[],
): Promise<Map<string, string>> {
  const joined = new Map<string, string>();
  if (followUps.length === 0) return joined;
  const existing = new Map<
    string,
    { id: string; status: CaseStatus; priority: number; lastMentionAt: Date }
  >();
  for (const part of chunks(followUps, CHUNK)) {
    const rows = await tx
      .select({
        id: cases.id,
        root: cases.threadRootExternalId,
        status: cases.status,
        priority: cases.priority,
        lastMentionAt: cases.lastMentionAt,
      })
      .from(cases)
      .where(
        and(
          eq(cases.brandId, target.brandId),
          eq(cases.network, target.network),
          inArray(
            cases.threadRootExternalId,
            part.map((f) => f.root),
          ),
        ),
      )
      .orderBy(cases.id)
      .for('update');
    for (const r of rows) existing.set(r.root, r);
  }
  for (const { root, items } of followUps) {
    const c = existing.get(root);
    if (!c) throw new Error('case vanished while joining its thread');
    let { status, priority, lastMentionAt } = c;
    const before = status;
    for (const p of items) {
      const next = statusAfterFollowUp(status);
      entries.push({
        action: next !== status ? 'case.reopened' : 'case.follow_up',
        entityType: 'case',
        entityId: c.id,
        caseId: c.id,
        details: { externalId: p.item.mention.externalId, from: status, to: next },
      });
      status = next;
      priority = Math.max(priority, priorityFor(p.item));
      const postedAt = new Date(p.item.mention.createdAt);
      if (postedAt > lastMentionAt) lastMentionAt = postedAt;
    }
    if (
      status !== before ||
      priority !== c.priority ||
      lastMentionAt.getTime() !== c.lastMentionAt.getTime()
    ) {
      await tx
        .update(cases)
        .set({ status, priority, lastMentionAt, updatedAt: ctx.clock.now() })
        .where(eq(cases.id, c.id));
    } else {
      await tx.update(cases).set({ updatedAt: ctx.clock.now() }).where(eq(cases.id, c.id));
    }
    joined.set(root, c.id);
  }
  return joined;
}

/** One statement for the whole poll: each new mention gets the case of its thread. */
async function setMentionCases(tx: Db, fresh: Prepared[], caseOf: Map<string, string>): Promise<void> {
  const pairs = fresh.flatMap((p) => {
    const caseId = caseOf.get(p.threadRoot);
    return caseId ? [{ id: p.id, caseId }] : [];
  });
  for (const part of chunks(pairs, CHUNK)) {
    const values = sql.join(
      part.map((p) => sql`(${p.id}, ${p.caseId})`),
      sql`, `,
    );
    await tx.execute(
      sql`update ${mentions} set case_id = v.case_id from (values ${values}) as v(id, case_id) where ${mentions.id} = v.id`,
    );
  }
}

function caseRow(
  target: StoreTarget,
  first: Prepared,
  id: string,
  targetsFor: (
    priority: number,
    postedAt: Date,
  ) => { firstResponseDueAt: Date; resolutionDueAt: Date } | null,
) {
  const c = first.item.classification!;
  const postedAt = new Date(first.item.mention.createdAt);
  const priority = priorityFor(first.item);
  const sla = targetsFor(priority, postedAt);
  return {
    id,
    brandId: target.brandId,
    network: target.network,
    threadRootExternalId: first.threadRoot,
    authorId: first.authorId,
    status: 'new' as const,
    priority,
    language: c.language.label,
    intent: c.intent.label,
    sentiment: c.sentiment.label,
    topic: c.topic.label,
    needsSpecialist: specialistFlag(c.needsSpecialist),
    // Without an SLA policy the domain's default response target still orders the inbox.
    dueAt: sla?.firstResponseDueAt ?? new Date(postedAt.getTime() + responseTargetMinutes(priority) * 60_000),
    firstResponseDueAt: sla?.firstResponseDueAt ?? null,
    resolutionDueAt: sla?.resolutionDueAt ?? null,
    lastMentionAt: postedAt,
  };
}

/**
 * Networks that do not name the thread root (Mastodon gives only the parent) still thread: a reply
 * to a stored post, or to one of our own replies, joins that post's conversation. Parents are looked
 * up for the whole batch at once; a parent in the same batch lends its own resolved root.
 */
async function resolveThreadRoots(
  tx: Db,
  target: StoreTarget,
  ordered: IncomingMention[],
): Promise<Map<string, string>> {
  const parents = [
    ...new Set(ordered.flatMap((i) => (i.mention.inReplyToId ? [i.mention.inReplyToId] : []))),
  ];
  const storedRoot = new Map<string, string>();
  const replyRoot = new Map<string, string>();
  for (const part of chunks(parents, CHUNK)) {
    const stored = await tx
      .select({ externalId: mentions.externalId, root: mentions.threadRootExternalId })
      .from(mentions)
      .where(
        and(
          eq(mentions.brandId, target.brandId),
          eq(mentions.network, target.network),
          inArray(mentions.externalId, part),
        ),
      );
    for (const r of stored) storedRoot.set(r.externalId, r.root);
    const missing = part.filter((id) => !storedRoot.has(id));
    if (missing.length === 0) continue;
    const ours = await tx
      .select({ externalId: replies.externalId, root: cases.threadRootExternalId })
      .from(replies)
      .innerJoin(cases, eq(cases.id, replies.caseId))
      .where(
        and(
          eq(cases.brandId, target.brandId),
          eq(replies.network, target.network),
          inArray(replies.externalId, missing),
        ),
      );
    for (const r of ours) if (r.externalId) replyRoot.set(r.externalId, r.root);
  }
  const roots = new Map<string, string>();
  for (const { mention: m } of ordered) {
    const parent = m.inReplyToId;
    const root =
      (parent && (storedRoot.get(parent) ?? roots.get(parent) ?? replyRoot.get(parent))) ||
      (m.threadRootId ?? m.externalId);
    roots.set(m.externalId, root);
  }
  return roots;
}

async function upsertAuthors(
  tx: Db,
  ctx: Ctx,
  network: StoreTarget['network'],
  incoming: IncomingMention[],
): Promise<Map<string, string>> {
  const byExternal = new Map(incoming.map((i) => [i.mention.author.externalId, i.mention.author]));
  const out = new Map<string, string>();
  for (const part of chunks([...byExternal.values()], CHUNK)) {
    const rows = await tx
      .insert(authors)
      .values(
        part.map((a) => ({
          id: ctx.ids('aut'),
          network,
          externalId: a.externalId,
          handle: a.handle,
          displayName: a.displayName ?? null,
          url: a.url ?? null,
          followers: a.followers ?? null,
        })),
      )
      .onConflictDoUpdate({
        target: [authors.network, authors.externalId],
        // An author erased on request stays erased: a later post must not bring their profile back.
        set: {
          handle: sql`case when ${authors.erasedAt} is null then excluded.handle else ${authors.handle} end`,
          displayName: sql`case when ${authors.erasedAt} is null then excluded.display_name else null end`,
          followers: sql`case when ${authors.erasedAt} is null then coalesce(excluded.followers, ${authors.followers}) else null end`,
          updatedAt: ctx.clock.now(),
        },
      })
      .returning({ id: authors.id, externalId: authors.externalId });
    for (const r of rows) out.set(r.externalId, r.id);
  }
  return out;
}

function* chunks<T>(list: T[], size: number): Generator<T[]> {
  for (let i = 0; i < list.length; i += size) yield list.slice(i, i + size);
}

function priorityFor(item: IncomingMention): number {
  const c = item.classification;
  if (!c) return 0;
  return priorityOf({
    sentiment: c.sentiment,
    intent: c.intent,
    followers: item.mention.author.followers ?? null,
    waitingMinutes: 0,
    needsSpecialist: c.needsSpecialist,
  });
}

function classificationRow(ctx: Ctx, mentionId: string, c: Classification, priority: number) {
  return {
    id: ctx.ids('cls'),
    mentionId,
    language: c.language.label,
    languageScore: c.language.score,
    sentiment: c.sentiment.label,
    sentimentScore: c.sentiment.score,
    intent: c.intent.label,
    intentScore: c.intent.score,
    topic: c.topic.label,
    topicScore: c.topic.score,
    needsSpecialist: specialistFlag(c.needsSpecialist),
    priority,
    modelVersion: c.modelVersion,
    createdAt: ctx.clock.now(),
  };
}

export function specialistFlag(v: boolean | 'unsure'): 'yes' | 'no' | 'unsure' {
  return v === 'unsure' ? 'unsure' : v ? 'yes' : 'no';
}

import { and, eq, sql } from 'drizzle-orm';
import type { Mention, NetworkId } from '../../../connectors/types';
import type { Classification } from '../../classify';
import { priorityOf } from '../../classify';
import { anyText, recordset, textRows } from '../../db/bulk';
import { type Db, queryRows } from '../../db/client';
import { type CaseStatus, cases, type ModelClassification, replies } from '../../db/schema';
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

interface Prepared {
  item: IncomingMention;
  id: string;
  authorId: string;
  threadRoot: string;
}

/**
 * Stores mentions idempotently in the caller's transaction, a poll's worth at a time, in a handful
 * of statements whatever the number of mentions: authors, then the posts already stored, then the
 * cases, then mentions (each with its case, labels and classification) in one statement. Rows travel
 * as one JSON parameter per statement (db/bulk.ts). Each new mention joins the case of its thread.
 * Returns the ids of the mentions actually inserted.
 *
 * No duplicate: the mention insert is `on conflict do nothing` on the unique index, never a
 * check-then-insert. The lookup of what is already stored only decides which posts open or join a
 * case, and it stays true until commit because ingest for one brand and network holds a
 * transaction lock: another instance storing the same posts waits, then finds them stored.
 */
export async function storeMentions(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  incoming: IncomingMention[],
): Promise<string[]> {
  if (incoming.length === 0) return [];
  // Oldest first, so a reply in the same batch finds the case its root opens; one row per post.
  const byId = new Map<string, IncomingMention>();
  for (const item of incoming)
    if (!byId.has(item.mention.externalId)) byId.set(item.mention.externalId, item);
  const ordered = [...byId.values()].sort((a, b) => a.mention.createdAt.localeCompare(b.mention.createdAt));

  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`ingest:${target.brandId}:${target.network}`}))`,
  );
  const authorIds = await upsertAuthors(tx, ctx, target.network, ordered);
  const known = await storedRoots(tx, target, ordered);
  const roots = await resolveThreadRoots(tx, target, ordered, known);
  const fresh: Prepared[] = ordered
    .filter((item) => !known.has(item.mention.externalId))
    .map((item) => ({
      item,
      id: ctx.ids('men'),
      authorId: authorIds.get(item.mention.author.externalId)!,
      threadRoot: roots.get(item.mention.externalId)!,
    }));
  if (fresh.length === 0) return [];

  const caseOf = await attachCases(tx, ctx, target, fresh);
  const inserted = await insertMentions(tx, ctx, target, fresh, caseOf);
  // Under the lock nobody else stores these posts; a gap means the lock did not hold, and the
  // cases opened above would be wrong: better to fail the poll, which rolls back and retries.
  if (inserted !== fresh.length) {
    throw new Error(
      `stored ${inserted} of ${fresh.length} new mentions: another writer raced the ingest lock`,
    );
  }
  return fresh.map((p) => p.id);
}

const MENTION_COLUMNS =
  'id text, external_id text, author_id text, case_id text, text text, url text, language text, sentiment text, sentiment_score real, intent text, topic text, classification jsonb, in_reply_to text, thread_root text, from_brand boolean, raw jsonb, posted_at timestamptz';

/** The mentions, each with its labels and classification; returns how many were new. */
async function insertMentions(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  fresh: Prepared[],
  caseOf: Map<string, string>,
): Promise<number> {
  const now = ctx.clock.now().toISOString();
  const mentionRows = fresh.map(({ item, id, authorId, threadRoot }) => {
    const m = item.mention;
    const c = item.classification;
    return {
      id,
      external_id: m.externalId,
      author_id: authorId,
      case_id: caseOf.get(threadRoot) ?? null,
      text: m.text,
      url: m.url ?? null,
      language: item.classification?.language.label ?? m.language ?? null,
      sentiment: c?.sentiment.label ?? null,
      sentiment_score: c?.sentiment.score ?? null,
      intent: c?.intent.label ?? null,
      topic: c?.topic.label ?? null,
      classification: c ? modelClassification(c, priorityFor(item)) : null,
      in_reply_to: m.inReplyToId ?? null,
      thread_root: threadRoot,
      from_brand: item.fromBrand,
      raw: m.raw ?? {},
      posted_at: new Date(m.createdAt).toISOString(),
    };
  });
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into mentions (id, brand_id, listener_id, network, external_id, author_id, case_id, text, url,
        language, sentiment, sentiment_score, intent, topic, classification, classified_at,
        in_reply_to_external_id, thread_root_external_id, from_brand, raw, posted_at, received_at)
      select x.id, ${target.brandId}, ${target.listenerId}, ${target.network}, x.external_id, x.author_id,
        x.case_id, x.text, x.url, x.language, x.sentiment, x.sentiment_score, x.intent, x.topic,
        x.classification, case when x.classification is null then null else ${now}::timestamptz end,
        x.in_reply_to, x.thread_root, x.from_brand, x.raw, x.posted_at, ${now}::timestamptz
      from ${recordset(mentionRows, MENTION_COLUMNS)}
      order by x.ord
      on conflict do nothing
      returning id`,
  );
  return rows.length;
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
  if (byRoot.size > 0) {
    const targetsFor = await openingTargetsFor(tx, target.brandId);
    const rows = await queryRows<{ id: string; root: string }>(
      tx,
      sql`insert into cases (id, brand_id, network, thread_root_external_id, author_id, status, priority,
          language, intent, sentiment, topic, needs_specialist, due_at, first_response_due_at,
          resolution_due_at, last_mention_at)
        select x.id, ${target.brandId}, ${target.network}, x.root, x.author_id, 'new', x.priority,
          x.language, x.intent, x.sentiment, x.topic, x.needs_specialist, x.due_at,
          x.first_response_due_at, x.resolution_due_at, x.last_mention_at
        from ${recordset(
          [...byRoot.values()].map((list) => caseRow(list[0]!, ctx.ids('case'), targetsFor)),
          CASE_COLUMNS,
        )}
        order by x.ord
        on conflict do nothing
        returning id, thread_root_external_id as root`,
    );
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
  if (brandRoots.length > 0) {
    const rows = await casesOfThreads(tx, target, brandRoots, false);
    for (const r of rows) caseOf.set(r.root, r.id);
  }
  await audit(tx, ctx, entries);
  return caseOf;
}

/** The cases of these threads, one index probe each; locked in thread order when asked. */
function casesOfThreads(
  tx: Db,
  target: StoreTarget,
  roots: string[],
  lock: boolean,
): Promise<Array<{ id: string; root: string; status: CaseStatus; priority: number; lastMentionMs: number }>> {
  // Epoch milliseconds as float8: a number on both drivers, where a timestamp is a Date or a string.
  return queryRows(
    tx,
    sql`select c.id, v.root, c.status, c.priority,
        (extract(epoch from c.last_mention_at) * 1000)::float8 as "lastMentionMs"
      from (select value as root from ${textRows([...roots].sort())} order by 1) as v
      cross join lateral (
        select id, status, priority, last_mention_at from cases
        where brand_id = ${target.brandId} and network = ${target.network} and thread_root_external_id = v.root
        limit 1 ${lock ? sql`for update` : sql``}
      ) c`,
  );
}

const CASE_COLUMNS =
  'id text, root text, author_id text, priority integer, language text, intent text, sentiment text, topic text, needs_specialist text, due_at timestamptz, first_response_due_at timestamptz, resolution_due_at timestamptz, last_mention_at timestamptz';

/** Follow-ups on existing cases: locked, then one statement updates each with all its new posts. */
async function joinCases(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  followUps: Array<{ root: string; items: Prepared[] }>,
  entries: AuditEntry[],
): Promise<Map<string, string>> {
  const joined = new Map<string, string>();
  if (followUps.length === 0) return joined;
  const rows = await casesOfThreads(
    tx,
    target,
    followUps.map((f) => f.root),
    true,
  );
  const existing = new Map(rows.map((r) => [r.root, r]));
  const updates: Array<{ id: string; status: CaseStatus; priority: number; last_mention_at: string }> = [];
  for (const { root, items } of followUps) {
    const c = existing.get(root);
    if (!c) throw new Error('case vanished while joining its thread');
    let { status, priority } = c;
    let lastMentionAt = new Date(c.lastMentionMs);
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
    // Unchanged values are written back as they were: the case is touched (updated_at) either way.
    updates.push({ id: c.id, status, priority, last_mention_at: lastMentionAt.toISOString() });
    joined.set(root, c.id);
  }
  // The id list as well as the join: the planner then reads the cases by their key, not all of them.
  await tx.execute(
    sql`update ${cases} set status = x.status, priority = x.priority, last_mention_at = x.last_mention_at,
        updated_at = ${ctx.clock.now().toISOString()}::timestamptz
      from ${recordset(updates, 'id text, status text, priority integer, last_mention_at timestamptz')}
      where ${cases.id} = x.id and ${cases.id} = ${anyText(updates.map((u) => u.id))}`,
  );
  return joined;
}

function caseRow(
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
    root: first.threadRoot,
    author_id: first.authorId,
    priority,
    language: c.language.label,
    intent: c.intent.label,
    sentiment: c.sentiment.label,
    topic: c.topic.label,
    needs_specialist: specialistFlag(c.needsSpecialist),
    // Without an SLA policy the domain's default response target still orders the inbox.
    due_at: (
      sla?.firstResponseDueAt ?? new Date(postedAt.getTime() + responseTargetMinutes(priority) * 60_000)
    ).toISOString(),
    first_response_due_at: sla?.firstResponseDueAt.toISOString() ?? null,
    resolution_due_at: sla?.resolutionDueAt.toISOString() ?? null,
    last_mention_at: postedAt.toISOString(),
  };
}

/**
 * The posts of the batch already stored, and the stored parents they answer, in one lookup:
 * external id -> thread root.
 */
async function storedRoots(
  tx: Db,
  target: StoreTarget,
  ordered: IncomingMention[],
): Promise<Map<string, string>> {
  const wanted = new Set<string>();
  for (const { mention: m } of ordered) {
    wanted.add(m.externalId);
    if (m.inReplyToId) wanted.add(m.inReplyToId);
  }
  const rows = await queryRows<{ external_id: string; root: string }>(
    tx,
    sql`select v.external_id, m.root from ${textRows([...wanted])} as v(external_id)
      cross join lateral (
        select thread_root_external_id as root from mentions
        where brand_id = ${target.brandId} and network = ${target.network} and external_id = v.external_id
        limit 1
      ) m`,
  );
  return new Map(rows.map((r) => [r.external_id, r.root]));
}

/**
 * Networks that do not name the thread root (Mastodon gives only the parent) still thread: a reply
 * to a stored post, or to one of our own replies, joins that post's conversation. A parent in the
 * same batch lends its own resolved root.
 */
async function resolveThreadRoots(
  tx: Db,
  target: StoreTarget,
  ordered: IncomingMention[],
  stored: Map<string, string>,
): Promise<Map<string, string>> {
  const inBatch = new Set(ordered.map((i) => i.mention.externalId));
  const missing = [
    ...new Set(
      ordered.flatMap(({ mention: m }) =>
        m.inReplyToId && !stored.has(m.inReplyToId) && !inBatch.has(m.inReplyToId) ? [m.inReplyToId] : [],
      ),
    ),
  ];
  const replyRoot = new Map<string, string>();
  if (missing.length > 0) {
    const ours = await tx
      .select({ externalId: replies.externalId, root: cases.threadRootExternalId })
      .from(replies)
      .innerJoin(cases, eq(cases.id, replies.caseId))
      .where(
        and(
          eq(cases.brandId, target.brandId),
          eq(replies.network, target.network),
          sql`${replies.externalId} = ${anyText(missing)}`,
        ),
      );
    for (const r of ours) if (r.externalId) replyRoot.set(r.externalId, r.root);
  }
  const roots = new Map<string, string>();
  for (const { mention: m } of ordered) {
    const parent = m.inReplyToId;
    const root =
      (parent && (stored.get(parent) ?? roots.get(parent) ?? replyRoot.get(parent))) ||
      (m.threadRootId ?? m.externalId);
    roots.set(m.externalId, root);
  }
  return roots;
}

const AUTHOR_COLUMNS =
  'id text, external_id text, handle text, display_name text, url text, followers integer';

async function upsertAuthors(
  tx: Db,
  ctx: Ctx,
  network: StoreTarget['network'],
  incoming: IncomingMention[],
): Promise<Map<string, string>> {
  const byExternal = new Map(incoming.map((i) => [i.mention.author.externalId, i.mention.author]));
  // An author erased on request stays erased: a later post must not bring their profile back. A
  // profile that did not change is not rewritten: most authors of a poll were seen before.
  const rows = await queryRows<{ id: string; external_id: string }>(
    tx,
    sql`insert into authors as a (id, network, external_id, handle, display_name, url, followers)
      select x.id, ${network}, x.external_id, x.handle, x.display_name, x.url, x.followers
      from ${recordset(
        // In one order everywhere: two polls upserting the same authors lock them in the same order.
        [...byExternal.values()]
          .sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0))
          .map((a) => ({
            id: ctx.ids('aut'),
            external_id: a.externalId,
            handle: a.handle,
            display_name: a.displayName ?? null,
            url: a.url ?? null,
            followers: a.followers ?? null,
          })),
        AUTHOR_COLUMNS,
      )}
      order by x.ord
      on conflict (network, external_id) do update set
        handle = excluded.handle,
        display_name = excluded.display_name,
        followers = coalesce(excluded.followers, a.followers),
        updated_at = ${ctx.clock.now().toISOString()}::timestamptz
      where a.erased_at is null
        and (a.handle, a.display_name, a.followers)
          is distinct from (excluded.handle, excluded.display_name, coalesce(excluded.followers, a.followers))
      returning id, external_id`,
  );
  const ids = new Map(rows.map((r) => [r.external_id, r.id]));
  // The others exist and were left alone; a new statement sees them even if another transaction
  // inserted them after this one began.
  const unchanged = [...byExternal.keys()].filter((id) => !ids.has(id));
  if (unchanged.length > 0) {
    const known = await queryRows<{ id: string; external_id: string }>(
      tx,
      sql`select a.id, v.external_id from ${textRows(unchanged)} as v(external_id)
        cross join lateral (
          select id from authors where network = ${network} and external_id = v.external_id limit 1
        ) a`,
    );
    for (const r of known) ids.set(r.external_id, r.id);
  }
  return ids;
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

function modelClassification(c: Classification, priority: number): ModelClassification {
  return {
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
  };
}

export function specialistFlag(v: boolean | 'unsure'): 'yes' | 'no' | 'unsure' {
  return v === 'unsure' ? 'unsure' : v ? 'yes' : 'no';
}

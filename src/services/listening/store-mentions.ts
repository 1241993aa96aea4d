import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Mention, NetworkId } from '../../../connectors/types';
import type { Classification } from '../../classify';
import { priorityOf } from '../../classify';
import type { Db } from '../../db/client';
import { authors, cases, classifications, mentions, replies } from '../../db/schema';
import { responseTargetMinutes, statusAfterFollowUp } from '../../domain/case-status';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { applySlaTargets } from '../inbox/sla-targets';

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

/**
 * Stores mentions idempotently in the caller's transaction: a mention already stored is skipped
 * by the unique index (never check-then-insert), each new one joins the case of its thread.
 * Returns the ids of the mentions actually inserted.
 */
export async function storeMentions(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  incoming: IncomingMention[],
): Promise<string[]> {
  if (incoming.length === 0) return [];
  const now = ctx.clock.now();
  const authorIds = await upsertAuthors(tx, ctx, target.network, incoming);
  const inserted: string[] = [];
  // Oldest first, so a reply in the same batch finds the case its root just opened.
  const ordered = [...incoming].sort((a, b) => a.mention.createdAt.localeCompare(b.mention.createdAt));
  for (const item of ordered) {
    const m = item.mention;
    const authorId = authorIds.get(m.author.externalId)!;
    const threadRoot = await resolveThreadRoot(tx, target, m);
    const id = ctx.ids('men');
    const rows = await tx
      .insert(mentions)
      .values({
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
      })
      .onConflictDoNothing()
      .returning({ id: mentions.id });
    if (rows.length === 0) continue;
    inserted.push(id);
    const caseId = item.fromBrand
      ? await findCase(tx, target, threadRoot)
      : await joinOrOpenCase(tx, ctx, target, item, authorId, threadRoot);
    if (caseId) await tx.update(mentions).set({ caseId }).where(eq(mentions.id, id));
    if (item.classification) await storeClassification(tx, ctx, id, item.classification, priorityFor(item));
  }
  return inserted;
}

/**
 * Networks that do not name the thread root (Mastodon gives only the parent) still thread: a reply
 * to a stored post, or to one of our own replies, joins that post's conversation.
 */
async function resolveThreadRoot(tx: Db, target: StoreTarget, m: Mention): Promise<string> {
  if (m.inReplyToId) {
    const [parent] = await tx
      .select({ root: mentions.threadRootExternalId })
      .from(mentions)
      .where(
        and(
          eq(mentions.brandId, target.brandId),
          eq(mentions.network, target.network),
          eq(mentions.externalId, m.inReplyToId),
        ),
      );
    if (parent) return parent.root;
    const [ours] = await tx
      .select({ root: cases.threadRootExternalId })
      .from(replies)
      .innerJoin(cases, eq(cases.id, replies.caseId))
      .where(
        and(
          eq(cases.brandId, target.brandId),
          eq(replies.network, target.network),
          eq(replies.externalId, m.inReplyToId),
        ),
      );
    if (ours) return ours.root;
  }
  return m.threadRootId ?? m.externalId;
}

async function upsertAuthors(
  tx: Db,
  ctx: Ctx,
  network: StoreTarget['network'],
  incoming: IncomingMention[],
): Promise<Map<string, string>> {
  const byExternal = new Map(incoming.map((i) => [i.mention.author.externalId, i.mention.author]));
  const values = [...byExternal.values()].map((a) => ({
    id: ctx.ids('aut'),
    network,
    externalId: a.externalId,
    handle: a.handle,
    displayName: a.displayName ?? null,
    url: a.url ?? null,
    followers: a.followers ?? null,
  }));
  await tx
    .insert(authors)
    .values(values)
    .onConflictDoUpdate({
      target: [authors.network, authors.externalId],
      set: {
        handle: sql`excluded.handle`,
        displayName: sql`excluded.display_name`,
        followers: sql`coalesce(excluded.followers, ${authors.followers})`,
        updatedAt: ctx.clock.now(),
      },
    });
  const rows = await tx
    .select({ id: authors.id, externalId: authors.externalId })
    .from(authors)
    .where(and(eq(authors.network, network), inArray(authors.externalId, [...byExternal.keys()])));
  return new Map(rows.map((r) => [r.externalId, r.id]));
}

async function findCase(tx: Db, target: StoreTarget, threadRoot: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: cases.id })
    .from(cases)
    .where(
      and(
        eq(cases.brandId, target.brandId),
        eq(cases.network, target.network),
        eq(cases.threadRootExternalId, threadRoot),
      ),
    );
  return row?.id ?? null;
}

async function joinOrOpenCase(
  tx: Db,
  ctx: Ctx,
  target: StoreTarget,
  item: IncomingMention,
  authorId: string,
  threadRoot: string,
): Promise<string> {
  const c = item.classification!;
  const postedAt = new Date(item.mention.createdAt);
  const priority = priorityFor(item);
  const fields = {
    language: c.language.label,
    intent: c.intent.label,
    sentiment: c.sentiment.label,
    topic: c.topic.label,
    needsSpecialist: specialistFlag(c.needsSpecialist),
  };
  const newId = ctx.ids('case');
  const created = await tx
    .insert(cases)
    .values({
      id: newId,
      brandId: target.brandId,
      network: target.network,
      threadRootExternalId: threadRoot,
      authorId,
      status: 'new',
      priority,
      ...fields,
      dueAt: new Date(postedAt.getTime() + responseTargetMinutes(priority) * 60_000),
      lastMentionAt: postedAt,
    })
    .onConflictDoNothing()
    .returning({ id: cases.id });
  if (created.length > 0) {
    await audit(tx, ctx, {
      action: 'case.opened',
      entityType: 'case',
      entityId: newId,
      caseId: newId,
      details: { network: target.network, externalId: item.mention.externalId, priority },
    });
    await applySlaTargets(tx, newId, postedAt, 'opened');
    return newId;
  }
  const [existing] = await tx
    .select({
      id: cases.id,
      status: cases.status,
      priority: cases.priority,
      lastMentionAt: cases.lastMentionAt,
    })
    .from(cases)
    .where(
      and(
        eq(cases.brandId, target.brandId),
        eq(cases.network, target.network),
        eq(cases.threadRootExternalId, threadRoot),
      ),
    )
    .for('update');
  if (!existing) throw new Error('case vanished while joining its thread');
  const status = statusAfterFollowUp(existing.status);
  await tx
    .update(cases)
    .set({
      status,
      priority: Math.max(existing.priority, priority),
      lastMentionAt: postedAt > existing.lastMentionAt ? postedAt : existing.lastMentionAt,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(cases.id, existing.id));
  await audit(tx, ctx, {
    action: status !== existing.status ? 'case.reopened' : 'case.follow_up',
    entityType: 'case',
    entityId: existing.id,
    caseId: existing.id,
    details: { externalId: item.mention.externalId, from: existing.status, to: status },
  });
  return existing.id;
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

async function storeClassification(
  tx: Db,
  ctx: Ctx,
  mentionId: string,
  c: Classification,
  priority: number,
): Promise<void> {
  await tx.insert(classifications).values({
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
  });
}

export function specialistFlag(v: boolean | 'unsure'): 'yes' | 'no' | 'unsure' {
  return v === 'unsure' ? 'unsure' : v ? 'yes' : 'no';
}

import { and, asc, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { ConnectorError } from '../../../connectors/types';
import { withTransaction } from '../../db/client';
import { cases, mentions, networkAccounts, replies } from '../../db/schema';
import { transitions } from '../../domain/case-status';
import { connectorFor } from '../accounts/connector-for';
import { audit } from '../audit';
import type { Ctx } from '../context';

const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 8;

export interface SendOutcome {
  replyId: string;
  status: 'sent' | 'queued' | 'failed';
  error?: string;
}

/**
 * Posts what the outbox holds. The attempt is recorded (status `sending`, attempt number, lease)
 * before the network is called, and the final update is fenced on that attempt number, so a
 * stale worker whose lease expired can never overwrite a newer attempt's result.
 */
export async function sendDueReplies(ctx: Ctx, opts: { limit?: number } = {}): Promise<SendOutcome[]> {
  const now = ctx.clock.now();
  const claimed = await withTransaction(ctx.db, async (tx) => {
    const due = await tx
      .select({ id: replies.id })
      .from(replies)
      .where(
        or(
          and(eq(replies.status, 'queued'), lte(replies.nextAttemptAt, now)),
          and(eq(replies.status, 'sending'), lte(replies.leaseUntil, now)),
        ),
      )
      .orderBy(asc(replies.nextAttemptAt))
      .limit(opts.limit ?? 20)
      .for('update', { skipLocked: true });
    const out: (typeof replies.$inferSelect)[] = [];
    for (const r of due) {
      const [row] = await tx
        .update(replies)
        .set({
          status: 'sending',
          attempts: sqlIncrement(),
          leaseUntil: new Date(now.getTime() + LEASE_MS),
          updatedAt: now,
        })
        .where(eq(replies.id, r.id))
        .returning();
      if (row) out.push(row);
    }
    return out;
  });
  const outcomes: SendOutcome[] = [];
  for (const reply of claimed) outcomes.push(await sendOne(ctx, reply));
  return outcomes;
}

function sqlIncrement() {
  return sql`${replies.attempts} + 1`;
}

async function sendOne(ctx: Ctx, reply: typeof replies.$inferSelect): Promise<SendOutcome> {
  const [target] = await ctx.db.select().from(mentions).where(eq(mentions.id, reply.inReplyToMentionId));
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, reply.caseId));
  if (!target || !c) return finish(ctx, reply, { status: 'failed', error: 'The answered post is gone' });
  const [account] = await ctx.db
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.brandId, c.brandId), eq(networkAccounts.network, reply.network)))
    .limit(1);
  const { connector, account: accountRef } = await connectorFor(ctx, reply.network, account ?? null);
  try {
    const posted = await connector.reply({
      inReplyTo: {
        externalId: target.externalId,
        threadRootId: target.threadRootExternalId,
        raw: target.raw,
      },
      text: reply.body,
      idempotencyKey: reply.idempotencyKey,
      account: accountRef,
    });
    return finish(ctx, reply, { status: 'sent', externalId: posted.externalId, url: posted.url });
  } catch (err) {
    const retryable =
      err instanceof ConnectorError && (err.kind === 'transient' || err.kind === 'rate_limited');
    const message = err instanceof Error ? err.message : String(err);
    if (retryable && reply.attempts < MAX_ATTEMPTS) {
      const retryAt =
        (err as ConnectorError).retryAt ?? new Date(ctx.clock.now().getTime() + 2 ** reply.attempts * 5_000);
      return finish(ctx, reply, { status: 'queued', error: message, retryAt });
    }
    return finish(ctx, reply, { status: 'failed', error: message });
  }
}

type Result =
  | { status: 'sent'; externalId: string; url: string | null }
  | { status: 'queued'; error: string; retryAt: Date }
  | { status: 'failed'; error: string };

async function finish(ctx: Ctx, reply: typeof replies.$inferSelect, result: Result): Promise<SendOutcome> {
  const now = ctx.clock.now();
  return withTransaction(ctx.db, async (tx) => {
    // Fenced on the attempt number: a stale worker's late result changes nothing.
    const fence = and(
      eq(replies.id, reply.id),
      eq(replies.attempts, reply.attempts),
      eq(replies.status, 'sending'),
    );
    if (result.status === 'sent') {
      const [row] = await tx
        .update(replies)
        .set({
          status: 'sent',
          externalId: result.externalId,
          externalUrl: result.url,
          sentAt: now,
          leaseUntil: null,
          lastError: null,
          updatedAt: now,
        })
        .where(fence)
        .returning({ id: replies.id });
      if (!row) return { replyId: reply.id, status: 'sent' };
      // A holding reply only tells the customer to wait: the case stays with the expert.
      if (reply.kind !== 'holding')
        await tx
          .update(cases)
          .set({ status: 'answered', answeredAt: now, updatedAt: now })
          .where(and(eq(cases.id, reply.caseId), inArray(cases.status, [...transitions.replySent.from])));
      await audit(tx, ctx, {
        action: 'reply.sent',
        entityType: 'reply',
        entityId: reply.id,
        caseId: reply.caseId,
        details: { externalId: result.externalId, url: result.url, attempt: reply.attempts },
      });
      return { replyId: reply.id, status: 'sent' };
    }
    await tx
      .update(replies)
      .set({
        status: result.status,
        lastError: result.error,
        leaseUntil: null,
        nextAttemptAt: result.status === 'queued' ? result.retryAt : now,
        updatedAt: now,
      })
      .where(fence);
    await audit(tx, ctx, {
      action: result.status === 'failed' ? 'reply.failed' : 'reply.retry_scheduled',
      entityType: 'reply',
      entityId: reply.id,
      caseId: reply.caseId,
      details: { error: result.error, attempt: reply.attempts },
    });
    return { replyId: reply.id, status: result.status, error: result.error };
  });
}

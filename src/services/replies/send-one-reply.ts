import { and, eq } from 'drizzle-orm';
import { type Connector, ConnectorError, type ReplyResult } from '../../../connectors/types';
import { cases, mentions, networkAccounts } from '../../db/schema';
import { connectorFor } from '../accounts/connector-for';
import type { Ctx } from '../context';
import { fault } from '../faults';
import {
  type FinishResult,
  finishReply,
  REPLY_LEASE_MS,
  type ReplyRow,
  type SendOutcome,
} from './finish-reply';
import { markTargetGone, TARGET_DELETED, TARGET_DELETED_MAYBE_SENT } from './target-gone';

export type { SendOutcome } from './finish-reply';

const MAX_ATTEMPTS = 8;
/** Margin before a network forgets an idempotency key (an hour on Mastodon: look after 50 minutes). */
const KEY_TTL_MARGIN_MS = 10 * 60_000;

/**
 * One claimed reply. On a network without idempotent posting, an earlier attempt of unknown outcome
 * is settled first by looking in the thread; what cannot be settled goes to a person, never out again.
 */
export async function sendOneReply(ctx: Ctx, reply: ReplyRow): Promise<SendOutcome> {
  const [target] = await ctx.db.select().from(mentions).where(eq(mentions.id, reply.inReplyToMentionId));
  const [c] = await ctx.db.select().from(cases).where(eq(cases.id, reply.caseId));
  if (!target || !c) return finishReply(ctx, reply, { status: 'failed', error: 'The answered post is gone' });
  // Deleted by its author (reported by a poll or found by an earlier lookup): nothing to answer.
  if (target.deletedAt) return finishReply(ctx, reply, deletedResult(reply));
  const [account] = await ctx.db
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.brandId, c.brandId), eq(networkAccounts.network, reply.network)))
    .limit(1);
  const { connector, account: accountRef } = await connectorFor(ctx, reply.network, account ?? null);
  const inReplyTo = {
    externalId: target.externalId,
    threadRootId: target.threadRootExternalId,
    raw: target.raw,
  };

  const targetGone = async (result: FinishResult): Promise<SendOutcome> => {
    await markTargetGone(ctx, { brandId: c.brandId, network: reply.network, externalId: target.externalId });
    return finishReply(ctx, reply, result);
  };

  if (reply.outcomeUnknown && (!connector.idempotentReplies || keyForgotten(ctx, reply, connector))) {
    const settled = await settleUnknown(ctx, reply, connector, { inReplyTo, account: accountRef });
    // The thread was searched and holds no reply of ours: nothing went out before the post went.
    if (settled === 'gone') return targetGone({ status: 'failed', error: TARGET_DELETED });
    if (settled) return finishReply(ctx, reply, settled);
  }

  let posted: ReplyResult;
  try {
    posted = await connector.reply({
      inReplyTo,
      text: reply.body,
      idempotencyKey: reply.idempotencyKey,
      account: accountRef,
    });
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'gone') return targetGone(deletedResult(reply));
    return finishReply(ctx, reply, afterError(ctx, reply, connector, err));
  }
  await fault(ctx, 'reply:after-network-accepted');
  return finishReply(ctx, reply, { status: 'sent', externalId: posted.externalId, url: posted.url });
}

/** Null when the thread shows the reply is not there: sending is then safe. */
async function settleUnknown(
  ctx: Ctx,
  reply: ReplyRow,
  connector: Connector,
  input: {
    inReplyTo: { externalId: string; threadRootId: string; raw: unknown };
    account: Parameters<Connector['reply']>[0]['account'];
  },
): Promise<FinishResult | 'gone' | null> {
  if (!connector.findReply) {
    return {
      status: 'needs_verification',
      error: `An earlier attempt may have been posted and ${reply.network} cannot be searched for it`,
    };
  }
  try {
    const found = await connector.findReply({ ...input, text: reply.body });
    if (!found.found) return null;
    return { status: 'sent', externalId: found.reply.externalId, url: found.reply.url, foundInThread: true };
  } catch (err) {
    if (err instanceof ConnectorError && err.kind === 'gone') return 'gone';
    const message = err instanceof Error ? err.message : String(err);
    const retryable =
      err instanceof ConnectorError && (err.kind === 'transient' || err.kind === 'rate_limited');
    if (retryable && reply.attempts < MAX_ATTEMPTS) {
      return {
        status: 'queued',
        error: message,
        retryAt: retryAt(ctx, reply, connector, err),
        outcomeUnknown: true,
      };
    }
    return {
      status: 'needs_verification',
      error: `An earlier attempt may have been posted and looking for it failed: ${message}`,
    };
  }
}

/**
 * Whether the network may have forgotten this reply's idempotency key: then a repeat is no longer
 * recognised and could post twice, so an attempt of unknown outcome is looked for first.
 */
function keyForgotten(ctx: Ctx, reply: ReplyRow, connector: Connector): boolean {
  const ttl = connector.idempotencyKeyTtlMs;
  if (ttl === undefined || reply.firstAttemptAt === null) return false;
  return ctx.clock.now().getTime() - reply.firstAttemptAt.getTime() >= ttl - KEY_TTL_MARGIN_MS;
}

/** A reply to a deleted post is never sent; one that may already be out is said so. */
function deletedResult(reply: ReplyRow): FinishResult {
  return reply.outcomeUnknown
    ? { status: 'needs_verification', error: TARGET_DELETED_MAYBE_SENT }
    : { status: 'failed', error: TARGET_DELETED };
}

function afterError(ctx: Ctx, reply: ReplyRow, connector: Connector, err: unknown): FinishResult {
  const message = err instanceof Error ? err.message : String(err);
  const kind = err instanceof ConnectorError ? err.kind : null;
  // "Duplicate content" right after an attempt of unknown outcome most likely means that attempt was posted.
  if (kind === 'duplicate' && reply.outcomeUnknown && !connector.idempotentReplies) {
    return { status: 'needs_verification', error: message };
  }
  if ((kind === 'transient' || kind === 'rate_limited') && reply.attempts < MAX_ATTEMPTS) {
    // A timeout or a 5xx may come after the network accepted the post; a 429 never does.
    const maybeSent = kind === 'transient' || reply.outcomeUnknown;
    return {
      status: 'queued',
      error: message,
      retryAt: retryAt(ctx, reply, connector, err),
      outcomeUnknown: maybeSent,
    };
  }
  if (kind === 'transient' && !connector.idempotentReplies) {
    return { status: 'needs_verification', error: message };
  }
  return { status: 'failed', error: message };
}

function retryAt(ctx: Ctx, reply: ReplyRow, connector: Connector, err: unknown): Date {
  const now = ctx.clock.now().getTime();
  const told = err instanceof ConnectorError ? err.retryAt : null;
  if (told) return told;
  const backoff = 2 ** reply.attempts * 5_000;
  // Where the next attempt must search the thread first, give a post accepted just before a
  // timeout a lease's time to show up in search.
  return new Date(now + (connector.idempotentReplies ? backoff : Math.max(backoff, REPLY_LEASE_MS)));
}

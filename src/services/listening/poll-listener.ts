import { and, eq, sql } from 'drizzle-orm';
import { backoffDelay } from '../../../connectors/http';
import {
  type Connector,
  ConnectorError,
  type PollResult,
  type RejectedItem,
} from '../../../connectors/types';
import { withTransaction } from '../../db/client';
import { listeners, listenerUsage, networkAccounts } from '../../db/schema';
import { NotFoundError } from '../../lib/errors';
import { yieldToIo } from '../../lib/yield-to-io';
import { connectorFor } from '../accounts/connector-for';
import { recordAccountFailure, recordAccountSuccess } from '../accounts/record-health';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { fault } from '../faults';
import { brandTopicsFor } from '../learning/topic-models';
import { markMentionsDeleted } from './mark-deleted';
import { quarantine } from './quarantine';
import {
  blockedUntil,
  listenersSharing,
  pagesAllowed,
  rateKey,
  readRateLimit,
  saveRateLimit,
} from './rate-budget';
import { screenMentions } from './sanitise';
import { type IncomingMention, storeMentions } from './store-mentions';

export interface PollOutcome {
  listenerId: string;
  ok: boolean;
  fetched: number;
  stored: number;
  /** Items quarantined in the dead letters by this poll. */
  quarantined?: number;
  /** Not polled: the account's rate-limit window is spent until then. */
  deferredUntil?: Date;
  error?: string;
}

/** Longest wait between retries of a failing listener. */
const BACKOFF_CAP_MS = 3_600_000;

const normaliseHandle = (h: string) => h.trim().replace(/^@/, '').toLowerCase();

/**
 * One listening cycle for one listener: fetch from the cursor, classify, then store the mentions
 * and advance the cursor in the same transaction, so the cursor never moves past what is not stored.
 */
export async function pollListener(ctx: Ctx, listenerId: string): Promise<PollOutcome> {
  const fetched = await fetchPoll(ctx, listenerId);
  return 'outcome' in fetched ? fetched.outcome : storePoll(ctx, fetched);
}

/** A poll's network side done: what it read, classified, waiting for its transaction. */
export interface FetchedPoll {
  poll: PollState;
  result: PollResult;
  incoming: IncomingMention[];
  rejected: RejectedItem[];
}

interface PollState {
  listener: typeof listeners.$inferSelect;
  account: typeof networkAccounts.$inferSelect | null;
  budgetKey: string;
  connector: Connector | null;
  now: Date;
}

/**
 * The first half of a poll, which touches the network and the CPU but writes no mention: read the
 * listener, honour the rate limit, fetch, record what the network said of its budget, screen and
 * classify. A failure is recorded on the listener here and comes back as the outcome.
 */
export async function fetchPoll(
  ctx: Ctx,
  listenerId: string,
): Promise<FetchedPoll | { outcome: PollOutcome }> {
  const [listener] = await ctx.db.select().from(listeners).where(eq(listeners.id, listenerId));
  if (!listener) throw new NotFoundError('Listener', listenerId);
  const accounts = await ctx.db
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.brandId, listener.brandId), eq(networkAccounts.network, listener.network)));
  const account = accounts.find((a) => a.id === listener.accountId) ?? accounts[0] ?? null;
  const topicDefs = await brandTopicsFor(ctx, listener.brandId);
  const ownHandles = new Set(accounts.map((a) => normaliseHandle(a.handle)));
  const ownIds = new Set(accounts.map((a) => a.externalUserId).filter((x): x is string => !!x));
  const now = ctx.clock.now();
  const poll: PollState = {
    listener,
    account,
    budgetKey: rateKey(account?.id ?? null, listener.network),
    connector: null,
    now,
  };
  const budget = await readRateLimit(ctx.db, poll.budgetKey);
  // Persisted, so a restart or another instance waits for the reset the network announced too.
  const waitUntil = blockedUntil(budget, now);
  if (waitUntil) {
    await ctx.db
      .update(listeners)
      .set({ nextPollAt: waitUntil, leaseUntil: null, updatedAt: now })
      .where(eq(listeners.id, listener.id));
    return { outcome: { listenerId, ok: true, fetched: 0, stored: 0, deferredUntil: waitUntil } };
  }
  const maxPages = pagesAllowed(
    budget,
    await listenersSharing(ctx.db, listener.brandId, listener.network),
    now,
  );

  try {
    const resolved = await connectorFor(ctx, listener.network, account);
    poll.connector = resolved.connector;
    const result = await resolved.connector.poll({
      kind: listener.kind,
      query: listener.query,
      target: listener.target,
      cursor: listener.cursor,
      account: resolved.account,
      ...(maxPages === undefined ? {} : { maxPages }),
    });
    await saveRateLimit(ctx.db, poll.budgetKey, listener.network, resolved.connector.rateLimit(), now);
    await fault(ctx, 'poll:after-fetch');
    const screened = screenMentions(result.mentions);
    const incoming: IncomingMention[] = [];
    for (const [i, mention] of screened.kept.entries()) {
      // Classifying is the poll's longest stretch of CPU: between slices, another listener's
      // transaction (see pollDueListeners) gets its next statement sent.
      if (i > 0 && i % CLASSIFY_SLICE === 0) await yieldToIo();
      const fromBrand =
        ownIds.has(mention.author.externalId) || ownHandles.has(normaliseHandle(mention.author.handle));
      incoming.push({
        mention,
        fromBrand,
        classification: fromBrand
          ? null
          : ctx.classifier.classify({
              text: mention.text,
              languageHint: mention.language,
              topics: topicDefs,
            }),
      });
    }
    return { poll, result, incoming, rejected: [...(result.rejected ?? []), ...screened.rejected] };
  } catch (err) {
    return { outcome: await failPoll(ctx, poll, err) };
  }
}

const CLASSIFY_SLICE = 25;

/**
 * The second half: the mentions, deletions, dead letters and the cursor in one transaction, so
 * the cursor never moves past what is not stored.
 */
export async function storePoll(ctx: Ctx, fetched: FetchedPoll): Promise<PollOutcome> {
  const { poll, result, incoming, rejected } = fetched;
  const { listener, account, now } = poll;
  try {
    const stored = await withTransaction(ctx.db, async (tx) => {
      const ids = await storeMentions(
        tx,
        ctx,
        { brandId: listener.brandId, listenerId: listener.id, network: listener.network },
        incoming,
      );
      await markMentionsDeleted(
        tx,
        ctx,
        { brandId: listener.brandId, network: listener.network },
        result.deleted ?? [],
      );
      await quarantine(
        tx,
        ctx,
        { brandId: listener.brandId, listenerId: listener.id, network: listener.network },
        rejected,
      );
      await fault(ctx, 'poll:after-store');
      await tx
        .update(listeners)
        .set({
          cursor: result.nextCursor ?? listener.cursor,
          lastPolledAt: now,
          lastSuccessAt: now,
          consecutiveFailures: 0,
          // The poll worked, but what it could not read is said on the listener, not only in a table.
          lastError: rejected.length > 0 ? quarantineMessage(rejected.length) : null,
          ...(rejected.length > 0 ? { lastErrorAt: now } : {}),
          nextPollAt: new Date(now.getTime() + listener.intervalSeconds * 1000),
          leaseUntil: null,
          updatedAt: now,
        })
        .where(eq(listeners.id, listener.id));
      if (account) await recordAccountSuccess(tx, ctx, account.id);
      // Pay-per-read networks bill every post fetched, stored or not.
      await tx
        .insert(listenerUsage)
        .values({
          listenerId: listener.id,
          day: now.toISOString().slice(0, 10),
          postsRead: result.mentions.length,
          requests: 1,
        })
        .onConflictDoUpdate({
          target: [listenerUsage.listenerId, listenerUsage.day],
          set: {
            postsRead: sql`${listenerUsage.postsRead} + ${result.mentions.length}`,
            requests: sql`${listenerUsage.requests} + 1`,
          },
        });
      if (ids.length > 0 || rejected.length > 0) {
        await audit(tx, ctx, {
          action: 'listener.polled',
          entityType: 'listener',
          entityId: listener.id,
          details: { fetched: result.mentions.length, stored: ids.length, quarantined: rejected.length },
        });
      }
      return ids.length;
    });
    await fault(ctx, 'poll:after-cursor');
    return {
      listenerId: listener.id,
      ok: true,
      fetched: result.mentions.length,
      stored,
      ...(rejected.length > 0 ? { quarantined: rejected.length } : {}),
    };
  } catch (err) {
    return failPoll(ctx, poll, err);
  }
}

/** Records a failed poll on its listener and says when to try again. */
async function failPoll(ctx: Ctx, poll: PollState, err: unknown): Promise<PollOutcome> {
  const { listener, account, connector, now } = poll;
  const message = describePollError(err);
  const failures = listener.consecutiveFailures + 1;
  // A rate limit says itself when to come back; other failures back off with full jitter, so
  // instances that failed together do not all come back at the same instant.
  const limited = err instanceof ConnectorError && err.retryAt ? err.retryAt : null;
  const retryAt =
    limited ??
    new Date(
      now.getTime() +
        backoffDelay(
          failures - 1,
          listener.intervalSeconds * 1000,
          BACKOFF_CAP_MS,
          ctx.random ?? Math.random,
        ),
    );
  const state = limited ? { remaining: 0, resetAt: limited } : connector?.rateLimit();
  if (state) await saveRateLimit(ctx.db, poll.budgetKey, listener.network, state, now);
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(listeners)
      .set({
        lastPolledAt: now,
        lastErrorAt: now,
        lastError: message,
        consecutiveFailures: failures,
        nextPollAt: retryAt,
        leaseUntil: null,
        updatedAt: now,
      })
      .where(eq(listeners.id, listener.id));
    if (account) await recordAccountFailure(tx, ctx, account.id, err, message);
  });
  ctx.logger.warn('poll failed', { listenerId: listener.id, error: message });
  return { listenerId: listener.id, ok: false, fetched: 0, stored: 0, error: message };
}

export function quarantineMessage(n: number): string {
  return `${n} item(s) from the network could not be read and were quarantined (see dead letters)`;
}

/** Words a person understands, never a stack trace. */
export function describePollError(err: unknown): string {
  if (err instanceof ConnectorError) {
    const what: Record<ConnectorError['kind'], string> = {
      auth: 'The network refused our credentials (expired or revoked)',
      forbidden: 'The network forbids this',
      duplicate: 'The network refused duplicate content',
      rate_limited: 'Rate limited by the network',
      transient: 'The network is unavailable for now',
      malformed: 'The network sent a payload we could not read',
      unsupported: 'Not supported by this network',
      gone: 'The post no longer exists on the network',
    };
    return `${what[err.kind]}: ${err.message}`;
  }
  return `Unexpected error: ${err instanceof Error ? err.message : String(err)}`;
}

import { and, asc, eq, lte, or, sql } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { notificationChannels, notifications } from '../../db/schema';
import type { Ctx } from '../context';

const MAX_ATTEMPTS = 6;
const LEASE_MS = 60_000;

/** Sends queued notifications with retries; a failing channel shows its error to the admins. */
export async function sendDueNotifications(ctx: Ctx, opts: { limit?: number } = {}) {
  const now = ctx.clock.now();
  const claimed = await withTransaction(ctx.db, async (tx) => {
    const due = await tx
      .select({ n: notifications, c: notificationChannels })
      .from(notifications)
      .innerJoin(notificationChannels, eq(notificationChannels.id, notifications.channelId))
      .where(
        or(
          and(eq(notifications.status, 'queued'), lte(notifications.nextAttemptAt, now)),
          and(eq(notifications.status, 'sending'), lte(notifications.leaseUntil, now)),
        ),
      )
      .orderBy(asc(notifications.nextAttemptAt))
      .limit(opts.limit ?? 50)
      .for('update', { of: notifications, skipLocked: true });
    for (const { n } of due) {
      await tx
        .update(notifications)
        .set({
          status: 'sending',
          attempts: sql`${notifications.attempts} + 1`,
          leaseUntil: new Date(now.getTime() + LEASE_MS),
        })
        .where(eq(notifications.id, n.id));
    }
    return due;
  });
  const results: { id: string; status: 'sent' | 'queued' | 'failed'; error?: string }[] = [];
  for (const { n, c } of claimed) {
    const attempt = n.attempts + 1;
    try {
      const secret = c.secret ? await ctx.secrets.open(c.secret) : null;
      await ctx.notifier.send(
        { kind: c.kind, target: c.target, secret, settings: c.settings },
        {
          id: n.id,
          subject: n.subject,
          body: n.body,
          link: n.link,
          payload: n.payload as Record<string, unknown>,
        },
      );
      await withTransaction(ctx.db, async (tx) => {
        await tx
          .update(notifications)
          .set({ status: 'sent', sentAt: ctx.clock.now(), leaseUntil: null, lastError: null })
          .where(eq(notifications.id, n.id));
        await tx
          .update(notificationChannels)
          .set({ lastSuccessAt: ctx.clock.now(), consecutiveFailures: 0, lastError: null })
          .where(eq(notificationChannels.id, c.id));
      });
      results.push({ id: n.id, status: 'sent' });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const giveUp = attempt >= MAX_ATTEMPTS;
      // Exponential backoff with full jitter: a channel that is down is not hammered.
      const delay = Math.random() * Math.min(3_600_000, 2 ** attempt * 15_000);
      await withTransaction(ctx.db, async (tx) => {
        await tx
          .update(notifications)
          .set({
            status: giveUp ? 'failed' : 'queued',
            lastError: message,
            leaseUntil: null,
            nextAttemptAt: new Date(ctx.clock.now().getTime() + delay),
          })
          .where(eq(notifications.id, n.id));
        await tx
          .update(notificationChannels)
          .set({
            lastErrorAt: ctx.clock.now(),
            lastError: message,
            consecutiveFailures: sql`${notificationChannels.consecutiveFailures} + 1`,
          })
          .where(eq(notificationChannels.id, c.id));
      });
      ctx.logger.warn('notification failed', { channel: c.name, error: message });
      results.push({ id: n.id, status: giveUp ? 'failed' : 'queued', error: message });
    }
  }
  return results;
}

import { and, arrayContains, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { type Audience, notificationChannels, notifications } from '../../db/schema';
import type { Ctx } from '../context';

export interface NotificationInput {
  /** Same key, same event: noticing it twice notifies once. */
  dedupeKey: string;
  subject: string;
  body: string;
  link?: string | null;
  payload?: Record<string, unknown>;
}

/** Queues a notification on every enabled channel of the audience, in the caller's transaction. */
export async function notify(tx: Db, ctx: Ctx, audience: Audience, n: NotificationInput): Promise<number> {
  const channels = await tx
    .select({ id: notificationChannels.id })
    .from(notificationChannels)
    .where(
      and(eq(notificationChannels.enabled, true), arrayContains(notificationChannels.audiences, [audience])),
    );
  if (channels.length === 0) {
    ctx.logger.warn('no notification channel for audience', { audience, subject: n.subject });
    return 0;
  }
  return queueOn(
    tx,
    ctx,
    channels.map((c) => c.id),
    n,
  );
}

/** Queues on the given channels only (a new channel's test message goes to it alone). */
export async function queueOn(tx: Db, ctx: Ctx, channelIds: string[], n: NotificationInput): Promise<number> {
  if (channelIds.length === 0) return 0;
  const rows = await tx
    .insert(notifications)
    .values(
      channelIds.map((channelId) => ({
        id: ctx.ids('ntf'),
        channelId,
        dedupeKey: n.dedupeKey,
        subject: n.subject,
        body: n.body,
        link: n.link ?? null,
        payload: n.payload ?? {},
        nextAttemptAt: ctx.clock.now(),
      })),
    )
    .onConflictDoNothing()
    .returning({ id: notifications.id });
  return rows.length;
}

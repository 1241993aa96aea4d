import { eq, sql } from 'drizzle-orm';
import { ConnectorError } from '../../../connectors/types';
import type { Db } from '../../db/client';
import { networkAccounts } from '../../db/schema';
import type { Ctx } from '../context';
import { notify } from '../notifications/notify';

/** After this many failures in a row (or at once for revoked credentials) the admins are told. */
export const FAILURES_BEFORE_ALERT = 3;

export async function recordAccountSuccess(tx: Db, ctx: Ctx, accountId: string): Promise<void> {
  await tx
    .update(networkAccounts)
    .set({
      lastSuccessAt: ctx.clock.now(),
      consecutiveFailures: 0,
      lastError: null,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(networkAccounts.id, accountId));
}

/**
 * Records a failure; when the account crosses into "not working", queues one alert to the admins
 * (deduplicated per outage: the key holds the last success, so a new outage alerts again).
 */
export async function recordAccountFailure(
  tx: Db,
  ctx: Ctx,
  accountId: string,
  err: unknown,
  message: string,
) {
  const [row] = await tx
    .update(networkAccounts)
    .set({
      lastErrorAt: ctx.clock.now(),
      lastError: message,
      consecutiveFailures: sql`${networkAccounts.consecutiveFailures} + 1`,
      updatedAt: ctx.clock.now(),
    })
    .where(eq(networkAccounts.id, accountId))
    .returning();
  if (!row) return;
  const revoked = err instanceof ConnectorError && (err.kind === 'auth' || err.kind === 'forbidden');
  if (!revoked && row.consecutiveFailures < FAILURES_BEFORE_ALERT) return;
  await notify(tx, ctx, 'admins', {
    dedupeKey: `account-down:${row.id}:${row.lastSuccessAt?.toISOString() ?? 'never'}`,
    subject: `Passerelle: the ${row.network} account @${row.handle} stopped working`,
    body: `${message}\n${row.consecutiveFailures} failure(s) in a row. Listening and replies through this account are on hold until it works again.`,
    link: `${ctx.publicUrl}/admin/connections`,
    payload: { event: 'account.down', accountId: row.id, network: row.network },
  });
}

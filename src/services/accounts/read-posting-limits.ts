import { eq } from 'drizzle-orm';
import { withTransaction } from '../../db/client';
import { networkAccounts, type StoredPostingLimits } from '../../db/schema';
import { serverLimitedNetworks } from '../../domain/networks';
import { AppError, NotFoundError } from '../../lib/errors';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { connectorFor } from './connector-for';

type Account = typeof networkAccounts.$inferSelect;

export type PostingLimitsRead =
  /** The network has one limit for everyone: nothing to read. */
  | { status: 'network-wide' }
  | { status: 'read'; limits: StoredPostingLimits }
  /** The server did not answer usefully; what was stored before (or the default) still applies. */
  | { status: 'unread'; error: string };

/**
 * Reads the limits the account's own server sets (a Mastodon instance's characters per post) and
 * stores them, so the composer counts against them and replies are built with them. A network
 * call, so never inside a transaction; a failure keeps what was stored.
 */
export async function readPostingLimits(ctx: Ctx, account: Account): Promise<PostingLimitsRead> {
  // Decided before any connector is built: connecting an X account unseals nothing for this.
  if (!serverLimitedNetworks.has(account.network)) return { status: 'network-wide' };
  const { connector } = await connectorFor(ctx, account.network, account);
  if (!connector.readPostingLimits) return { status: 'network-wide' };
  let limits: StoredPostingLimits;
  try {
    const read = await connector.readPostingLimits();
    limits = { ...read, readAt: ctx.clock.now().toISOString() };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    ctx.logger.warn('posting limits not read', { account: account.id, network: account.network, error });
    return { status: 'unread', error };
  }
  await withTransaction(ctx.db, async (tx) => {
    await tx
      .update(networkAccounts)
      .set({ postingLimits: limits, updatedAt: ctx.clock.now() })
      .where(eq(networkAccounts.id, account.id));
    await audit(tx, ctx, {
      action: 'account.posting_limits_read',
      entityType: 'network_account',
      entityId: account.id,
      details: { network: account.network, maxCharacters: limits.maxCharacters },
    });
  });
  return { status: 'read', limits };
}

/** The admin's "read again", after the instance changed its limit or was unreachable at connection. */
export async function rereadPostingLimits(ctx: Ctx, accountId: string): Promise<PostingLimitsRead> {
  requireActor(ctx, 'connections.manage');
  const [account] = await ctx.db.select().from(networkAccounts).where(eq(networkAccounts.id, accountId));
  if (!account) throw new NotFoundError('account', accountId);
  const result = await readPostingLimits(ctx, account);
  if (result.status === 'network-wide') {
    throw new AppError(
      'validation_failed',
      `${account.network} has one limit for every account: nothing to read`,
    );
  }
  return result;
}

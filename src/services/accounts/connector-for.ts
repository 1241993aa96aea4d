import { eq } from 'drizzle-orm';
import type { AccountRef, Connector, NetworkId } from '../../../connectors/types';
import { networkAccounts } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { Ctx } from '../context';

type Account = typeof networkAccounts.$inferSelect;

/**
 * The connector for a brand account: credentials unsealed only here, and rotated ones sealed and
 * stored before the network call that needs them goes on.
 */
export async function connectorFor(
  ctx: Ctx,
  network: NetworkId,
  account: Account | null,
): Promise<{ connector: Connector; account: AccountRef | null }> {
  let credentials: Record<string, string> | null = null;
  if (account?.credentials) {
    try {
      credentials = JSON.parse(await ctx.secrets.open(account.credentials)) as Record<string, string>;
    } catch {
      throw new AppError(
        'unavailable',
        `The credentials of ${network} account @${account.handle} cannot be read with the current SECRET_KEY: enter them again`,
      );
    }
  }
  const connector = ctx.connectors(network, {
    key: account ? `account:${account.id}` : `network:${network}`,
    baseUrl: account?.baseUrl ?? null,
    credentials,
    postingLimits: account?.postingLimits ?? null,
    onCredentialsRotated: account
      ? async (rotated) => {
          const sealed = await ctx.secrets.seal(JSON.stringify(rotated));
          await ctx.db
            .update(networkAccounts)
            .set({ credentials: sealed, updatedAt: ctx.clock.now() })
            .where(eq(networkAccounts.id, account.id));
        }
      : undefined,
  });
  const ref = account
    ? { handle: account.handle, externalUserId: account.externalUserId, credentials }
    : null;
  return { connector, account: ref };
}

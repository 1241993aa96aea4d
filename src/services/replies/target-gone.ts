import type { NetworkId } from '../../../connectors/types';
import { withTransaction } from '../../db/client';
import type { Ctx } from '../context';
import { markMentionsDeleted } from '../listening/mark-deleted';

export { TARGET_DELETED, TARGET_DELETED_MAYBE_SENT } from './reply-reasons';

/**
 * A lookup found the customer's post gone (404/410, "not found"): honour the deletion like a poll
 * would, so its text goes and the case shows it was deleted.
 */
export async function markTargetGone(
  ctx: Ctx,
  target: { brandId: string; network: NetworkId; externalId: string },
): Promise<void> {
  await withTransaction(ctx.db, (tx) =>
    markMentionsDeleted(tx, ctx, { brandId: target.brandId, network: target.network }, [target.externalId]),
  );
}

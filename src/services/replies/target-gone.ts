import type { NetworkId } from '../../../connectors/types';
import { withTransaction } from '../../db/client';
import type { Ctx } from '../context';
import { markMentionsDeleted } from '../listening/mark-deleted';

/** Said on the case, on the reply that was not sent. */
export const TARGET_DELETED =
  'The customer deleted this post on the network: the reply was not sent. Answer in a newer post of theirs, or close the case.';

/** The same, when an earlier attempt of unknown outcome may have gone out before the post went. */
export const TARGET_DELETED_MAYBE_SENT =
  'The customer deleted this post on the network; an earlier attempt may have been posted before it went. Nothing more is sent.';

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

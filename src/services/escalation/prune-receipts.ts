import { lt } from 'drizzle-orm';
import { inboundReceipts } from '../../db/schema';
import type { Ctx } from '../context';
import { MAX_SKEW_S } from './inbound';

/**
 * A receipt only matters while its signature could still be accepted: the signed timestamp may
 * lie up to MAX_SKEW_S ahead of the moment it arrived and is accepted up to MAX_SKEW_S after,
 * so twice the skew after arrival a replay is refused as stale anyway and the row can go.
 */
export const RECEIPT_KEEP_MS = 2 * MAX_SKEW_S * 1000;

export async function pruneInboundReceipts(ctx: Ctx): Promise<number> {
  const before = new Date(ctx.clock.now().getTime() - RECEIPT_KEEP_MS);
  const gone = await ctx.db
    .delete(inboundReceipts)
    .where(lt(inboundReceipts.receivedAt, before))
    .returning({ id: inboundReceipts.id });
  return gone.length;
}

import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { NetworkId } from '../../../connectors/types';
import type { Db } from '../../db/client';
import { mentions } from '../../db/schema';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { recountTermsOf } from '../reports/term-rollups';

/**
 * Honours a deletion on the network (reported by a poll, or found when a lookup says the post is
 * gone): the text, link and payload go, the row stays so the case still shows that a post was
 * there and was deleted. The audit row carries ids only. Returns the mentions newly marked.
 */
export async function markMentionsDeleted(
  tx: Db,
  ctx: Ctx,
  target: { brandId: string; network: NetworkId },
  externalIds: string[],
): Promise<string[]> {
  if (externalIds.length === 0) return [];
  const now = ctx.clock.now();
  // Only rows not yet deleted: a network that repeats the deletion does not repeat the audit.
  const rows = await tx
    .update(mentions)
    .set({ text: '', url: null, raw: {}, deletedAt: now })
    .where(
      and(
        eq(mentions.brandId, target.brandId),
        eq(mentions.network, target.network),
        inArray(mentions.externalId, [...new Set(externalIds)]),
        isNull(mentions.deletedAt),
      ),
    )
    .returning({ id: mentions.id, caseId: mentions.caseId });
  await audit(
    tx,
    ctx,
    rows.map((r) => ({
      action: 'mention.deleted',
      entityType: 'mention',
      entityId: r.id,
      caseId: r.caseId,
      details: { network: target.network, reason: 'deleted on the network' },
    })),
  );
  await recountTermsOf(
    tx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => r.id);
}

import { sql } from 'drizzle-orm';
import type { NetworkId, RejectedItem } from '../../../connectors/types';
import type { Db } from '../../db/client';
import { deadLetters } from '../../db/schema';
import type { Ctx } from '../context';
import { cleanString } from './sanitise';

/** Enough of a payload to see what broke. */
export const DEAD_LETTER_PAYLOAD_CHARS = 4_000;
const REASON_CHARS = 1_000;

export interface QuarantineTarget {
  brandId: string;
  listenerId: string;
  network: NetworkId;
}

/**
 * Files the items a poll could not read, in the poll's transaction (so they are recorded exactly
 * when the cursor moves past them). The same item seen again bumps its count instead of adding a row.
 */
export async function quarantine(
  tx: Db,
  ctx: Ctx,
  target: QuarantineTarget,
  items: RejectedItem[],
): Promise<number> {
  if (items.length === 0) return 0;
  const now = ctx.clock.now();
  const byPrint = new Map<string, typeof deadLetters.$inferInsert>();
  for (const item of items) {
    const payload = truncate(safeStringify(item.raw), DEAD_LETTER_PAYLOAD_CHARS);
    const fingerprint = item.externalId ? `id:${cleanString(item.externalId)}` : `sha:${fnv1a(payload)}`;
    byPrint.set(fingerprint, {
      id: ctx.ids('dlq'),
      brandId: target.brandId,
      listenerId: target.listenerId,
      network: target.network,
      fingerprint,
      externalId: item.externalId ? cleanString(item.externalId) : null,
      reason: truncate(cleanString(item.reason), REASON_CHARS),
      payload,
      firstSeenAt: now,
      lastSeenAt: now,
      count: 1,
    });
  }
  await tx
    .insert(deadLetters)
    .values([...byPrint.values()])
    .onConflictDoUpdate({
      target: [deadLetters.listenerId, deadLetters.fingerprint],
      set: {
        count: sql`${deadLetters.count} + 1`,
        lastSeenAt: now,
        reason: sql`excluded.reason`,
        payload: sql`excluded.payload`,
        // Seen again after a dismissal: it is back in front of the admins.
        dismissedAt: null,
        dismissedBy: null,
      },
    });
  return byPrint.size;
}

function safeStringify(value: unknown): string {
  if (typeof value === 'string') return cleanString(value);
  try {
    return cleanString(JSON.stringify(value) ?? String(value));
  } catch {
    return String(value);
  }
}

/** Cut on a code point, with a marker, so a reader knows there was more. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cleanString(text.slice(0, max))}… (${text.length} characters)`;
}

/** A short stable hash of a payload without an id (FNV-1a, 32 bits is plenty within one listener). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

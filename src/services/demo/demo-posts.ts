/**
 * Shared pieces of the demo network's verbs: how a stored row looks on the wire, who writes, and
 * the one lock every writer takes. Not a verb itself.
 */
import { sql } from 'drizzle-orm';
import { demoAuthors, demoBrand } from '../../../connectors/demo/corpus';
import type { RawPost } from '../../../connectors/demo/raw';
import type { Db } from '../../db/client';
import { demoPosts } from '../../db/schema';

export type DemoPostRow = typeof demoPosts.$inferSelect;

/** What `demo_posts.meta` holds: where a post came from and, for simulated ones, what it was meant to be. */
export interface DemoPostMeta {
  source?: 'simulator' | 'api' | 'compose';
  kind?: string;
  topic?: string | null;
  corpusIndex?: number;
  followUpIndex?: number | null;
}

/** A brand account on the demo network reaches this many people; customers come from the corpus. */
export const DEMO_BRAND_FOLLOWERS = 12_400;

/**
 * Keys of simulated posts and of API posts live in one unique column; the prefixes keep a client's
 * Idempotency-Key from ever matching a simulated post.
 */
export const simulatedKey = (part: string) => `sim:${part}`;
export const apiKey = (key: string) => `api:${key}`;

export function metaOf(row: Pick<DemoPostRow, 'meta'>): DemoPostMeta {
  const meta = row.meta;
  return meta !== null && typeof meta === 'object' ? (meta as DemoPostMeta) : {};
}

export function normaliseDemoHandle(handle: string): string {
  return handle.trim().replace(/^@/, '').toLowerCase();
}

/**
 * A network gives each account an id that does not change with its display name; here it is derived
 * from the handle (FNV-1a, 64 bits) so the same customer keeps the same id across restarts.
 */
export function demoAuthorId(handle: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(normaliseDemoHandle(handle))) {
    hash ^= BigInt(byte);
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `du_${hash.toString(16).padStart(16, '0')}`;
}

export interface DemoAccount {
  id: string;
  handle: string;
  name: string;
  followers: number;
  /** The brand's own account: what it writes is flagged byBrand on the wire. */
  isBrand: boolean;
}

/** The brand's account, or a customer of the corpus, or a newcomer known by their handle only. */
export function demoAccount(rawHandle: string): DemoAccount {
  const handle = normaliseDemoHandle(rawHandle);
  if (handle === demoBrand.handle) {
    return {
      id: demoAuthorId(handle),
      handle,
      name: demoBrand.name,
      followers: DEMO_BRAND_FOLLOWERS,
      isBrand: true,
    };
  }
  const known = demoAuthors.find((a) => a.handle.toLowerCase() === handle);
  return {
    id: demoAuthorId(handle),
    handle: known?.handle ?? handle,
    name: known?.name ?? handle,
    followers: known?.followers ?? 0,
    isBrand: false,
  };
}

export function toRawPost(row: DemoPostRow): RawPost {
  return {
    id: row.id,
    seq: row.seq,
    text: row.text,
    lang: row.lang,
    createdAt: row.createdAt.toISOString(),
    author: { id: row.authorId, handle: row.authorHandle, name: row.authorName, followers: row.followers },
    inReplyTo: row.inReplyTo,
    threadRoot: row.threadRoot,
    byBrand: row.byBrand,
  };
}

/**
 * Every writer of demo_posts takes this lock first, in its transaction. Two reasons:
 * - `seq` is the clients' cursor. Two concurrent inserts could take seq 10 and 11 and commit 11
 *   first; a poll in between would move its cursor past 10 and never see it. One writer at a time
 *   means seq order is commit order.
 * - The simulator's state (newest post, open threads) is read after the lock, so a second caller
 *   sees what the first committed and has nothing left to add.
 * EXCLUSIVE mode still lets readers (plain SELECT) through, and it is released at commit, so it
 * works behind a transaction-mode pooler (Hyperdrive), unlike session advisory locks.
 */
export async function lockDemoPosts(tx: Db): Promise<void> {
  await tx.execute(sql`lock table ${demoPosts} in exclusive mode`);
}

import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mentions } from '../../db/schema';

/** The customer's latest post in the case: the public answer goes under it, in their thread. */
export async function latestCustomerMention(tx: Db, caseId: string) {
  const [m] = await tx
    .select()
    .from(mentions)
    .where(and(eq(mentions.caseId, caseId), eq(mentions.fromBrand, false)))
    .orderBy(desc(mentions.postedAt))
    .limit(1);
  return m ?? null;
}

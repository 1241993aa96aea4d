import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cases, networkAccounts, replies } from '../../db/schema';
import { connectorFor } from '../accounts/connector-for';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { getCaseOr404 } from '../inbox/transition';
import { latestCustomerMention } from './latest-customer-mention';
import { NOTHING_TO_ANSWER } from './reply-reasons';

export interface Preflight {
  network: string;
  /** False for read-only sources and posts the network will not let us answer. */
  allowed: boolean;
  reason: string | null;
  max: number;
  used: number;
  remaining: number;
  /** True when the text repeats a reply the brand already posted word for word (refused as duplicate). */
  duplicate: boolean;
}

/**
 * What the composer shows before an advisor writes or sends: may this post be answered publicly
 * here, how much room is left, and whether the text repeats an earlier public reply.
 */
export async function replyPreflight(ctx: Ctx, caseId: string, text = ''): Promise<Preflight> {
  requireActor(ctx, 'case.read');
  return preflightIn(ctx.db, ctx, await getCaseOr404(ctx.db, caseId), text);
}

export async function preflightIn(
  db: Db,
  ctx: Ctx,
  c: typeof cases.$inferSelect,
  text: string,
): Promise<Preflight> {
  const [account] = await db
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.brandId, c.brandId), eq(networkAccounts.network, c.network)))
    .limit(1);
  const { connector, account: accountRef } = await connectorFor(ctx, c.network, account ?? null);
  const target = await latestCustomerMention(db, c.id);
  const check = !connector.canReply
    ? { allowed: false, reason: `${c.network} is a read-only source: answer the customer where they wrote` }
    : !target
      ? { allowed: false, reason: 'This case has no customer post to answer' }
      : target.deletedAt
        ? {
            allowed: false,
            reason: NOTHING_TO_ANSWER,
          }
        : connector.checkReply({ text: target.text, raw: target.raw }, accountRef);
  const body = text.trim();
  const used = body ? connector.limits.measure(body) : 0;
  const same = body
    ? await db
        .select({ id: replies.id })
        .from(replies)
        .innerJoin(cases, eq(cases.id, replies.caseId))
        .where(
          and(
            eq(cases.brandId, c.brandId),
            eq(replies.network, c.network),
            eq(replies.body, body),
            ne(replies.status, 'failed'),
          ),
        )
        .limit(1)
    : [];
  return {
    network: c.network,
    allowed: check.allowed,
    reason: check.reason,
    max: connector.limits.max,
    used,
    remaining: connector.limits.max - used,
    duplicate: same.length > 0,
  };
}

import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { mentions, networkAccounts, replies } from '../../db/schema';
import { AppError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import type { Ctx } from '../context';

type CaseRow = { id: string; brandId: string; network: (typeof mentions.$inferSelect)['network'] };

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

/**
 * Checks the text against the network before it is queued (room left, read-only source), then
 * puts it in the outbox. The idempotency key is fixed here so every later attempt reuses it.
 */
export async function queueReply(
  tx: Db,
  ctx: Ctx,
  c: CaseRow,
  body: string,
  opts: { expertAnswerId?: string | null; approvedById: string },
) {
  const target = await latestCustomerMention(tx, c.id);
  if (!target) throw new AppError('conflict', 'This case has no customer post to answer');
  const [account] = await tx
    .select()
    .from(networkAccounts)
    .where(and(eq(networkAccounts.brandId, c.brandId), eq(networkAccounts.network, c.network)))
    .limit(1);
  const connector = ctx.connectors(c.network, { baseUrl: account?.baseUrl ?? null, credentials: null });
  if (!connector.canReply) {
    throw new AppError('conflict', `${c.network} is a read-only source: answer the customer elsewhere`);
  }
  const length = connector.limits.measure(body);
  if (length > connector.limits.max) {
    throw new ValidationError([
      { field: 'body', message: `is ${length} characters; ${c.network} allows ${connector.limits.max}` },
    ]);
  }
  const id = ctx.ids('rep');
  const [row] = await tx
    .insert(replies)
    .values({
      id,
      caseId: c.id,
      inReplyToMentionId: target.id,
      network: c.network,
      body,
      status: 'queued',
      idempotencyKey: `passerelle-${id}`,
      expertAnswerId: opts.expertAnswerId ?? null,
      createdById: ctx.actor?.id ?? null,
      approvedById: opts.approvedById,
      nextAttemptAt: ctx.clock.now(),
    })
    .returning();
  await audit(tx, ctx, {
    action: 'reply.queued',
    entityType: 'reply',
    entityId: id,
    caseId: c.id,
    details: { inReplyTo: target.externalId, length },
  });
  return row!;
}

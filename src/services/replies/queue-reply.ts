import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { cases, replies } from '../../db/schema';
import { AppError, ValidationError } from '../../lib/errors';
import { audit } from '../audit';
import type { Ctx } from '../context';
import { latestCustomerMention } from './latest-customer-mention';
import { preflightIn } from './reply-preflight';
import { NOTHING_TO_ANSWER } from './reply-reasons';

type CaseRow = typeof cases.$inferSelect;

/**
 * Checks the text against the network before it is queued (room left, read-only source), then
 * puts it in the outbox. The idempotency key is fixed here so every later attempt reuses it.
 */
export async function queueReply(
  tx: Db,
  ctx: Ctx,
  c: CaseRow,
  body: string,
  opts: { expertAnswerId?: string | null; approvedById: string; kind?: 'answer' | 'holding' },
) {
  const target = await latestCustomerMention(tx, c.id);
  if (!target) throw new AppError('conflict', 'This case has no customer post to answer');
  if (target.deletedAt) {
    throw new AppError('conflict', NOTHING_TO_ANSWER);
  }
  const verdict = await preflightIn(tx, ctx, c, body);
  if (!verdict.allowed)
    throw new AppError('conflict', verdict.reason ?? `This post cannot be answered on ${c.network}`);
  if (verdict.used > verdict.max) {
    throw new ValidationError([
      { field: 'body', message: `is ${verdict.used} characters; ${c.network} allows ${verdict.max}` },
    ]);
  }
  if (verdict.duplicate) {
    throw new ValidationError([
      {
        field: 'body',
        message: 'repeats an earlier public reply word for word: personalise it (networks refuse duplicates)',
      },
    ]);
  }
  const length = verdict.used;
  const id = ctx.ids('rep');
  const [row] = await tx
    .insert(replies)
    .values({
      id,
      caseId: c.id,
      inReplyToMentionId: target.id,
      network: c.network,
      body,
      kind: opts.kind ?? 'answer',
      status: 'queued',
      idempotencyKey: `passerelle-${id}`,
      expertAnswerId: opts.expertAnswerId ?? null,
      createdById: ctx.actor?.id ?? null,
      approvedById: opts.approvedById,
      nextAttemptAt: ctx.clock.now(),
    })
    .returning();
  // The first public reply (a holding one included) meets the first-response target.
  await tx
    .update(cases)
    .set({
      firstRespondedAt: sql`coalesce(${cases.firstRespondedAt}, ${ctx.clock.now().toISOString()}::timestamptz)`,
    })
    .where(eq(cases.id, c.id));
  await audit(tx, ctx, {
    action: 'reply.queued',
    entityType: 'reply',
    entityId: id,
    caseId: c.id,
    details: { inReplyTo: target.externalId, length, kind: opts.kind ?? 'answer' },
  });
  return row!;
}

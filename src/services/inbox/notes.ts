import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { withTransaction } from '../../db/client';
import { caseNotes, users } from '../../db/schema';
import { audit } from '../audit';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { getCaseOr404 } from './transition';

export const noteInput = z.object({
  caseId: z.string().min(1),
  body: z.string().trim().min(1, 'write the note first').max(4000),
});

/** An internal note: stays inside the company (advisors and experts), never queued for the network. */
export async function addNote(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'case.note');
  const data = validate(noteInput, raw);
  return withTransaction(ctx.db, async (tx) => {
    await getCaseOr404(tx, data.caseId);
    const id = ctx.ids('note');
    const [row] = await tx
      .insert(caseNotes)
      .values({
        id,
        caseId: data.caseId,
        authorId: ctx.actor?.id ?? null,
        body: data.body,
        createdAt: ctx.clock.now(),
      })
      .returning();
    // The text stays out of the audit trail: reports and exports read it, notes are internal.
    await audit(tx, ctx, {
      action: 'case.note_added',
      entityType: 'case_note',
      entityId: id,
      caseId: data.caseId,
    });
    return row!;
  });
}

export async function listNotes(ctx: Ctx, caseId: string) {
  requireActor(ctx, 'case.note');
  return ctx.db
    .select({ id: caseNotes.id, body: caseNotes.body, createdAt: caseNotes.createdAt, author: users.name })
    .from(caseNotes)
    .leftJoin(users, eq(users.id, caseNotes.authorId))
    .where(eq(caseNotes.caseId, caseId))
    .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
}

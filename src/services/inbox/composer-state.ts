import { can } from '../../domain/permissions';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { cannedFor } from './canned';
import { caseVersion } from './collision';
import { listNotes } from './notes';
import { otherViewers, touchPresence } from './presence';

/**
 * What the case page adds around the composer: the version it was opened at (sent back with a
 * reply), who else is looking, the canned responses for this customer, the internal notes. Opening
 * the page counts as being present.
 */
export async function composerState(ctx: Ctx, caseId: string) {
  const actor = requireActor(ctx, 'case.read');
  await touchPresence(ctx, caseId);
  const [version, viewers, canned, notes] = await Promise.all([
    caseVersion(ctx.db, caseId),
    otherViewers(ctx, caseId),
    can(actor.role, 'case.reply') ? cannedFor(ctx, caseId) : Promise.resolve(null),
    can(actor.role, 'case.note') ? listNotes(ctx, caseId) : Promise.resolve([]),
  ]);
  return { version, viewers, canned, notes };
}

export type ComposerState = Awaited<ReturnType<typeof composerState>>;

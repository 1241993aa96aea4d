import type { Db } from '../db/client';
import { auditLog } from '../db/schema';
import type { Ctx } from './context';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  caseId?: string | null;
  details?: Record<string, unknown>;
}

/** Written in the caller's transaction, so an action and its trace commit together. */
export async function audit(tx: Db, ctx: Ctx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const at = ctx.clock.now();
  await tx.insert(auditLog).values(
    list.map((e) => ({
      id: ctx.ids('aud'),
      at,
      actorId: ctx.actor?.id ?? null,
      actorLabel: ctx.actor?.name ?? 'system',
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      caseId: e.caseId ?? null,
      details: e.details ?? {},
    })),
  );
}

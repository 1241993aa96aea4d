import { sql } from 'drizzle-orm';
import { recordset } from '../db/bulk';
import type { Db } from '../db/client';
import type { Ctx } from './context';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  caseId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Written in the caller's transaction, so an action and its trace commit together. One statement
 * however many entries (a poll writes hundreds), in the order given: `seq` follows it.
 */
export async function audit(tx: Db, ctx: Ctx, entries: AuditEntry | AuditEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const rows = list.map((e) => ({
    id: ctx.ids('aud'),
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    case_id: e.caseId ?? null,
    details: e.details ?? {},
  }));
  await tx.execute(
    sql`insert into audit_log (id, at, actor_id, actor_label, action, entity_type, entity_id, case_id, details)
      select x.id, ${ctx.clock.now().toISOString()}::timestamptz, ${ctx.actor?.id ?? null},
        ${ctx.actor?.name ?? 'system'}, x.action, x.entity_type, x.entity_id, x.case_id, x.details
      from ${recordset(rows, 'id text, action text, entity_type text, entity_id text, case_id text, details jsonb')}
      order by x.ord`,
  );
}

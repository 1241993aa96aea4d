import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import type { Ctx } from '../context';
import type { ReportScope } from './report-scope';
import { caseWhere } from './volume-report';

export interface Durations {
  /** Cases (or escalations) measured, and those still waiting (not counted in the percentiles). */
  measured: number;
  waiting: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

export interface CareMetric {
  key: string;
  compute(ctx: Ctx, scope: ReportScope): Promise<unknown>;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * Care performance is a list of independent metrics over the cases opened in the period. Adding
 * one (SLA attainment once cases carry due times, the knowledge-base share once replies record the
 * answer they reused) is one more entry here: `{ key, compute }`, nothing else changes.
 */
export const careMetrics: CareMetric[] = [
  {
    // First reply actually posted, from the moment the case opened.
    key: 'firstResponse',
    compute: async (ctx, scope): Promise<Durations> => {
      const [r] = await queryRows<Record<string, unknown>>(
        ctx.db,
        sql`select count(s) ::int as measured, (count(*) - count(s))::int as waiting,
                   percentile_cont(0.5) within group (order by s) as median,
                   percentile_cont(0.9) within group (order by s) as p90
            from (select extract(epoch from (fr.at - c.created_at)) as s
                  from cases c
                  -- A first reply is never older than its case: replies sent in the period are enough.
                  left join (select r.case_id, min(r.sent_at) as at from replies r
                             where r.status = 'sent' and r.sent_at >= ${scope.since.toISOString()}::timestamptz
                             group by r.case_id) fr on fr.case_id = c.id
                  where ${caseWhere(scope)} and c.status <> 'ignored') t`,
      );
      return durations(r);
    },
  },
  {
    // Resolved = answered, or closed without an answer.
    key: 'resolution',
    compute: async (ctx, scope): Promise<Durations> => {
      const [r] = await queryRows<Record<string, unknown>>(
        ctx.db,
        sql`select count(s)::int as measured, (count(*) - count(s))::int as waiting,
                   percentile_cont(0.5) within group (order by s) as median,
                   percentile_cont(0.9) within group (order by s) as p90
            from (select extract(epoch from (coalesce(c.answered_at, c.closed_at) - c.created_at)) as s
                  from cases c where ${caseWhere(scope)} and c.status <> 'ignored') t`,
      );
      return durations(r);
    },
  },
  {
    // Per topic: how long experts take between the hand-off and their accepted answer.
    key: 'expertAnswerByTopic',
    compute: async (ctx, scope) => {
      const rows = await queryRows<Record<string, unknown>>(
        ctx.db,
        sql`select coalesce(c.topic, '') as topic, count(s)::int as measured, (count(*) - count(s))::int as waiting,
                   percentile_cont(0.5) within group (order by s) as median,
                   percentile_cont(0.9) within group (order by s) as p90
            from (select e.case_id, extract(epoch from (e.answered_at - e.created_at)) as s
                  from escalations e where e.status <> 'cancelled'
                    and e.created_at >= ${scope.since.toISOString()}::timestamptz
                    and e.created_at < ${scope.until.toISOString()}::timestamptz) t
            join cases c on c.id = t.case_id and c.brand_id = ${scope.brand.id}
            group by 1 order by 2 desc, 1`,
      );
      return rows.map((r) => ({ topic: String(r.topic), ...durations(r) }));
    },
  },
];

export interface Attainment {
  /** Cases with a target that is settled: met in time, or missed (late, or overdue and still open). */
  met: number;
  missed: number;
  /** Open cases whose target is still ahead: not counted in the percentage. */
  pending: number;
  percent: number | null;
}

/** SLA attainment of one target (first response or resolution), in percent of the settled cases. */
function attainment(due: string, done: string): CareMetric['compute'] {
  return async (ctx, scope): Promise<Attainment> => {
    const now = ctx.clock.now().toISOString();
    const [r] = await queryRows<Record<string, unknown>>(
      ctx.db,
      sql`select count(*) filter (where ${sql.raw(done)} is not null and ${sql.raw(done)} <= ${sql.raw(due)})::int as met,
                 count(*) filter (where (${sql.raw(done)} is not null and ${sql.raw(done)} > ${sql.raw(due)})
                                     or (${sql.raw(done)} is null and ${sql.raw(due)} < ${now}::timestamptz))::int as missed,
                 count(*) filter (where ${sql.raw(done)} is null and ${sql.raw(due)} >= ${now}::timestamptz)::int as pending
          from cases c where ${caseWhere(scope)} and c.status <> 'ignored' and ${sql.raw(due)} is not null`,
    );
    const met = Number(r?.met ?? 0);
    const missed = Number(r?.missed ?? 0);
    return {
      met,
      missed,
      pending: Number(r?.pending ?? 0),
      percent: met + missed === 0 ? null : (100 * met) / (met + missed),
    };
  };
}

careMetrics.push(
  {
    key: 'slaFirstResponse',
    compute: attainment('c.first_response_due_at', 'c.first_responded_at'),
  },
  {
    key: 'slaResolution',
    compute: attainment('c.resolution_due_at', 'coalesce(c.answered_at, c.closed_at)'),
  },
  {
    // Of the cases answered publicly in the period, how many used an approved answer from the knowledge base.
    key: 'knowledgeShare',
    compute: async (ctx, scope) => {
      const [r] = await queryRows<Record<string, unknown>>(
        ctx.db,
        sql`select count(distinct c.id)::int as answered,
                   count(distinct c.id) filter (where r.knowledge_answer_id is not null)::int as from_knowledge
            from cases c join replies r on r.case_id = c.id and r.status = 'sent' and r.kind = 'answer'
            where ${caseWhere(scope)}`,
      );
      const answered = Number(r?.answered ?? 0);
      const fromKnowledge = Number(r?.from_knowledge ?? 0);
      return { answered, fromKnowledge, percent: answered === 0 ? null : (100 * fromKnowledge) / answered };
    },
  },
);

function durations(r: Record<string, unknown> | undefined): Durations {
  return {
    measured: Number(r?.measured ?? 0),
    waiting: Number(r?.waiting ?? 0),
    medianSeconds: num(r?.median),
    p90Seconds: num(r?.p90),
  };
}

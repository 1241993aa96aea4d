import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client';
import { brands } from '../../db/schema';
import { ValidationError } from '../../lib/errors';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';

/** The labels whose accuracy is reported. */
export const ACCURACY_FIELDS = ['intent', 'sentiment', 'topic'] as const;
export type AccuracyField = (typeof ACCURACY_FIELDS)[number];

/**
 * What an advisor does with a case after reading its labels: answering it (a reply queued, an
 * expert's answer approved), escalating it or ignoring it. Done without a correction, it accepts
 * the labels.
 */
export const REVIEW_ACTIONS = ['reply.queued', 'answer.approved', 'case.escalated', 'case.ignored'] as const;

const DAY = 86_400_000;
/** Up to this many days, the report goes per day unless asked otherwise. */
const DAILY_UP_TO = 31;

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a date (YYYY-MM-DD)');

export const accuracyInput = z.object({
  /** First day, inclusive (UTC); default: 8 weeks before `to`. */
  from: isoDay.optional(),
  /** Last day, inclusive (UTC); default: today. */
  to: isoDay.optional(),
  brandId: z.string().min(1).optional(),
  by: z.enum(['day', 'week']).optional(),
});

export interface AccuracyCell {
  /** Reviewed classifications. */
  reviewed: number;
  /** Of those, how many had this label right (reviewed and not corrected). */
  correct: Record<AccuracyField, number>;
}

export interface AccuracyRow extends AccuracyCell {
  /** First day of the period (a Monday for weeks), YYYY-MM-DD. */
  period: string;
  modelVersion: string;
}

interface Reviewed {
  created: Date | string;
  model_version: string;
  intent_wrong: boolean;
  sentiment_wrong: boolean;
  topic_wrong: boolean;
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Monday of the UTC week holding the day. */
function weekOf(d: Date): string {
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return dayOf(monday);
}

const emptyCell = (): AccuracyCell => ({ reviewed: 0, correct: { intent: 0, sentiment: 0, topic: 0 } });

function add(cell: AccuracyCell, r: Reviewed) {
  cell.reviewed += 1;
  if (!r.intent_wrong) cell.correct.intent += 1;
  if (!r.sentiment_wrong) cell.correct.sentiment += 1;
  if (!r.topic_wrong) cell.correct.topic += 1;
}

/**
 * Accuracy against the people who read the labels: per day or week of classification and per
 * model version, how many classifications were reviewed and how many of each label were right.
 * A classification (a customer mention's latest) is reviewed when an advisor corrected one of its
 * labels, or acted on its case after it was made (see REVIEW_ACTIONS); a label is right when it
 * was reviewed and not corrected to another value. Days are UTC.
 */
export async function classificationAccuracy(ctx: Ctx, raw: unknown) {
  requireActor(ctx, 'accuracy.read');
  const data = validate(accuracyInput, raw);
  const today = dayOf(ctx.clock.now());
  const to = data.to ?? today;
  const toDate = new Date(`${to}T00:00:00Z`);
  const from = data.from ?? dayOf(new Date(toDate.getTime() - 8 * 7 * DAY + DAY));
  const fromDate = new Date(`${from}T00:00:00Z`);
  const days = Math.round((toDate.getTime() - fromDate.getTime()) / DAY) + 1;
  if (days < 1) throw new ValidationError([{ field: 'from', message: 'must not be after to' }]);
  if (days > 366) throw new ValidationError([{ field: 'from', message: 'the range is at most 366 days' }]);
  const by = data.by ?? (days <= DAILY_UP_TO ? 'day' : 'week');
  const until = new Date(toDate.getTime() + DAY);

  const actions = sql.join(
    REVIEW_ACTIONS.map((a) => sql`${a}`),
    sql`, `,
  );
  const wrong = (field: AccuracyField) =>
    sql`exists (select 1 from classification_corrections k where k.mention_id = c.mention_id and k.field = ${field} and k.to_label <> k.from_label)`;
  const rows = await queryRows<Reviewed>(
    ctx.db,
    sql`
      with latest as (
        select m.id as mention_id, m.classified_at as created_at,
          m.classification->>'modelVersion' as model_version, m.case_id
        from mentions m
        where m.from_brand = false and m.classification is not null
          ${data.brandId ? sql`and m.brand_id = ${data.brandId}` : sql``}
      )
      select c.created_at as created, c.model_version,
        ${wrong('intent')} as intent_wrong,
        ${wrong('sentiment')} as sentiment_wrong,
        ${wrong('topic')} as topic_wrong
      from latest c
      where c.created_at >= ${fromDate.toISOString()} and c.created_at < ${until.toISOString()}
        and (
          exists (select 1 from classification_corrections k where k.mention_id = c.mention_id)
          or exists (
            select 1 from audit_log a
            where a.case_id = c.case_id and a.actor_id is not null
              and a.action in (${actions}) and a.at >= c.created_at
          )
        )
    `,
  );

  const cells = new Map<string, AccuracyRow>();
  const total = emptyCell();
  const byVersion = new Map<string, AccuracyCell>();
  for (const r of rows) {
    const created = new Date(r.created);
    const period = by === 'day' ? dayOf(created) : weekOf(created);
    const key = `${period}\u0000${r.model_version}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { period, modelVersion: r.model_version, ...emptyCell() };
      cells.set(key, cell);
    }
    add(cell, r);
    add(total, r);
    const v = byVersion.get(r.model_version) ?? emptyCell();
    byVersion.set(r.model_version, v);
    add(v, r);
  }
  const sorted = [...cells.values()].sort(
    (a, b) => a.period.localeCompare(b.period) || a.modelVersion.localeCompare(b.modelVersion),
  );
  const brandList = await ctx.db
    .select({ id: brands.id, name: brands.name })
    .from(brands)
    .orderBy(brands.name);
  return {
    from,
    to,
    by,
    brands: brandList,
    brandId: data.brandId ?? null,
    rows: sorted,
    versions: [...byVersion.entries()]
      .map(([modelVersion, cell]) => ({ modelVersion, ...cell }))
      .sort((a, b) => a.modelVersion.localeCompare(b.modelVersion)),
    total,
  };
}

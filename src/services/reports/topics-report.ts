import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client';
import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { labelledMentions } from './labelled-mentions';
import { type ReportScope, reportFilters, resolveScope } from './report-scope';
import { countBySentiment, rawWhere, type Source, tally } from './sentiment-counts';
import { termCountsOfPeriods } from './term-rollups';
import { risingFromCounts, risingTerms } from './terms';

/**
 * Texts read per period for terms when the term rollups cannot answer (a filter other than the
 * language): the most recent ones, so the report stays fast on any volume.
 */
export const termSample = 3000;
const minDocs = 3;

/** The term rollups hold brand, day and language: any other filter needs the mentions' texts. */
function termsFromRollups(scope: ReportScope, source: Source | undefined): boolean {
  const f = scope.filters;
  return (
    source !== 'raw' &&
    !f.network &&
    !f.topic &&
    !f.intent &&
    !f.sentiment &&
    !f.listenerId &&
    !f.authorId &&
    !f.q
  );
}

async function risingOf(ctx: Ctx, scope: ReportScope, source: Source | undefined) {
  if (termsFromRollups(scope, source)) {
    const { now, before } = await termCountsOfPeriods(ctx.db, scope.brand.id, scope, scope.previous, {
      language: scope.filters.language,
      minDocs,
    });
    return {
      terms: risingFromCounts(now, before, { minDocs }),
      counted: { current: now.total, previous: before.total },
      sampled: null,
    };
  }
  const [textsNow, textsBefore] = await Promise.all([
    sampleTexts(ctx, scope, scope),
    sampleTexts(ctx, scope, scope.previous),
  ]);
  return {
    terms: risingTerms(textsNow, textsBefore, { minDocs }),
    counted: { current: textsNow.length, previous: textsBefore.length },
    sampled: { current: textsNow.length, previous: textsBefore.length, limit: termSample },
  };
}

async function sampleTexts(ctx: Ctx, scope: ReportScope, range: { since: Date; until: Date }) {
  const where = rawWhere(scope, { since: range.since.toISOString(), until: range.until.toISOString() });
  const rows = await queryRows<{ text: string }>(
    ctx.db,
    sql`select l.text from ${labelledMentions(where.mention)} l where ${where.labels}
        order by l.posted_at desc limit ${termSample}`,
  );
  return rows.map((r) => r.text);
}

/** Topics and terms rising this period against the previous period of the same length. */
export async function topicsReport(ctx: Ctx, raw: unknown, opts: { source?: Source } = {}) {
  requireActor(ctx, 'reports.read');
  const scope = await resolveScope(ctx, validate(reportFilters, raw));
  const [now, before, rising] = await Promise.all([
    countBySentiment(ctx, scope, { kind: 'dim', dim: 'topic' }, opts),
    countBySentiment(ctx, scope, { kind: 'dim', dim: 'topic' }, { ...opts, range: scope.previous }),
    risingOf(ctx, scope, opts.source),
  ]);
  const cur = tally(now);
  const prev = tally(before);
  const keys = new Set([...cur.keys(), ...prev.keys()]);
  const topics = [...keys]
    .map((topic) => {
      const c = cur.get(topic);
      const p = prev.get(topic);
      const current = c?.total ?? 0;
      const previous = p?.total ?? 0;
      return {
        topic,
        current,
        previous,
        change: current - previous,
        /** null when the topic was absent before: "new", not an infinite percentage. */
        changePct: previous === 0 ? null : (current - previous) / previous,
        negative: c?.negative ?? 0,
        net: c?.net ?? 0,
      };
    })
    .sort((a, b) => b.change - a.change || b.current - a.current || a.topic.localeCompare(b.topic));
  return {
    scope,
    topics,
    terms: rising.terms,
    /** Mentions the terms were counted over: all of both periods, unless `sampled` says otherwise. */
    counted: rising.counted,
    sampled: rising.sampled,
  };
}

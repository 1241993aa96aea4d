import { requireActor } from '../authorize';
import type { Ctx } from '../context';
import { validate } from '../validate';
import { csvLine } from './csv';
import { casePage } from './list-cases';
import { mentionPage } from './list-mentions';
import { reportFilters, resolveScope } from './report-scope';

export const mentionColumns = [
  'id',
  'posted_at',
  'network',
  'language',
  'sentiment',
  'intent',
  'topic',
  'author',
  'followers',
  'url',
  'text',
] as const;
export const caseColumns = [
  'id',
  'created_at',
  'network',
  'status',
  'language',
  'intent',
  'sentiment',
  'topic',
  'first_response_seconds',
  'resolution_seconds',
] as const;

const page = 1000;

/**
 * The rows behind a report, one per mention (or per case for care), page by page so a year of
 * mentions streams without being held in memory. Yields CSV lines, header first.
 */
export async function* exportCsv(ctx: Ctx, raw: unknown, kind: 'mentions' | 'cases'): AsyncGenerator<string> {
  requireActor(ctx, 'reports.read');
  const scope = await resolveScope(ctx, validate(reportFilters, raw));
  if (kind === 'mentions') {
    yield csvLine([...mentionColumns]);
    let after: string | undefined;
    for (;;) {
      const { items, next } = await mentionPage(ctx, scope, after, page);
      for (const m of items) {
        yield csvLine([
          m.id,
          m.postedAt,
          m.network,
          m.language,
          m.sentiment,
          m.intent,
          m.topic,
          m.author,
          m.followers,
          m.url,
          m.text,
        ]);
      }
      if (!next) return;
      after = next;
    }
  }
  yield csvLine([...caseColumns]);
  let after: string | undefined;
  for (;;) {
    const { items, next } = await casePage(ctx, scope, after, page);
    for (const c of items) {
      yield csvLine([
        c.id,
        c.createdAt,
        c.network,
        c.status,
        c.language,
        c.intent,
        c.sentiment,
        c.topic,
        c.firstResponseSeconds,
        c.resolutionSeconds,
      ]);
    }
    if (!next) return;
    after = next;
  }
}

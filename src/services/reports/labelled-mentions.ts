import { type SQL, sql } from 'drizzle-orm';

/**
 * Customer mentions with the labels a reader should see, which the mention row keeps (see the
 * schema): a classified customer post is one with a sentiment. The rollups, the drill-down lists,
 * the exports and the raw-table comparison in the benchmark all read mentions through this one
 * definition. It is a plain subquery the planner flattens, so label filters are column tests on
 * the mentions' own indexes.
 *
 * What a deletion means for reports: the post still happened, its text is gone. So `counts`
 * readers (the rollups and the raw counts that must agree with them) keep counting a mention its
 * author deleted, or whose author was erased, with the labels it was given while it existed (an
 * aggregate says nothing about a person, and last week's volume does not shrink when a customer
 * tidies up). Everything that reads the text (lists, exports, terms and topic discovery) leaves
 * those mentions out: an empty text would show a blank row or dilute the share of posts using a word.
 */
export function labelledMentions(where: SQL, opts: { counts?: boolean } = {}): SQL {
  const readable = opts.counts
    ? sql`true`
    : sql`m.deleted_at is null
          and not exists (select 1 from authors e where e.id = m.author_id and e.erased_at is not null)`;
  return sql`(
    select m.id, m.brand_id, m.listener_id, m.network, m.author_id, m.case_id, m.text, m.url,
           m.posted_at, m.external_id, m.language, m.sentiment, m.intent, m.topic, m.sentiment_score
    from mentions m
    where m.from_brand = false and m.sentiment is not null and ${readable} and ${where}
  )`;
}

import { type SQL, sql } from 'drizzle-orm';

/**
 * Customer mentions with the labels a reader should see: the latest classification, overridden
 * field by field by an advisor's correction. The rollups, the drill-down lists, the exports and
 * the raw-table comparison in the benchmark all read mentions through this one definition.
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
           m.posted_at, m.external_id,
           coalesce(k.language, c.language) as language,
           coalesce(k.sentiment, c.sentiment) as sentiment,
           coalesce(k.intent, c.intent) as intent,
           coalesce(k.topic, c.topic) as topic,
           c.sentiment_score
    from mentions m
    join lateral (
      select c.language, c.sentiment, c.intent, c.topic, c.sentiment_score
      from classifications c where c.mention_id = m.id
      order by c.created_at desc, c.id desc limit 1
    ) c on true
    left join lateral (
      select max(k.to_label) filter (where k.field = 'language') as language,
             max(k.to_label) filter (where k.field = 'sentiment') as sentiment,
             max(k.to_label) filter (where k.field = 'intent') as intent,
             max(k.to_label) filter (where k.field = 'topic') as topic
      from classification_corrections k where k.mention_id = m.id
    ) k on true
    where m.from_brand = false and ${readable} and ${where}
  )`;
}

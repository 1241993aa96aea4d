ALTER TABLE "mentions" ADD COLUMN "sentiment" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "sentiment_score" real;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "intent" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "topic" text;--> statement-breakpoint
-- Existing mentions take the labels a reader saw before: the latest classification, overridden
-- field by field by an advisor's correction. Brand posts have no classification and stay unlabelled.
UPDATE "mentions" AS m SET
  "language" = coalesce(k.language, c.language),
  "sentiment" = coalesce(k.sentiment, c.sentiment),
  "sentiment_score" = c.sentiment_score,
  "intent" = coalesce(k.intent, c.intent),
  "topic" = coalesce(k.topic, c.topic)
FROM (
  SELECT DISTINCT ON (mention_id) mention_id, language, sentiment, sentiment_score, intent, topic
  FROM "classifications" ORDER BY mention_id, created_at DESC, id DESC
) AS c
LEFT JOIN (
  SELECT mention_id,
    max(to_label) FILTER (WHERE field = 'language') AS language,
    max(to_label) FILTER (WHERE field = 'sentiment') AS sentiment,
    max(to_label) FILTER (WHERE field = 'intent') AS intent,
    max(to_label) FILTER (WHERE field = 'topic') AS topic
  FROM "classification_corrections" GROUP BY mention_id
) AS k ON k.mention_id = c.mention_id
WHERE m.id = c.mention_id;--> statement-breakpoint
CREATE INDEX "mentions_brand_topic_posted" ON "mentions" USING btree ("brand_id","topic","posted_at");
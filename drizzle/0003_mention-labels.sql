ALTER TABLE "mentions" ADD COLUMN "sentiment" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "sentiment_score" real;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "intent" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "topic" text;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "classification" jsonb;--> statement-breakpoint
ALTER TABLE "mentions" ADD COLUMN "classified_at" timestamp with time zone;--> statement-breakpoint
-- Each mention takes its latest classification, as the model gave it, and the labels a reader saw:
-- that classification overridden field by field by an advisor's correction. Brand posts have no
-- classification and stay unlabelled. The rollup watermark named "classifications" stays valid:
-- classified_at is the classification's created_at.
UPDATE "mentions" AS m SET
  "classification" = jsonb_build_object(
    'language', c.language, 'languageScore', c.language_score,
    'sentiment', c.sentiment, 'sentimentScore', c.sentiment_score,
    'intent', c.intent, 'intentScore', c.intent_score,
    'topic', c.topic, 'topicScore', c.topic_score,
    'needsSpecialist', c.needs_specialist, 'priority', c.priority, 'modelVersion', c.model_version),
  "classified_at" = c.created_at,
  "language" = coalesce(k.language, c.language),
  "sentiment" = coalesce(k.sentiment, c.sentiment),
  "sentiment_score" = c.sentiment_score,
  "intent" = coalesce(k.intent, c.intent),
  "topic" = coalesce(k.topic, c.topic)
FROM (
  SELECT DISTINCT ON (mention_id) *
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
DROP TABLE "classifications" CASCADE;--> statement-breakpoint
CREATE INDEX "mentions_brand_network_posted" ON "mentions" USING btree ("brand_id","network","posted_at") WHERE "mentions"."from_brand" = false and "mentions"."sentiment" is not null;--> statement-breakpoint
CREATE INDEX "mentions_brand_topic_posted" ON "mentions" USING btree ("brand_id","topic","posted_at") WHERE "mentions"."from_brand" = false and "mentions"."sentiment" is not null;--> statement-breakpoint
CREATE INDEX "mentions_classified" ON "mentions" USING btree ("classified_at","id");

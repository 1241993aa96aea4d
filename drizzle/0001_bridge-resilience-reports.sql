CREATE TABLE "brand_guidelines" (
	"brand_id" text PRIMARY KEY NOT NULL,
	"tone_notes" text DEFAULT '' NOT NULL,
	"forbidden_words" text[] DEFAULT '{}' NOT NULL,
	"max_length" integer,
	"sign_with_expert" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "expert_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"timezone" text DEFAULT 'UTC' NOT NULL,
	"work_days" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"work_start" integer DEFAULT 540 NOT NULL,
	"work_end" integer DEFAULT 1080 NOT NULL,
	"availability" text DEFAULT 'available' NOT NULL,
	"away_until" timestamp with time zone,
	"max_open" integer DEFAULT 5 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbound_receipts" (
	"id" text PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"signature" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knowledge_answers" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"question" text NOT NULL,
	"answer" text NOT NULL,
	"topic" text,
	"language" text NOT NULL,
	"source_case_id" text,
	"source_answer_id" text,
	"expert_id" text,
	"uses" integer DEFAULT 0 NOT NULL,
	"updated_by_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "signing_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"sealed_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_presence" (
	"case_id" text NOT NULL,
	"user_id" text NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_presence_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "saved_views" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"min_priority" integer DEFAULT 0 NOT NULL,
	"first_response_minutes" integer NOT NULL,
	"resolution_minutes" integer NOT NULL,
	"work_days" integer[] DEFAULT '{1,2,3,4,5}' NOT NULL,
	"work_start_minute" integer DEFAULT 540 NOT NULL,
	"work_end_minute" integer DEFAULT 1080 NOT NULL,
	"reminder_minutes" integer DEFAULT 30 NOT NULL,
	"backup_user_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dead_letters" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"listener_id" text NOT NULL,
	"network" text NOT NULL,
	"fingerprint" text NOT NULL,
	"external_id" text,
	"reason" text NOT NULL,
	"payload" text NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"count" integer DEFAULT 1 NOT NULL,
	"dismissed_at" timestamp with time zone,
	"dismissed_by" text
);
--> statement-breakpoint
CREATE TABLE "network_rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"network" text NOT NULL,
	"remaining" integer,
	"reset_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mention_rollups" (
	"brand_id" text NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"sentiment" text NOT NULL,
	"mentions" integer NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_settings" (
	"brand_id" text PRIMARY KEY NOT NULL,
	"spike_ratio" real DEFAULT 2 NOT NULL,
	"spike_min_mentions" integer DEFAULT 10 NOT NULL,
	"spike_negative_delta" real DEFAULT 0.2 NOT NULL,
	"spike_alerts" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_spikes" (
	"id" text PRIMARY KEY NOT NULL,
	"brand_id" text NOT NULL,
	"topic" text NOT NULL,
	"kind" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"mentions" integer NOT NULL,
	"negative_share" real NOT NULL,
	"baseline_mentions" real NOT NULL,
	"baseline_negative_share" real NOT NULL,
	"notified" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_watermarks" (
	"name" text PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"last_id" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "authors" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "topics" ADD COLUMN "archived_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "canned_responses" ADD COLUMN "purpose" text DEFAULT 'answer' NOT NULL;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "resolution_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "sla_breach_handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "escalations" ADD COLUMN "routing_reason_fr" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "expert_answers" ADD COLUMN "via" text DEFAULT 'page' NOT NULL;--> statement-breakpoint
ALTER TABLE "listeners" ADD COLUMN "competitor" text;--> statement-breakpoint
ALTER TABLE "notification_channels" ADD COLUMN "settings" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "kind" text DEFAULT 'answer' NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "outcome_unknown" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "knowledge_answer_id" text;--> statement-breakpoint
ALTER TABLE "brand_guidelines" ADD CONSTRAINT "brand_guidelines_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "expert_profiles" ADD CONSTRAINT "expert_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_source_case_id_cases_id_fk" FOREIGN KEY ("source_case_id") REFERENCES "public"."cases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_source_answer_id_expert_answers_id_fk" FOREIGN KEY ("source_answer_id") REFERENCES "public"."expert_answers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_expert_id_users_id_fk" FOREIGN KEY ("expert_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knowledge_answers" ADD CONSTRAINT "knowledge_answers_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_presence" ADD CONSTRAINT "case_presence_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_presence" ADD CONSTRAINT "case_presence_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saved_views" ADD CONSTRAINT "saved_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_backup_user_id_users_id_fk" FOREIGN KEY ("backup_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_listener_id_listeners_id_fk" FOREIGN KEY ("listener_id") REFERENCES "public"."listeners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_rollups" ADD CONSTRAINT "mention_rollups_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_spikes" ADD CONSTRAINT "report_spikes_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbound_receipts_signature" ON "inbound_receipts" USING btree ("source","signature");--> statement-breakpoint
CREATE UNIQUE INDEX "knowledge_answers_source" ON "knowledge_answers" USING btree ("source_answer_id");--> statement-breakpoint
CREATE INDEX "knowledge_answers_brand" ON "knowledge_answers" USING btree ("brand_id","language");--> statement-breakpoint
CREATE INDEX "case_notes_case" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "case_presence_seen" ON "case_presence" USING btree ("case_id","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "saved_views_user_name" ON "saved_views" USING btree ("user_id","name");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_brand_priority" ON "sla_policies" USING btree ("brand_id","min_priority");--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_listener_fingerprint" ON "dead_letters" USING btree ("listener_id","fingerprint");--> statement-breakpoint
CREATE INDEX "dead_letters_open" ON "dead_letters" USING btree ("dismissed_at","last_seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "mention_rollups_key" ON "mention_rollups" USING btree ("brand_id","dim","bucket","value","sentiment");--> statement-breakpoint
CREATE INDEX "mention_rollups_value" ON "mention_rollups" USING btree ("brand_id","dim","value","bucket");--> statement-breakpoint
CREATE UNIQUE INDEX "report_spikes_key" ON "report_spikes" USING btree ("brand_id","topic","kind","hour");--> statement-breakpoint
ALTER TABLE "replies" ADD CONSTRAINT "replies_knowledge_answer_id_knowledge_answers_id_fk" FOREIGN KEY ("knowledge_answer_id") REFERENCES "public"."knowledge_answers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "authors_followers" ON "authors" USING btree ("followers");--> statement-breakpoint
CREATE INDEX "cases_brand_created" ON "cases" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE INDEX "classifications_created" ON "classifications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "mentions_author_posted" ON "mentions" USING btree ("author_id","posted_at");
CREATE TABLE "brand_approvers" (
	"brand_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_approvers_brand_id_user_id_pk" PRIMARY KEY("brand_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "mention_rollups_quarter" (
	"brand_id" text NOT NULL,
	"dim" text NOT NULL,
	"value" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"sentiment" text NOT NULL,
	"mentions" integer NOT NULL,
	"score_sum" double precision DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "term_rollups" (
	"brand_id" text NOT NULL,
	"day" date NOT NULL,
	"language" text NOT NULL,
	"term" text NOT NULL,
	"docs" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_response_breach_handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_answers" ADD COLUMN "author_name" text;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "first_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "brand_approvers" ADD CONSTRAINT "brand_approvers_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_approvers" ADD CONSTRAINT "brand_approvers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mention_rollups_quarter" ADD CONSTRAINT "mention_rollups_quarter_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_rollups" ADD CONSTRAINT "term_rollups_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brand_approvers_user" ON "brand_approvers" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mention_rollups_quarter_key" ON "mention_rollups_quarter" USING btree ("brand_id","dim","bucket","value","sentiment");--> statement-breakpoint
CREATE UNIQUE INDEX "term_rollups_key" ON "term_rollups" USING btree ("brand_id","day","language","term");--> statement-breakpoint
CREATE INDEX "inbound_receipts_received" ON "inbound_receipts" USING btree ("received_at");--> statement-breakpoint
-- The rollups gained pair, quarter-hour and term rows: forgetting the watermarks makes the next
-- refresh-rollups runs rebuild every hour from the mentions (idempotent, in batches).
DELETE FROM "rollup_watermarks";

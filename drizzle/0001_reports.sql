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
ALTER TABLE "listeners" ADD COLUMN "competitor" text;--> statement-breakpoint
ALTER TABLE "mention_rollups" ADD CONSTRAINT "mention_rollups_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_settings" ADD CONSTRAINT "report_settings_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_spikes" ADD CONSTRAINT "report_spikes_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mention_rollups_key" ON "mention_rollups" USING btree ("brand_id","dim","bucket","value","sentiment");--> statement-breakpoint
CREATE INDEX "mention_rollups_value" ON "mention_rollups" USING btree ("brand_id","dim","value","bucket");--> statement-breakpoint
CREATE UNIQUE INDEX "report_spikes_key" ON "report_spikes" USING btree ("brand_id","topic","kind","hour");--> statement-breakpoint
CREATE INDEX "authors_followers" ON "authors" USING btree ("followers");--> statement-breakpoint
CREATE INDEX "cases_brand_created" ON "cases" USING btree ("brand_id","created_at");--> statement-breakpoint
CREATE INDEX "classifications_created" ON "classifications" USING btree ("created_at","id");--> statement-breakpoint
CREATE INDEX "mentions_author_posted" ON "mentions" USING btree ("author_id","posted_at");
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
ALTER TABLE "users" ADD COLUMN "timezone" text;--> statement-breakpoint
ALTER TABLE "mention_rollups_quarter" ADD CONSTRAINT "mention_rollups_quarter_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "term_rollups" ADD CONSTRAINT "term_rollups_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mention_rollups_quarter_key" ON "mention_rollups_quarter" USING btree ("brand_id","dim","bucket","value","sentiment");--> statement-breakpoint
CREATE UNIQUE INDEX "term_rollups_key" ON "term_rollups" USING btree ("brand_id","day","language","term");
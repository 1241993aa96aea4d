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
ALTER TABLE "authors" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_listener_id_listeners_id_fk" FOREIGN KEY ("listener_id") REFERENCES "public"."listeners"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dead_letters" ADD CONSTRAINT "dead_letters_dismissed_by_users_id_fk" FOREIGN KEY ("dismissed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letters_listener_fingerprint" ON "dead_letters" USING btree ("listener_id","fingerprint");--> statement-breakpoint
CREATE INDEX "dead_letters_open" ON "dead_letters" USING btree ("dismissed_at","last_seen_at");
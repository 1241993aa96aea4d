CREATE TABLE "brand_approvers" (
	"brand_id" text NOT NULL,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "brand_approvers_brand_id_user_id_pk" PRIMARY KEY("brand_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "first_response_breach_handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "expert_answers" ADD COLUMN "author_name" text;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "time_zone" text;--> statement-breakpoint
ALTER TABLE "replies" ADD COLUMN "first_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "brand_approvers" ADD CONSTRAINT "brand_approvers_brand_id_brands_id_fk" FOREIGN KEY ("brand_id") REFERENCES "public"."brands"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brand_approvers" ADD CONSTRAINT "brand_approvers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brand_approvers_user" ON "brand_approvers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "inbound_receipts_received" ON "inbound_receipts" USING btree ("received_at");
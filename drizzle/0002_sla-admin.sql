ALTER TABLE "cases" ADD COLUMN "first_response_breach_handled_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "time_zone" text;--> statement-breakpoint
CREATE INDEX "inbound_receipts_received" ON "inbound_receipts" USING btree ("received_at");
ALTER TABLE "network_accounts" ADD COLUMN "posting_limits" jsonb;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "closed_days" text[] DEFAULT '{}' NOT NULL;
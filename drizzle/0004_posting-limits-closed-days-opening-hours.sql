ALTER TABLE "network_accounts" ADD COLUMN "posting_limits" jsonb;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "opening_hours" jsonb;--> statement-breakpoint
UPDATE "sla_policies" SET "opening_hours" = (
  SELECT coalesce(jsonb_agg(jsonb_build_object('day', d, 'start', "work_start_minute", 'end', "work_end_minute") ORDER BY d), '[]'::jsonb)
  FROM unnest("work_days") AS d
);--> statement-breakpoint
ALTER TABLE "sla_policies" ALTER COLUMN "opening_hours" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD COLUMN "closed_days" text[] DEFAULT '{}' NOT NULL;

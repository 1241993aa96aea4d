ALTER TABLE "sla_policies" DROP COLUMN "work_days";--> statement-breakpoint
ALTER TABLE "sla_policies" DROP COLUMN "work_start_minute";--> statement-breakpoint
ALTER TABLE "sla_policies" DROP COLUMN "work_end_minute";
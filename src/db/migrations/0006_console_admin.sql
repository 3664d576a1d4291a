CREATE TABLE "escalation_digests" (
	"province_code" text NOT NULL,
	"digest_date" date NOT NULL,
	"overdue_cases" integer NOT NULL,
	"recipients" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "escalation_digests_province_code_digest_date_pk" PRIMARY KEY("province_code","digest_date"),
	CONSTRAINT "escalation_digests_province_code_check" CHECK ("escalation_digests"."province_code" ~ '^[0-9]{2}$'),
	CONSTRAINT "escalation_digests_counts_check" CHECK ("escalation_digests"."overdue_cases" >= 0 and "escalation_digests"."recipients" >= 0)
);
--> statement-breakpoint
ALTER TABLE "listing_reports" DROP CONSTRAINT "listing_reports_status_check";--> statement-breakpoint
ALTER TABLE "listing_reports" ADD CONSTRAINT "listing_reports_status_check" CHECK ("listing_reports"."status" in ('open', 'resolved', 'dismissed'));
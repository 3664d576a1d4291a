CREATE TABLE "case_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_kind" text NOT NULL,
	CONSTRAINT "case_events_from_status_check" CHECK (("case_events"."from_status" is null or "case_events"."from_status" in ('new', 'acknowledged', 'in-progress', 'closed', 'withdrawn'))),
	CONSTRAINT "case_events_to_status_check" CHECK ("case_events"."to_status" in ('new', 'acknowledged', 'in-progress', 'closed', 'withdrawn')),
	CONSTRAINT "case_events_actor_kind_check" CHECK ("case_events"."actor_kind" in ('requester', 'staff', 'system'))
);
--> statement-breakpoint
CREATE TABLE "case_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"sender" text NOT NULL,
	"body" "bytea",
	"created_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone,
	CONSTRAINT "case_messages_sender_check" CHECK ("case_messages"."sender" in ('staff', 'requester')),
	CONSTRAINT "case_messages_purged_check" CHECK (("case_messages"."body" is null) = ("case_messages"."purged_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "case_notices" (
	"case_id" uuid NOT NULL,
	"outbox_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"point_id" uuid NOT NULL,
	"routing_reason" text NOT NULL,
	"routing_distance_km" double precision NOT NULL,
	"help_wanted" text NOT NULL,
	"requester_kind" text NOT NULL,
	"age_band" text NOT NULL,
	"commune_code" text,
	"province_code" text,
	"status" text DEFAULT 'new' NOT NULL,
	"receipt_hash" "bytea",
	"receipt_key_id" text,
	"payload" "bytea",
	"lang" text DEFAULT 'vi' NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"outcome" text,
	"withdrawn_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "cases_status_check" CHECK ("cases"."status" in ('new', 'acknowledged', 'in-progress', 'closed', 'withdrawn')),
	CONSTRAINT "cases_routing_reason_check" CHECK ("cases"."routing_reason" in ('in-commune', 'nearest-in-province', 'nearest-anywhere')),
	CONSTRAINT "cases_routing_distance_check" CHECK ("cases"."routing_distance_km" >= 0),
	CONSTRAINT "cases_help_wanted_check" CHECK ("cases"."help_wanted" in ('counselling', 'methadone', 'voluntary-rehab', 'post-rehab-support', 'not-sure')),
	CONSTRAINT "cases_requester_kind_check" CHECK ("cases"."requester_kind" in ('self', 'family', 'friend', 'student')),
	CONSTRAINT "cases_age_band_check" CHECK ("cases"."age_band" in ('under-12', '12-17', '18-24', '25-39', '40-plus', 'unknown')),
	CONSTRAINT "cases_commune_code_check" CHECK (("cases"."commune_code" is null or "cases"."commune_code" ~ '^[0-9]{5}$')),
	CONSTRAINT "cases_province_code_check" CHECK (("cases"."province_code" is null or "cases"."province_code" ~ '^[0-9]{2}$')),
	CONSTRAINT "cases_lang_check" CHECK ("cases"."lang" in ('vi', 'en')),
	CONSTRAINT "cases_outcome_check" CHECK (("cases"."outcome" is null or "cases"."outcome" in ('counselled', 'referred-methadone', 'referred-voluntary-rehab', 'referred-post-rehab', 'could-not-reach', 'other'))),
	CONSTRAINT "cases_receipt_check" CHECK (("cases"."receipt_hash" is null) = ("cases"."receipt_key_id" is null)),
	CONSTRAINT "cases_purged_check" CHECK (("cases"."purged_at" is null) = ("cases"."receipt_hash" is not null)),
	CONSTRAINT "cases_purged_payload_check" CHECK ("cases"."purged_at" is null or "cases"."payload" is null),
	CONSTRAINT "cases_withdrawn_check" CHECK (("cases"."status" = 'withdrawn') = ("cases"."withdrawn_at" is not null)),
	CONSTRAINT "cases_withdrawn_payload_check" CHECK ("cases"."withdrawn_at" is null or "cases"."payload" is null),
	CONSTRAINT "cases_closed_check" CHECK ("cases"."status" <> 'closed' or "cases"."closed_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "case_events" ADD CONSTRAINT "case_events_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_messages" ADD CONSTRAINT "case_messages_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notices" ADD CONSTRAINT "case_notices_outbox_id_outbox_id_fk" FOREIGN KEY ("outbox_id") REFERENCES "public"."outbox"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_point_id_locations_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_events_case_idx" ON "case_events" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_messages_case_idx" ON "case_messages" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_notices_pk_idx" ON "case_notices" USING btree ("case_id","outbox_id");--> statement-breakpoint
CREATE INDEX "case_notices_outbox_idx" ON "case_notices" USING btree ("outbox_id");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_receipt_hash_idx" ON "cases" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "cases_point_status_created_idx" ON "cases" USING btree ("point_id","status","created_at");--> statement-breakpoint
CREATE INDEX "cases_status_idx" ON "cases" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cases_created_at_idx" ON "cases" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "cases_retention_closed_idx" ON "cases" USING btree ("closed_at") WHERE "cases"."purged_at" is null;--> statement-breakpoint
CREATE INDEX "cases_province_idx" ON "cases" USING btree ("province_code");
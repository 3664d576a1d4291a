CREATE TABLE "cost_options" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"option" text,
	"currency" text DEFAULT 'VND' NOT NULL,
	"amount" numeric(14, 2),
	"amount_description" text,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cost_options_kind_check" CHECK ("cost_options"."kind" in ('free', 'insurance', 'fee')),
	CONSTRAINT "cost_options_currency_check" CHECK ("cost_options"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "cost_options_amount_check" CHECK ("cost_options"."amount" is null or "cost_options"."amount" >= 0),
	CONSTRAINT "cost_options_validity_check" CHECK ("cost_options"."valid_from" is null or "cost_options"."valid_to" is null or "cost_options"."valid_from" <= "cost_options"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "languages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid,
	"location_id" uuid,
	"phone_id" uuid,
	"name" text NOT NULL,
	"code" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "languages_owner_check" CHECK (num_nonnulls("languages"."service_id", "languages"."location_id", "languages"."phone_id") = 1),
	CONSTRAINT "languages_code_check" CHECK ("languages"."code" is null or "languages"."code" ~ '^[a-z]{2,3}$')
);
--> statement-breakpoint
CREATE TABLE "locations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"location_type" text DEFAULT 'physical' NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"transportation" text,
	"url" text,
	"address" text,
	"province_code" text NOT NULL,
	"commune_code" text,
	"latitude" double precision,
	"longitude" double precision,
	"notification_email" text,
	"status" text DEFAULT 'active' NOT NULL,
	"checked_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"source_province_code" text,
	"source_row_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "locations_location_type_check" CHECK ("locations"."location_type" in ('physical', 'postal', 'virtual')),
	CONSTRAINT "locations_status_check" CHECK ("locations"."status" in ('active', 'temporarily closed', 'inactive', 'defunct')),
	CONSTRAINT "locations_name_check" CHECK (length(trim("locations"."name")) > 0),
	CONSTRAINT "locations_province_code_check" CHECK ("locations"."province_code" ~ '^[0-9]{2}$'),
	CONSTRAINT "locations_commune_code_check" CHECK (("locations"."commune_code" is null or "locations"."commune_code" ~ '^[0-9]{5}$')),
	CONSTRAINT "locations_coordinates_check" CHECK (("locations"."latitude" is null) = ("locations"."longitude" is null) and ("locations"."latitude" is null or ("locations"."latitude" between -90 and 90 and "locations"."longitude" between -180 and 180))),
	CONSTRAINT "locations_source_check" CHECK (("locations"."source_province_code" is null) = ("locations"."source_row_id" is null) and ("locations"."source_province_code" is null or "locations"."source_province_code" ~ '^[0-9]{2}$'))
);
--> statement-breakpoint
CREATE TABLE "organizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"operator_kind" text NOT NULL,
	"email" text,
	"website" text,
	"parent_organization_id" uuid,
	"checked_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"source_province_code" text,
	"source_row_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organizations_operator_kind_check" CHECK ("organizations"."operator_kind" in ('health-station', 'community-point', 'health-facility', 'police-facility', 'social-organisation', 'other')),
	CONSTRAINT "organizations_name_check" CHECK (length(trim("organizations"."name")) > 0),
	CONSTRAINT "organizations_source_check" CHECK (("organizations"."source_province_code" is null) = ("organizations"."source_row_id" is null) and ("organizations"."source_province_code" is null or "organizations"."source_province_code" ~ '^[0-9]{2}$'))
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"recipient_kind" text NOT NULL,
	"payload" "bytea" NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "outbox_status_check" CHECK ("outbox"."status" in ('pending', 'sent', 'dead')),
	CONSTRAINT "outbox_attempts_check" CHECK ("outbox"."attempts" >= 0),
	CONSTRAINT "outbox_sent_at_check" CHECK (("outbox"."status" = 'sent') = ("outbox"."sent_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "phones" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid,
	"service_id" uuid,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"number" text NOT NULL,
	"extension" integer,
	"type" text DEFAULT 'voice' NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "phones_owner_check" CHECK (num_nonnulls("phones"."organization_id", "phones"."service_id", "phones"."location_id", "phones"."service_at_location_id") = 1),
	CONSTRAINT "phones_type_check" CHECK ("phones"."type" in ('text', 'voice', 'fax', 'cell', 'video', 'pager', 'textphone')),
	CONSTRAINT "phones_number_check" CHECK ("phones"."number" ~ '^[0-9+() .-]{3,30}$')
);
--> statement-breakpoint
CREATE TABLE "closures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "closures_owner_check" CHECK (num_nonnulls("closures"."location_id", "closures"."service_at_location_id") = 1),
	CONSTRAINT "closures_dates_check" CHECK ("closures"."starts_on" <= "closures"."ends_on")
);
--> statement-breakpoint
CREATE TABLE "schedules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"location_id" uuid,
	"service_at_location_id" uuid,
	"byday" text NOT NULL,
	"opens_at" time NOT NULL,
	"closes_at" time NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"description" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedules_owner_check" CHECK (num_nonnulls("schedules"."location_id", "schedules"."service_at_location_id") = 1),
	CONSTRAINT "schedules_byday_check" CHECK ("schedules"."byday" ~ '^(MO|TU|WE|TH|FR|SA|SU)(,(MO|TU|WE|TH|FR|SA|SU))*$'),
	CONSTRAINT "schedules_hours_check" CHECK ("schedules"."opens_at" < "schedules"."closes_at"),
	CONSTRAINT "schedules_validity_check" CHECK ("schedules"."valid_from" is null or "schedules"."valid_to" is null or "schedules"."valid_from" <= "schedules"."valid_to")
);
--> statement-breakpoint
CREATE TABLE "service_areas" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"province_code" text NOT NULL,
	"commune_code" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_areas_province_code_check" CHECK ("service_areas"."province_code" ~ '^[0-9]{2}$'),
	CONSTRAINT "service_areas_commune_code_check" CHECK (("service_areas"."commune_code" is null or "service_areas"."commune_code" ~ '^[0-9]{5}$'))
);
--> statement-breakpoint
CREATE TABLE "service_at_location" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"location_id" uuid NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_at_location_service_location_key" UNIQUE("service_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"alternate_name" text,
	"description" text DEFAULT '' NOT NULL,
	"service_type" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"url" text,
	"email" text,
	"min_age" integer,
	"max_age" integer,
	"eligibility_description" text,
	"application_process" text,
	"fees_description" text,
	"interpretation_services" text,
	"alert" text,
	"checked_on" date,
	"is_demo" boolean DEFAULT false NOT NULL,
	"source_province_code" text,
	"source_row_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "services_service_type_check" CHECK ("services"."service_type" in ('consultation-point', 'counselling', 'methadone', 'voluntary-rehab', 'rehab-facility', 'post-rehab-support', 'hiv-hepatitis-testing', 'mental-health')),
	CONSTRAINT "services_status_check" CHECK ("services"."status" in ('active', 'temporarily closed', 'inactive', 'defunct')),
	CONSTRAINT "services_name_check" CHECK (length(trim("services"."name")) > 0),
	CONSTRAINT "services_age_check" CHECK (("services"."min_age" is null or "services"."min_age" between 0 and 120) and ("services"."max_age" is null or "services"."max_age" between 0 and 120) and ("services"."min_age" is null or "services"."max_age" is null or "services"."min_age" <= "services"."max_age")),
	CONSTRAINT "services_source_check" CHECK (("services"."source_province_code" is null) = ("services"."source_row_id" is null) and ("services"."source_province_code" is null or "services"."source_province_code" ~ '^[0-9]{2}$'))
);
--> statement-breakpoint
ALTER TABLE "cost_options" ADD CONSTRAINT "cost_options_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "languages" ADD CONSTRAINT "languages_phone_id_phones_id_fk" FOREIGN KEY ("phone_id") REFERENCES "public"."phones"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "locations" ADD CONSTRAINT "locations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_parent_organization_id_organizations_id_fk" FOREIGN KEY ("parent_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "phones" ADD CONSTRAINT "phones_service_at_location_id_service_at_location_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."service_at_location"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "closures" ADD CONSTRAINT "closures_service_at_location_id_service_at_location_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."service_at_location"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedules" ADD CONSTRAINT "schedules_service_at_location_id_service_at_location_id_fk" FOREIGN KEY ("service_at_location_id") REFERENCES "public"."service_at_location"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_areas" ADD CONSTRAINT "service_areas_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_location" ADD CONSTRAINT "service_at_location_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_at_location" ADD CONSTRAINT "service_at_location_location_id_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cost_options_service_idx" ON "cost_options" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "languages_service_idx" ON "languages" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "languages_location_idx" ON "languages" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "languages_phone_idx" ON "languages" USING btree ("phone_id");--> statement-breakpoint
CREATE UNIQUE INDEX "locations_source_idx" ON "locations" USING btree ("source_province_code","source_row_id");--> statement-breakpoint
CREATE INDEX "locations_organization_idx" ON "locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "locations_province_code_idx" ON "locations" USING btree ("province_code");--> statement-breakpoint
CREATE INDEX "locations_commune_code_idx" ON "locations" USING btree ("commune_code");--> statement-breakpoint
CREATE INDEX "locations_status_idx" ON "locations" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "organizations_source_idx" ON "organizations" USING btree ("source_province_code","source_row_id");--> statement-breakpoint
CREATE INDEX "organizations_parent_idx" ON "organizations" USING btree ("parent_organization_id");--> statement-breakpoint
CREATE INDEX "outbox_claim_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "phones_organization_idx" ON "phones" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "phones_service_idx" ON "phones" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "phones_location_idx" ON "phones" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "phones_service_at_location_idx" ON "phones" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "closures_location_idx" ON "closures" USING btree ("location_id","ends_on");--> statement-breakpoint
CREATE INDEX "closures_service_at_location_idx" ON "closures" USING btree ("service_at_location_id","ends_on");--> statement-breakpoint
CREATE INDEX "schedules_location_idx" ON "schedules" USING btree ("location_id");--> statement-breakpoint
CREATE INDEX "schedules_service_at_location_idx" ON "schedules" USING btree ("service_at_location_id");--> statement-breakpoint
CREATE INDEX "service_areas_service_idx" ON "service_areas" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "service_areas_area_idx" ON "service_areas" USING btree ("province_code","commune_code");--> statement-breakpoint
CREATE INDEX "service_at_location_location_idx" ON "service_at_location" USING btree ("location_id");--> statement-breakpoint
CREATE UNIQUE INDEX "services_source_idx" ON "services" USING btree ("source_province_code","source_row_id");--> statement-breakpoint
CREATE INDEX "services_organization_idx" ON "services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "services_status_idx" ON "services" USING btree ("status");--> statement-breakpoint
CREATE INDEX "services_service_type_idx" ON "services" USING btree ("service_type");
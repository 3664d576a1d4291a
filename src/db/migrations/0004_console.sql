CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" text,
	"action" text NOT NULL,
	"case_id" uuid,
	"point_id" uuid,
	"target_user_id" text,
	"province_code" text,
	"detail" text,
	CONSTRAINT "audit_log_action_check" CHECK ("audit_log"."action" in ('case.viewed', 'case.acknowledged', 'case.replied', 'case.note-added', 'case.handed-over', 'case.closed', 'case.safeguarding-flagged', 'staff.invited', 'staff.invitation-revoked', 'staff.joined', 'staff.added-to-point', 'staff.removed-from-point', 'staff.disabled', 'staff.signed-in', 'staff.signed-out-everywhere', 'staff.two-factor-enabled', 'point.updated', 'point.checked', 'directory.imported', 'report.resolved', 'outbox.retried')),
	CONSTRAINT "audit_log_province_code_check" CHECK (("audit_log"."province_code" is null or "audit_log"."province_code" ~ '^[0-9]{2}$')),
	CONSTRAINT "audit_log_detail_check" CHECK (("audit_log"."detail" is null or "audit_log"."detail" ~ '^[a-z0-9][a-z0-9.:-]{0,63}$'))
);
--> statement-breakpoint
CREATE TABLE "auth_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_accounts_password_check" CHECK ("auth_accounts"."password" is null or "auth_accounts"."password" like '$argon2id$%')
);
--> statement-breakpoint
CREATE TABLE "auth_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"token" text NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_sessions_token_unique" UNIQUE("token"),
	CONSTRAINT "auth_sessions_no_client_data_check" CHECK ("auth_sessions"."ip_address" is null and "auth_sessions"."user_agent" is null)
);
--> statement-breakpoint
CREATE TABLE "auth_two_factors" (
	"id" text PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"backup_codes" text NOT NULL,
	"user_id" text NOT NULL,
	"verified" boolean DEFAULT true,
	"failed_verification_count" integer DEFAULT 0,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "auth_users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"two_factor_enabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "auth_users_email_unique" UNIQUE("email"),
	CONSTRAINT "auth_users_email_check" CHECK ("auth_users"."email" = lower("auth_users"."email"))
);
--> statement-breakpoint
CREATE TABLE "auth_verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"from_point_id" uuid NOT NULL,
	"to_point_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_handovers_reason_check" CHECK ("case_handovers"."reason" in ('closer-to-requester', 'service-not-offered', 'requester-asked', 'other')),
	CONSTRAINT "case_handovers_points_check" CHECK ("case_handovers"."from_point_id" <> "case_handovers"."to_point_id")
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"point_id" uuid NOT NULL,
	"body" "bytea",
	"created_at" timestamp with time zone NOT NULL,
	"purged_at" timestamp with time zone,
	CONSTRAINT "case_notes_purged_check" CHECK (("case_notes"."body" is null) = ("case_notes"."purged_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "point_memberships" (
	"user_id" text NOT NULL,
	"point_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "point_memberships_user_id_point_id_pk" PRIMARY KEY("user_id","point_id")
);
--> statement-breakpoint
CREATE TABLE "staff_invitations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"token_hash" "bytea" NOT NULL,
	"token_key_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text NOT NULL,
	"province_code" text,
	"point_id" uuid,
	"lang" text DEFAULT 'vi' NOT NULL,
	"invited_by" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "staff_invitations_role_check" CHECK ("staff_invitations"."role" in ('point-staff', 'province-admin', 'national-admin')),
	CONSTRAINT "staff_invitations_lang_check" CHECK ("staff_invitations"."lang" in ('vi', 'en')),
	CONSTRAINT "staff_invitations_email_check" CHECK ("staff_invitations"."email" = lower("staff_invitations"."email")),
	CONSTRAINT "staff_invitations_point_check" CHECK (("staff_invitations"."role" = 'point-staff') = ("staff_invitations"."point_id" is not null)),
	CONSTRAINT "staff_invitations_province_check" CHECK (("staff_invitations"."role" = 'national-admin') = ("staff_invitations"."province_code" is null) and ("staff_invitations"."province_code" is null or "staff_invitations"."province_code" ~ '^[0-9]{2}$'))
);
--> statement-breakpoint
CREATE TABLE "staff_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"role" text NOT NULL,
	"province_code" text,
	"lang" text DEFAULT 'vi' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"disabled_at" timestamp with time zone,
	CONSTRAINT "staff_profiles_role_check" CHECK ("staff_profiles"."role" in ('point-staff', 'province-admin', 'national-admin')),
	CONSTRAINT "staff_profiles_lang_check" CHECK ("staff_profiles"."lang" in ('vi', 'en')),
	CONSTRAINT "staff_profiles_province_code_check" CHECK (("staff_profiles"."province_code" is null or "staff_profiles"."province_code" ~ '^[0-9]{2}$')),
	CONSTRAINT "staff_profiles_role_province_check" CHECK (("staff_profiles"."role" <> 'province-admin' or "staff_profiles"."province_code" is not null) and ("staff_profiles"."role" <> 'national-admin' or "staff_profiles"."province_code" is null))
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "safeguarding" text;--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "safeguarding_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "auth_accounts" ADD CONSTRAINT "auth_accounts_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_sessions" ADD CONSTRAINT "auth_sessions_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "auth_two_factors" ADD CONSTRAINT "auth_two_factors_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_from_point_id_locations_id_fk" FOREIGN KEY ("from_point_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_handovers" ADD CONSTRAINT "case_handovers_to_point_id_locations_id_fk" FOREIGN KEY ("to_point_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_point_id_locations_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_memberships" ADD CONSTRAINT "point_memberships_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "point_memberships" ADD CONSTRAINT "point_memberships_point_id_locations_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_point_id_locations_id_fk" FOREIGN KEY ("point_id") REFERENCES "public"."locations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_invitations" ADD CONSTRAINT "staff_invitations_invited_by_auth_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."auth_users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staff_profiles" ADD CONSTRAINT "staff_profiles_user_id_auth_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."auth_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_province_at_idx" ON "audit_log" USING btree ("province_code","at");--> statement-breakpoint
CREATE INDEX "audit_log_case_idx" ON "audit_log" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_user_id");--> statement-breakpoint
CREATE INDEX "auth_accounts_user_idx" ON "auth_accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_sessions_user_idx" ON "auth_sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_two_factors_user_idx" ON "auth_two_factors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "auth_two_factors_secret_idx" ON "auth_two_factors" USING btree ("secret");--> statement-breakpoint
CREATE INDEX "auth_verifications_identifier_idx" ON "auth_verifications" USING btree ("identifier");--> statement-breakpoint
CREATE INDEX "case_handovers_case_idx" ON "case_handovers" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE INDEX "point_memberships_point_idx" ON "point_memberships" USING btree ("point_id");--> statement-breakpoint
CREATE UNIQUE INDEX "staff_invitations_token_idx" ON "staff_invitations" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "staff_invitations_email_idx" ON "staff_invitations" USING btree ("email");--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_safeguarding_check" CHECK (("cases"."safeguarding" is null) = ("cases"."safeguarding_at" is null) and ("cases"."safeguarding" is null or "cases"."safeguarding" in ('child-at-risk', 'life-in-danger')));
CREATE TABLE "intake_form_tokens" (
	"token_hash" "bytea" PRIMARY KEY NOT NULL,
	"key_id" text NOT NULL,
	"case_id" uuid NOT NULL,
	"resend" "bytea",
	"resend_until" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "intake_form_tokens_resend_check" CHECK (("intake_form_tokens"."resend" is null) = ("intake_form_tokens"."resend_until" is null))
);
--> statement-breakpoint
ALTER TABLE "intake_form_tokens" ADD CONSTRAINT "intake_form_tokens_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "intake_form_tokens_case_idx" ON "intake_form_tokens" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "intake_form_tokens_resend_until_idx" ON "intake_form_tokens" USING btree ("resend_until") WHERE "intake_form_tokens"."resend_until" is not null;
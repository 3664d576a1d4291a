CREATE TABLE "console_sign_in_slowdowns" (
	"subject_hash" "bytea" PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "console_sign_in_slowdowns_next_attempt_at_idx" ON "console_sign_in_slowdowns" USING btree ("next_attempt_at");
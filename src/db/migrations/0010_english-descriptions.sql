ALTER TABLE "locations" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "phones" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "closures" ADD COLUMN "description_en" text;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "description_en" text;
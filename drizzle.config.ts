import { defineConfig } from 'drizzle-kit';

// `npx drizzle-kit generate --name <what-changed>` writes a new SQL migration from the schema. The app applies the
// migrations itself at start (src/db/migrate.server.ts) on PGlite and PostgreSQL alike, so no credentials are needed
// here: generating only compares the schema with the snapshots in the migrations folder.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema/index.ts',
  out: './src/db/migrations',
  strict: true,
  verbose: true,
});

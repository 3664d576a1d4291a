import { sql } from 'drizzle-orm';
import type { DatabaseHandle } from '#src/db/client.server.ts';

/**
 * Every row of every table in the public schema as one text, each table's rows prefixed by `[name]`, bytes read as
 * latin1 — so a privacy test can search what is really stored, whatever the column type, and say where it found it.
 */
export async function dumpAllTables(handle: DatabaseHandle): Promise<{ tables: string[]; dump: string }> {
  const listed = (await handle.db.execute(
    sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  )) as unknown as { rows: { table_name: string }[] };
  const tables = listed.rows.map((row) => row.table_name);
  let dump = '';
  for (const table of tables) {
    const rows = (await handle.db.execute(sql.raw(`select * from "${table}"`))) as unknown as { rows: unknown[] };
    dump += `\n[${table}] ${JSON.stringify(rows.rows, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
    )}`;
  }
  return { tables, dump };
}

/** The names of the tables whose rows contain `marker` in a dump made by `dumpAllTables`. */
export function tablesContaining(dump: string, marker: string | RegExp): string[] {
  return dump
    .split('\n[')
    .filter((part) => (typeof marker === 'string' ? part.includes(marker) : marker.test(part)))
    .map((part) => part.slice(0, part.indexOf(']')));
}

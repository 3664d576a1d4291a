import type { DatabaseHandle } from './types.ts';

/** A statement the hot paths run many times with different values: fixed text, positional parameters. */
export interface NamedStatement {
  /** Unique per text (PostgreSQL keeps one prepared statement per name on each connection). */
  readonly name: string;
  readonly text: string;
}

/**
 * Runs `statement` with `values` on either engine. On PostgreSQL, node-postgres prepares it once per pooled connection
 * under its name and then only binds and executes it, so the server parses and plans it once, not per request. PGlite
 * has no named statements through its API; it runs the text with the values (one round trip into the engine either
 * way). Values: strings, numbers, null, Buffers for bytea, ISO strings for timestamps.
 */
export async function runNamedStatement(
  handle: DatabaseHandle,
  statement: NamedStatement,
  values: readonly unknown[],
): Promise<void> {
  if (handle.engine === 'postgres') {
    await handle.client.query({ name: statement.name, text: statement.text, values: [...values] });
  } else {
    await handle.client.query(statement.text, [...values]);
  }
}

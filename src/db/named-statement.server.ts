import type { DatabaseHandle } from './types.ts';

/** A statement the hot paths run many times with different values: fixed text, positional parameters. */
export interface NamedStatement {
  /** Unique per text (PostgreSQL keeps one prepared statement per name on each connection). */
  readonly name: string;
  readonly text: string;
}

/**
 * Runs `statement` with `values` on either engine, outside any transaction (the statement is its own, so it is atomic),
 * and resolves once it is committed. Only the drivers' public query calls:
 * - PostgreSQL: node-postgres prepares it once per pooled connection under its name, then only binds and executes it.
 * - PGlite: `query(text, values)`, parsed each time (a fraction of a millisecond on the engine meant for trying and
 *   demos; ADR 020 records why the hand-written protocol that saved it was removed). PGlite queues it behind any open
 *   transaction, so it never lands inside another caller's transaction.
 * Values: strings, numbers, null, Buffers for bytea, ISO strings for timestamps. A refused statement rejects with the
 * driver's error, whose `code` (SQLSTATE) and `constraint` say why.
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

import { runOnPglite } from './pglite-group-commit.server.ts';
import type { DatabaseHandle } from './types.ts';

export { StatementError } from './wire-protocol.server.ts';

/** A statement the hot paths run many times with different values: fixed text, positional parameters. */
export interface NamedStatement {
  /** Unique per text (PostgreSQL keeps one prepared statement per name on each connection). */
  readonly name: string;
  readonly text: string;
}

/**
 * Runs `statement` with `values` on either engine, outside any transaction (the statement is its own), and resolves
 * once it is committed. Both engines parse and plan the text once and then only bind and execute it:
 * - PostgreSQL: node-postgres prepares it once per pooled connection under its name.
 * - PGlite (one connection): prepared once per database under its name, and run by the group commit of
 *   `pglite-group-commit.server.ts` (statements that arrive together share one trip into the engine and one commit).
 * Values: strings, numbers, null, Buffers for bytea, ISO strings for timestamps.
 */
export async function runNamedStatement(
  handle: DatabaseHandle,
  statement: NamedStatement,
  values: readonly unknown[],
): Promise<void> {
  if (handle.engine === 'postgres') {
    await handle.client.query({ name: statement.name, text: statement.text, values: [...values] });
  } else {
    await runOnPglite(handle.client, statement, values);
  }
}

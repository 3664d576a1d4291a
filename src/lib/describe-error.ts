/**
 * A short, single-line description of an unknown thrown value, for one-line error messages: the innermost cause's
 * message (Drizzle wraps driver errors in a "Failed query: …" error whose first line is the SQL), the first of an
 * AggregateError's errors (Node's connection attempts to several addresses), or the error code when there is no text.
 */
export function describeError(error: unknown): string {
  let current: unknown = error;
  // Walk down to the driver's own error; stop at a sane depth in case of a cycle.
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause instanceof Error; depth++) {
    current = current.cause;
  }
  if (current instanceof AggregateError && current.message === '' && current.errors.length > 0) {
    current = current.errors[0];
  }
  if (current instanceof Error) {
    const code = 'code' in current && typeof current.code === 'string' ? current.code : undefined;
    const text = current.message.split('\n')[0]?.trim() ?? '';
    if (text !== '') return text;
    return code ?? current.name;
  }
  return String(current).split('\n')[0] ?? 'unknown error';
}

// The few pieces of PostgreSQL's wire protocol the PGlite group commit needs beyond `pg-protocol`'s serializer: values
// as Bind carries them, and reading a backend reply for completed Parses and the first error.

/** An error the database sent back: SQLSTATE `code` and, for a constraint violation, the constraint's name. */
export class StatementError extends Error {
  override name = 'StatementError';
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  constructor(message: string, code: string | undefined, constraint: string | undefined) {
    super(message);
    this.code = code;
    this.constraint = constraint;
  }
}

/** A value as the wire protocol carries it: text, or raw bytes (a bytea parameter in binary format), or null. */
export function protocolValue(value: unknown): string | Buffer | null {
  if (value === null || value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  throw new TypeError(`runNamedStatement: unsupported value of type ${typeof value}`);
}

/**
 * What a backend reply says: how many Parse messages completed ('1') before the first ErrorResponse ('E'), and that
 * error as a `StatementError`.
 * Each message: type (1 byte), length (4 bytes, counting itself), body; an ErrorResponse's body is fields of (code
 * byte, NUL-terminated text), then a NUL.
 */
export function readReply(reply: Uint8Array): { parsed: number; error?: StatementError } {
  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let parsed = 0;
  for (let at = 0; at + 5 <= view.length;) {
    const type = view[at];
    const length = view.readUInt32BE(at + 1);
    const end = at + 1 + length;
    if (type === 0x31 /* '1' */) parsed++;
    if (type === 0x45 /* 'E' */) {
      const fields = new Map<string, string>();
      for (let field = at + 5; field < end && view[field] !== 0;) {
        const close = view.indexOf(0, field + 1);
        if (close < 0 || close >= end) break;
        fields.set(String.fromCharCode(view[field]!), view.toString('utf8', field + 1, close));
        field = close + 1;
      }
      return {
        parsed,
        error: new StatementError(fields.get('M') ?? 'database error', fields.get('C'), fields.get('n')),
      };
    }
    at = end;
  }
  return { parsed };
}

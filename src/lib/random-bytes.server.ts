import { randomFillSync } from 'node:crypto';

// One call into the CSPRNG costs about as much as encrypting a request (a few microseconds; several times that under
// load), and the intake draws twice per request (an IV, a receipt code). So small draws come from a pool filled 4 KB at
// a time — what Node does for `randomUUID`. Every byte is handed out once and zeroed in the pool as it is.
const POOL_BYTES = 4096;
const MAX_POOLED = 64;
let pool = Buffer.alloc(0);
let offset = 0;

/** `n` bytes from the operating system's CSPRNG (as `crypto.randomBytes(n)`), each byte used once. */
export function secureRandomBytes(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`secureRandomBytes: bad length ${n}`);
  if (n > MAX_POOLED) return randomFillSync(Buffer.alloc(n));
  if (offset + n > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(POOL_BYTES));
    offset = 0;
  }
  const bytes = Buffer.from(pool.subarray(offset, offset + n));
  pool.fill(0, offset, offset + n);
  offset += n;
  return bytes;
}

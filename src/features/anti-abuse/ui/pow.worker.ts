/**
 * The proof-of-work Web Worker: altcha-lib's worker message handler with the WebCrypto PBKDF2 (no WebAssembly, no eval).
 * Bundled by Vite as its own file under /_astro/, so the page's `script-src 'self'` (which `worker-src` falls back to)
 * allows it: no `blob:` and no CSP change are needed. Started by `solve()` in pow-solver.ts.
 */
import { deriveKey } from 'altcha-lib/algorithms/web/pbkdf2';
import { handler } from 'altcha-lib/workers/shared';

handler({ deriveKey });

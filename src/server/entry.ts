/**
 * The built server's entry (dist/server/entry.mjs; astro.config.mjs makes this file the server build's input): the
 * node adapter's handler, and `boot`, the portal's start. Both come from the one bundle, so the start-up code and the
 * routes share each module — one database client, one key ring, one anti-abuse store, one directory snapshot.
 * `scripts/start.ts` sets ASTRO_NODE_AUTOSTART=disabled before importing this, so the adapter starts no server of its
 * own; ours (http-server.ts) wraps its handler.
 */
import { handler as astroHandler } from '@astrojs/node/server.js';
import { boot as bootPortal } from './boot.server.ts';
import type { AstroHandler } from './http-server.ts';

export const handler: AstroHandler = (req, res) => void astroHandler(req, res);

/** Starts the portal (see boot.server.ts); `startedAt` is when the process started, for the "listening" log line. */
export function boot(startedAt: number): Promise<void> {
  return bootPortal(handler, startedAt);
}

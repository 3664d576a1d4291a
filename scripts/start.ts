/**
 * `npm start`: build when the build is missing or older than the sources, then hand over to the built server
 * (dist/server/entry.mjs), which validates the environment, opens and migrates the database, and serves the portal
 * (src/server/boot.server.ts). This script imports nothing from src/: the running portal is one module graph, the
 * bundle's, so every module (and every process-wide object: database client, key ring, …) exists once
 * (tests/unit/server/one-module-graph.test.ts checks it).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, hasBuild } from './build-if-needed.ts';

const startedAt = performance.now();
const root = join(import.meta.dirname, '..');

// BUILD_ON_START=0 (the container image): the build came with the image and the folder is read-only; never rebuild.
// (Any value but 0 or 1 is refused by the environment check, inside the built server.)
const buildOnStart = process.env.BUILD_ON_START !== '0';
const built = buildOnStart
  ? buildIfNeeded(root, (line) =>
      // The same JSON line as the portal's log (src/lib/log.ts), written here without importing it.
      process.stdout.write(
        `${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'build.output', note: line })}\n`,
      ),
    )
  : hasBuild(root);
if (!built) {
  process.stderr.write(
    buildOnStart
      ? 'error: The build failed; see the messages above.\n'
      : 'error: There is no build (dist/server/entry.mjs) and BUILD_ON_START=0: run `npm run build` first.\n',
  );
  process.exit(1);
}

// Astro's standalone entry would start its own server on import; the portal starts ours instead, around its handler.
process.env.ASTRO_NODE_AUTOSTART = 'disabled';
const entry = (await import(pathToFileURL(join(root, 'dist/server/entry.mjs')).href)) as {
  boot(startedAt: number): Promise<void>;
};
await entry.boot(startedAt);

/**
 * The process-wide objects (the database client, the key ring, the anti-abuse store, the directory snapshot): made
 * once per process, on first use, under a name. The running portal is one module graph (`scripts/start.ts` loads only
 * the built server), so a module-level variable would do there; the map sits on globalThis for `astro dev`, which
 * evaluates a changed module again and must not open a second database or Redis connection (as Epic Stack's
 * singleton.server.ts). Each creation is logged (LOG_LEVEL=debug), so an operator (and a test) can see each is made once.
 */
import { log } from './log.ts';

const SINGLETONS = Symbol.for('hotro.singletons');

function made(): Map<string, unknown> {
  const holder = globalThis as typeof globalThis & { [SINGLETONS]?: Map<string, unknown> };
  holder[SINGLETONS] ??= new Map();
  return holder[SINGLETONS];
}

/** The process's object named `name`, made by `create` on the first call. */
export function singleton<T>(name: string, create: () => T): T {
  const all = made();
  if (!all.has(name)) {
    all.set(name, create());
    log.debug('process.object_created', { name });
  }
  return all.get(name) as T;
}

/**
 * Forgets the object named `name` (closed, or its creation failed) — only if it is still `value`, when given — so the
 * next `singleton` call makes it again. Returns what was forgotten.
 */
export function forgetSingleton(name: string, value?: unknown): unknown {
  const all = made();
  const current = all.get(name);
  if (value !== undefined && current !== value) return undefined;
  all.delete(name);
  return current;
}

import { ContentError } from './errors.ts';

/** The registry file, relative to the project root. */
export const SOURCE_REGISTRY = 'content/sources.json';

/**
 * The ids of the source registry, for the entry schemas. Astro's file loader only logs a missing or repeated id, so this
 * check throws instead: the build stops before any entry is read.
 */
export function registryIds(registry: readonly { id?: unknown }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  registry.forEach((item, index) => {
    if (typeof item.id !== 'string' || item.id === '') problems.push(`${SOURCE_REGISTRY}: item ${index} has no id.`);
    else if (seen.has(item.id))
      problems.push(`${SOURCE_REGISTRY}: id "${item.id}" is recorded twice; record each source once.`);
    else seen.add(item.id);
  });
  if (problems.length > 0) throw new ContentError(problems.join(' '));
  return [...seen];
}

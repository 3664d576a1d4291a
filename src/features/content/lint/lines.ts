/** Helpers that find the line a problem belongs to, so each message points at the exact place to edit. */

/** The 1-based line of the first frontmatter key `key:` (at any indent), or 1 when it is absent. */
export function keyLine(lines: readonly string[], key: string, from = 1): number {
  const pattern = new RegExp(`^\\s*(?:-\\s+)?${escapeRegExp(key)}:`);
  for (let index = from - 1; index < lines.length; index += 1) {
    if (pattern.test(lines[index] ?? '')) return index + 1;
  }
  return 1;
}

/** The 1-based line of the first line containing `text` at or after line `from`, or `fallback`. */
export function textLine(lines: readonly string[], text: string, from = 1, fallback = 1): number {
  for (let index = from - 1; index < lines.length; index += 1) {
    if ((lines[index] ?? '').includes(text)) return index + 1;
  }
  return fallback;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Writes the README's configuration table from the environment schema (src/env.server.ts), so the two never disagree.
 * `node scripts/readme-env.ts` rewrites README.md between the env markers; a unit test fails when it is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ENV_VARIABLES } from '#src/env.server.ts';

/** The Markdown table of every environment variable. */
export function envTable(): string {
  const escape = (text: string) => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const rows = ENV_VARIABLES.map(
    (v) =>
      `| \`${v.name}\` | ${v.default === undefined ? '(unset)' : `\`${escape(v.default)}\``} | ${escape(v.meaning)} |`,
  );
  return ['| variable | default | meaning |', '|---|---|---|', ...rows].join('\n');
}

/** README.md with its env table replaced. */
export function readmeWithEnvTable(readme: string): string {
  return readme.replace(/(<!-- env:start -->\n)[\s\S]*?(\n<!-- env:end -->)/, `$1${envTable()}$2`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const path = fileURLToPath(new URL('../README.md', import.meta.url));
  writeFileSync(path, readmeWithEnvTable(readFileSync(path, 'utf8')));
  process.stdout.write('README.md configuration table updated.\n');
}

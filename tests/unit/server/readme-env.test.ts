import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmeWithEnvTable } from '../../../scripts/readme-env.ts';
import { repoRoot } from '../../setup/portal-process.ts';

describe('README configuration table', () => {
  it('lists every environment variable the portal reads, as the schema defines it (run `node scripts/readme-env.ts`)', () => {
    const readme = readFileSync(`${repoRoot}/README.md`, 'utf8');
    expect(readmeWithEnvTable(readme)).toBe(readme);
  });
});

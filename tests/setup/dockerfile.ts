/**
 * A small reader of the project's Dockerfile for the container tests: its stages, each with its instructions (line
 * continuations joined, comments dropped), and the final stage's start command and environment. It reads the subset of
 * the syntax the file uses; anything else fails a test rather than being guessed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Instruction {
  /** Upper case: FROM, RUN, COPY, ENV, CMD… */
  readonly keyword: string;
  readonly args: string;
}

export interface Stage {
  readonly image: string;
  readonly name: string | undefined;
  readonly instructions: readonly Instruction[];
}

/** The stages of a Dockerfile's text, in order. */
export function parseDockerfile(text: string): Stage[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Array<{ image: string; name: string | undefined; instructions: Instruction[] }> = [];
  for (const line of lines) {
    const match = /^([A-Za-z]+)\s+(.*)$/.exec(line);
    if (match === null) throw new Error(`Dockerfile: cannot read the line "${line}"`);
    const keyword = (match[1] ?? '').toUpperCase();
    const args = (match[2] ?? '').replace(/\s+/g, ' ').trim();
    if (keyword === 'FROM') {
      const from = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (from === null) throw new Error(`Dockerfile: cannot read FROM ${args}`);
      stages.push({ image: from[1] ?? '', name: from[2], instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`Dockerfile: ${keyword} before any FROM`);
    stage.instructions.push({ keyword, args });
  }
  return stages;
}

/** The project's Dockerfile, read. */
export function readDockerfile(root: string): Stage[] {
  return parseDockerfile(readFileSync(join(root, 'Dockerfile'), 'utf8'));
}

/** The exec-form command of a CMD or ENTRYPOINT (a JSON array); the shell form is refused (signals would miss Node). */
export function execForm(instruction: Instruction | undefined): string[] {
  if (instruction === undefined) return [];
  const parsed: unknown = JSON.parse(instruction.args);
  if (!Array.isArray(parsed) || !parsed.every((part) => typeof part === 'string'))
    throw new Error(`Dockerfile: ${instruction.keyword} must be a JSON array (exec form), got ${instruction.args}`);
  return parsed;
}

/** What the final stage starts: ENTRYPOINT followed by CMD, as Docker joins them. */
export function startCommand(stage: Stage): string[] {
  const last = (keyword: string) => stage.instructions.filter((entry) => entry.keyword === keyword).at(-1);
  return [...execForm(last('ENTRYPOINT')), ...execForm(last('CMD'))];
}

/** The environment the stage sets with ENV (`KEY=value` pairs, unquoted values). */
export function stageEnv(stage: Stage): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { keyword, args } of stage.instructions) {
    if (keyword !== 'ENV') continue;
    for (const pair of args.split(' ')) {
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(pair);
      if (match === null) throw new Error(`Dockerfile: cannot read ENV ${args}`);
      env[match[1] ?? ''] = match[2] ?? '';
    }
  }
  return env;
}

/** The final stage's `COPY --from=<stage> <source> <destination>` instructions. */
export function copiesFromStages(stage: Stage): Array<{ from: string; source: string; destination: string }> {
  return stage.instructions
    .filter((entry) => entry.keyword === 'COPY' && entry.args.startsWith('--from='))
    .map((entry) => {
      const match = /^--from=(\S+)\s+(?:--\S+\s+)*(\S+)\s+(\S+)$/.exec(entry.args);
      if (match === null) throw new Error(`Dockerfile: cannot read COPY ${entry.args}`);
      return { from: match[1] ?? '', source: match[2] ?? '', destination: match[3] ?? '' };
    });
}

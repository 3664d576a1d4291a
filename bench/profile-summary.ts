/**
 * Reads a V8 CPU profile (`.cpuprofile`, as `PORTAL_CPU_PROF=<folder> npm run bench -- --only intake` writes one per
 * portal) and prints where the time went: a timeline of busy milliseconds per second (to find the timed phase), then,
 * for the whole profile or for a window of it, self time by source (a package, a file of ours, or a native part such as
 * the garbage collector) and by function.
 *
 *   node bench/profile-summary.ts <file.cpuprofile> [--from <s> --to <s>] [--top <n>]
 *
 * Chrome DevTools (Performance → Load profile) shows the same profile as a flame chart; this gives the totals in a
 * terminal, where a session on a remote machine can read them.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const USAGE = 'usage: node bench/profile-summary.ts <file.cpuprofile> [--from <s> --to <s>] [--top <n>]';

/** The number after `name`, if given; a missing or non-numeric value stops with the usage line. */
function option(name: string): number | undefined {
  const index = process.argv.indexOf(name);
  if (index === -1) return undefined;
  const value = Number(process.argv[index + 1]);
  if (!Number.isFinite(value)) throw new Error(`${name} needs a number of seconds or a count\n${USAGE}`);
  return value;
}

/** Where a frame's code comes from: a package, a source file of ours, a Node built-in, or a native part. */
function sourceOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName.startsWith('wasm-function')) return 'WebAssembly (PGlite)';
  if (url === '') return functionName || '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules !== -1) {
    const parts = url.slice(modules + 'node_modules/'.length).split('/');
    return parts[0]?.startsWith('@') ? `${parts[0]}/${parts[1]}` : (parts[0] ?? url);
  }
  const src = url.indexOf('/src/');
  if (src !== -1) return url.slice(src + 1);
  if (url.includes('/dist/')) return `dist/${basename(url)}`;
  return url.startsWith('node:') ? url : url.split('/').slice(-2).join('/');
}

function main(): void {
  const file = process.argv[2];
  if (file === undefined || file.startsWith('--')) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const from = option('--from') ?? 0;
  const to = option('--to') ?? Number.POSITIVE_INFINITY;
  const top = option('--top') ?? 30;
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));

  const busyPerSecond: number[] = [];
  const bySource = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let clock = 0;
  let total = 0;
  profile.samples.forEach((id, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    clock += delta;
    const frame = frames.get(id);
    if (frame === undefined) return;
    const second = Math.floor(clock / 1e6);
    if (frame.functionName !== '(idle)') busyPerSecond[second] = (busyPerSecond[second] ?? 0) + delta / 1000;
    if (clock / 1e6 < from || clock / 1e6 >= to) return;
    total += delta;
    const source = sourceOf(frame);
    bySource.set(source, (bySource.get(source) ?? 0) + delta);
    const name = frame.url === '' ? source : `${frame.functionName || '(anonymous)'} ${source}:${frame.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  });

  console.log('busy ms per second of the profile (1000 = one core all the time):');
  const seconds = Array.from(busyPerSecond, (ms, second) => `${second}s:${Math.round(ms ?? 0)}`);
  for (let start = 0; start < seconds.length; start += 12) console.log(seconds.slice(start, start + 12).join(' '));
  const window = Number.isFinite(to) ? `${from}–${to} s` : `${from} s to the end`;
  const print = (title: string, totals: Map<string, number>) => {
    console.log(`\n${title}, ${window} (${Math.round(total / 1000)} ms sampled):`);
    for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      const share = ((100 * micros) / total).toFixed(1).padStart(5);
      console.log(`${String(Math.round(micros / 1000)).padStart(7)} ms ${share} %  ${key}`);
    }
  };
  print('self time by source', bySource);
  print('self time by function', byFunction);
}

main();

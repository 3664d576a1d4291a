/**
 * Latency of the nearest-suitable search (locator and intake routing) on a national-size directory: 10,000 points
 * generated deterministically across the 34 provinces, 2,000 varied queries after a warm-up. Target: p50 ≤ 1 ms.
 */
import { listCommunes } from '#src/features/admin-units/index.ts';
import { demoDirectoryPoints, generateDemoDirectory } from '#src/features/directory/demo/generate.ts';
import { seededPrng } from '#src/features/directory/demo/prng.ts';
import { servicesForHelp, type ServiceType } from '#src/features/lists/index.ts';
import { findNearestSuitable, type NearestQuery } from '#src/features/locator/nearest.ts';
import { markdownTable, quantile } from '../lib/table.ts';

const POINTS = 10_000;
const QUERIES = 2_000;
const WARM_UP = 500;

interface Sample {
  readonly group: 'commune' | 'position';
  readonly filtered: boolean;
  readonly ms: number;
  readonly reason: string;
}

/** The nearest-search latency table (Markdown). */
export async function nearestLatencyTable(): Promise<string> {
  const points = demoDirectoryPoints(
    generateDemoDirectory({ totalPoints: POINTS }),
    new Date('2026-11-01T00:00:00Z'),
    '2026-11-01',
  );
  const queries = makeQueries(WARM_UP + QUERIES);
  // Warm-up: JIT, the commune grid and the points index (built on the first search of this array).
  for (const query of queries.slice(0, WARM_UP)) findNearestSuitable(points, query);

  const samples: Sample[] = [];
  for (const query of queries.slice(WARM_UP)) {
    const started = performance.now();
    const answer = findNearestSuitable(points, query);
    const ms = performance.now() - started;
    samples.push({
      group: query.origin.kind,
      filtered: query.filters !== undefined,
      ms,
      reason: answer.reason,
    });
  }

  const row = (label: string, subset: readonly Sample[]) => {
    const ms = subset.map((sample) => sample.ms);
    return [label, subset.length, fmt(quantile(ms, 0.5)), fmt(quantile(ms, 0.9)), fmt(quantile(ms, 0.99))];
  };
  const reasons = new Map<string, number>();
  for (const sample of samples) reasons.set(sample.reason, (reasons.get(sample.reason) ?? 0) + 1);
  const table = markdownTable(
    ['nearest suitable point, 10,000 points', 'queries', 'p50', 'p90', 'p99'],
    [
      row('all queries', samples),
      row(
        'from a commune',
        samples.filter((s) => s.group === 'commune'),
      ),
      row(
        'from a position',
        samples.filter((s) => s.group === 'position'),
      ),
      row(
        'with filters',
        samples.filter((s) => s.filtered),
      ),
      row(
        'without filters',
        samples.filter((s) => !s.filtered),
      ),
    ],
  );
  const mix = [...reasons].map(([reason, count]) => `${reason} ${count}`).join(', ');
  return `${table}\n\nAnswers: ${mix}.`;
}

/** Deterministic, varied queries: commune and position origins, help types, filters, instants across a week. */
function makeQueries(count: number): NearestQuery[] {
  const prng = seededPrng('bench:nearest:v1');
  const communes = listCommunes();
  const needs: (readonly ServiceType[] | undefined)[] = [
    undefined,
    ...Object.values(servicesForHelp),
    ['rehab-facility'],
    ['mental-health'],
  ];
  const queries: NearestQuery[] = [];
  for (let i = 0; i < count; i++) {
    const commune = prng.pick(communes);
    const origin: NearestQuery['origin'] = prng.chance(0.5)
      ? { kind: 'commune', communeCode: commune.code }
      : {
          kind: 'position',
          lat: commune.lat + (prng.next() - 0.5) * 0.1,
          lon: commune.lon + (prng.next() - 0.5) * 0.1,
        };
    const query: NearestQuery = {
      origin,
      // An instant in the week of 2 November 2026 (Monday), at any hour.
      now: new Date(Date.UTC(2026, 10, 2) + prng.int(7 * 24 * 60) * 60_000),
    };
    const types = needs[prng.int(needs.length)];
    if (types !== undefined) query.serviceTypes = types;
    if (prng.chance(0.5)) {
      query.filters = {};
      if (prng.chance(0.4)) query.filters.free = true;
      if (prng.chance(0.4)) query.filters.openNow = true;
      if (prng.chance(0.2)) query.filters.language = prng.pick(['vi', 'en', 'km', 'hmn']);
      if (prng.chance(0.3)) query.filters.age = 12 + prng.int(50);
    }
    queries.push(query);
  }
  return queries;
}

function fmt(ms: number): string {
  return `${ms.toFixed(3)} ms`;
}

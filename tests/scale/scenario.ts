/**
 * The scaled-mode scenario, shared by the scale tests (short form, tests/scale/*.test.ts) and `npm run bench` (long
 * form, bench/sections/fault-runs.ts): simulated clients, mixed load over several portals with faults injected at
 * chosen points, and the audit that says what was lost, half-written or sent twice. Loopback only, bounded in count.
 *
 * Every request comes from a simulated client of its own (an X-Forwarded-For in 198.18.0.0/15, RFC 2544's benchmark
 * range; the portals run with TRUST_PROXY=1), so the per-client limits refuse nothing unless a test means them to.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashReceiptCode, normalizeReceiptCode } from '#src/features/intake/receipt-code.ts';
import { fetchProof } from '../setup/solve-pow.ts';
import type { ScaleCluster } from '../setup/scale-cluster.ts';

// ---------------------------------------------------------------------------------------------------------------------
// Simulated clients and requests

let addressCounter = 0;
/** A new address in 198.18.0.0/15 (RFC 2544, benchmarking) for each call: one simulated client per request. */
export function nextClientAddress(): string {
  addressCounter = (addressCounter + 1) % (2 * 256 * 256 - 2);
  const n = addressCounter + 1;
  return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
}

/** Valid intakes routed by the demo directory (four communes, every kind of help), with contact details to seal. */
export function intakeFields(i: number): Record<string, unknown> {
  return {
    who: (['self', 'family', 'friend', 'student'] as const)[i % 4],
    communeCode: (['00004', '25747', '00070', '01906'] as const)[i % 4],
    helpWanted: (['counselling', 'methadone', 'voluntary-rehab', 'post-rehab-support', 'not-sure'] as const)[i % 5],
    ageBand: '25-39',
    message: `Yêu cầu đo hiệu năng số ${i}: tôi muốn được tư vấn.`,
    contact: { kind: 'phone', value: '0912 345 678' },
    preferredTime: 'evening',
    lang: 'vi',
  };
}

/** Fetches and solves `count` challenges from `origin`, each by its own simulated client, `parallel` at a time. */
export async function fetchProofs(origin: string, count: number, parallel = 8): Promise<string[]> {
  const proofs: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      next += 1;
      proofs.push(await fetchProof(origin, { headers: { 'x-forwarded-for': nextClientAddress() } }));
    }
  };
  await Promise.all(Array.from({ length: parallel }, () => worker()));
  return proofs;
}

/** Sends one intake (`POST /api/intake`); the status (or the network error's code) and, for a 201, the receipt code. */
export async function postIntake(
  origin: string,
  i: number,
  altcha: string,
  clientAddress = nextClientAddress(),
): Promise<{ status: number | string; receiptCode?: string; ms: number }> {
  const started = performance.now();
  try {
    const response = await fetch(new URL('/api/intake', origin), {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': clientAddress },
      body: JSON.stringify({ ...intakeFields(i), altcha }),
      signal: AbortSignal.timeout(15_000),
    });
    const body = (await response.json().catch(() => ({}))) as { receiptCode?: unknown };
    const ms = performance.now() - started;
    if (response.status === 201 && typeof body.receiptCode === 'string')
      return { status: 201, receiptCode: body.receiptCode, ms };
    return { status: response.status, ms };
  } catch (error) {
    return { status: errorCode(error), ms: performance.now() - started };
  }
}

/** A page load; the status or the network error's code. */
export async function getPage(origin: string, path: string): Promise<number | string> {
  try {
    const response = await fetch(new URL(path, origin), { signal: AbortSignal.timeout(15_000) });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    return errorCode(error);
  }
}

function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ('code' in current && typeof current.code === 'string') return current.code;
    if (current.name === 'TimeoutError') return 'timeout';
    current = current.cause;
  }
  return 'network';
}

// ---------------------------------------------------------------------------------------------------------------------
// Mixed load with faults

/** A portal the load may be sent to; a test marks it down while it is killed (as a load balancer's health check would). */
export interface LoadTarget {
  origin: string;
  up: boolean;
}

/** Pages a visitor loads between requests: content, the locator's start page and a province's points. */
export const MIXED_PAGES = ['/', '/tim-ho-tro', '/tim-ho-tro/tinh/01'] as const;

export interface MixedLoadOptions {
  /** Live targets are used in turn; down ones are skipped. */
  readonly targets: readonly LoadTarget[];
  /** One solved proof per intake (`fetchProofs`); the load sends as many intakes as there are proofs. */
  readonly proofs: readonly string[];
  /** Page loads per intake (default 2). */
  readonly pagesPerIntake?: number;
  /** Requests in flight at once (default 6). */
  readonly concurrency?: number;
  /** Faults, each started (not awaited by the load) once this many intakes have been answered. */
  readonly faults?: ReadonlyArray<{ readonly afterIntakes: number; readonly run: () => Promise<void> }>;
}

export interface MixedLoadResult {
  /** Receipt codes of every intake answered 201. */
  readonly acknowledged: string[];
  /** Intake answers by status (or network error code). */
  readonly intakeStatuses: Map<number | string, number>;
  /** Page answers by status (or network error code). */
  readonly pageStatuses: Map<number | string, number>;
  /** Latencies of the 201s, ms. */
  readonly intakeLatenciesMs: number[];
  readonly elapsedMs: number;
}

const bump = (map: Map<number | string, number>, key: number | string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Runs the mixed load to the end, faults included (each fault's promise is awaited before returning). */
export async function runMixedLoad(options: MixedLoadOptions): Promise<MixedLoadResult> {
  const pagesPerIntake = options.pagesPerIntake ?? 2;
  const concurrency = options.concurrency ?? 6;
  const tasks: Array<{ kind: 'intake'; index: number } | { kind: 'page'; path: string }> = [];
  options.proofs.forEach((_, index) => {
    tasks.push({ kind: 'intake', index });
    for (let p = 0; p < pagesPerIntake; p++)
      tasks.push({ kind: 'page', path: MIXED_PAGES[(index * pagesPerIntake + p) % MIXED_PAGES.length] ?? '/' });
  });
  const result: MixedLoadResult = {
    acknowledged: [],
    intakeStatuses: new Map(),
    pageStatuses: new Map(),
    intakeLatenciesMs: [],
    elapsedMs: 0,
  };
  const pendingFaults = [...(options.faults ?? [])].sort((a, b) => a.afterIntakes - b.afterIntakes);
  const runningFaults: Promise<void>[] = [];
  let answeredIntakes = 0;
  let turn = 0;
  let next = 0;
  const pickOrigin = async (): Promise<string> => {
    // Every target down (a fault restarting the only one): wait, as a client behind a load balancer would.
    for (let waited = 0; ; waited += 50) {
      const live = options.targets.filter((target) => target.up);
      const target = live[turn++ % Math.max(1, live.length)];
      if (target !== undefined) return target.origin;
      if (waited > 180_000) throw new Error('runMixedLoad: no target came back up within 3 minutes');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  const started = performance.now();
  const worker = async () => {
    for (let task = tasks[next++]; task !== undefined; task = tasks[next++]) {
      const origin = await pickOrigin();
      if (task.kind === 'page') {
        bump(result.pageStatuses, await getPage(origin, task.path));
        continue;
      }
      const answer = await postIntake(origin, task.index, options.proofs[task.index] ?? '');
      bump(result.intakeStatuses, answer.status);
      if (answer.receiptCode !== undefined) {
        result.acknowledged.push(answer.receiptCode);
        result.intakeLatenciesMs.push(answer.ms);
      }
      answeredIntakes += 1;
      while (pendingFaults[0] !== undefined && pendingFaults[0].afterIntakes <= answeredIntakes) {
        const fault = pendingFaults.shift();
        if (fault !== undefined) runningFaults.push(fault.run());
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  await Promise.all(runningFaults);
  return { ...result, elapsedMs: performance.now() - started };
}

// ---------------------------------------------------------------------------------------------------------------------
// The audit

export interface Audit {
  /** Intakes acknowledged with 201. */
  readonly acknowledged: number;
  /** Acknowledged intakes with no case in the database (must be 0). */
  readonly lost: number;
  readonly cases: number;
  /** Cases without their first status event, or routed to a point with an address but with no notice queued. */
  readonly halfWritten: number;
  /** Notices (outbox rows of the cases) not sent: pending or dead (0 once the workers have drained). */
  readonly unsent: number;
  /** Cases whose notice has no `.eml` file (0 once drained). */
  readonly missingMail: number;
  /** Extra `.eml` files about a case beyond the first, plus rows a worker logged as sent more than once (must be 0). */
  readonly duplicates: number;
  /** Mail files written. */
  readonly mailFiles: number;
}

/** Waits until no outbox row is pending (the workers drained everything), or `timeoutMs` passes; true when drained. */
export async function waitForDrain(cluster: ScaleCluster, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await cluster.query<{ pending: string }>(
      "select count(*) as pending from outbox where status = 'pending'",
    );
    if (Number(row?.pending ?? 1) === 0) return true;
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Compares what was acknowledged with what the database holds and what the workers wrote. A case is matched to its
 * acknowledgement by the keyed hash of the receipt code (the only form stored), and to its e-mail by the console link
 * inside the mail itself (each `.eml` is decoded), so a mail sent twice (two files about one case) would be counted.
 */
export async function auditCluster(cluster: ScaleCluster, acknowledged: readonly string[]): Promise<Audit> {
  const stored = new Set(
    (await cluster.query<{ hash: Buffer }>('select receipt_hash as hash from cases')).map((row) =>
      row.hash.toString('hex'),
    ),
  );
  let lost = 0;
  for (const code of acknowledged) {
    const canonical = normalizeReceiptCode(code);
    if (canonical === null || !stored.has(hashReceiptCode(cluster.keyring, canonical).hash.toString('hex'))) lost += 1;
  }
  const [counts] = await cluster.query<{
    cases: string;
    without_event: string;
    without_notice: string;
    unsent: string;
  }>(`
    select
      (select count(*) from cases) as cases,
      (select count(*) from cases c where not exists (select 1 from case_events e where e.case_id = c.id)) as without_event,
      (select count(*) from cases c join locations l on l.id = c.point_id
        where l.notification_email is not null
          and not exists (select 1 from case_notices n join outbox o on o.id = n.outbox_id where n.case_id = c.id)) as without_notice,
      (select count(*) from case_notices n join outbox o on o.id = n.outbox_id where o.status <> 'sent') as unsent`);
  const noticed = await cluster.query<{ case_id: string }>('select distinct case_id from case_notices');

  const mailsPerCase = new Map<string, number>();
  const files = listMailFiles(cluster.mailDir);
  for (const file of files) {
    for (const caseId of caseIdsInMail(readFileSync(join(cluster.mailDir, file), 'utf8')))
      mailsPerCase.set(caseId, (mailsPerCase.get(caseId) ?? 0) + 1);
  }
  let duplicates = 0;
  for (const count of mailsPerCase.values()) duplicates += Math.max(0, count - 1);
  // A row marked sent twice would mean two workers both believed they held it.
  const sentLines = new Map<string, number>();
  for (const output of cluster.outputs().workers) {
    for (const match of output.matchAll(/ outbox\.sent id=([0-9a-f-]{36})/g)) {
      const id = match[1] ?? '';
      sentLines.set(id, (sentLines.get(id) ?? 0) + 1);
    }
  }
  for (const count of sentLines.values()) duplicates += Math.max(0, count - 1);

  return {
    acknowledged: acknowledged.length,
    lost,
    cases: Number(counts?.cases ?? 0),
    halfWritten: Number(counts?.without_event ?? 0) + Number(counts?.without_notice ?? 0),
    unsent: Number(counts?.unsent ?? 0),
    missingMail: noticed.filter((row) => !mailsPerCase.has(row.case_id)).length,
    duplicates,
    mailFiles: files.length,
  };
}

function listMailFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
  } catch {
    return [];
  }
}

/** Case ids named by the console links in a mail's (base64) parts. */
function caseIdsInMail(eml: string): Set<string> {
  const ids = new Set<string>();
  const decoded = [
    eml,
    ...[...eml.matchAll(/\r?\n\r?\n([A-Za-z0-9+/=\r\n]{16,})/g)].map((m) =>
      Buffer.from((m[1] ?? '').replace(/\s/g, ''), 'base64').toString('utf8'),
    ),
  ];
  for (const text of decoded)
    for (const match of text.matchAll(
      /\/quan-ly\/yeu-cau\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/g,
    ))
      ids.add(match[1] ?? '');
  return ids;
}

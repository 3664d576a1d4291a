import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { eq } from 'drizzle-orm';
import type { Database } from '#src/db/client.server.ts';
import { outbox } from '#src/db/schema/index.ts';
import { type Keyring, loadKeyring } from '#src/features/crypto/keyring.server.ts';
import type { OutboxMessage } from '#src/features/outbox/message.ts';
import type { OutboxSettings } from '#src/features/outbox/settings.ts';
import type { MailTransport, OutgoingMail } from '#src/features/outbox/transport.ts';
import { type DrainResult, drainOnce, type WorkerOptions } from '#src/features/outbox/worker.server.ts';
import type { Clock } from '#src/lib/clock.ts';

export const SITE = 'https://hotro.example.gov.vn';

/** A keyring from a key given as INTAKE_ENCRYPTION_KEY (random unless given; no file is written). */
export function testKeyring(key: string = randomBytes(32).toString('base64')): Keyring {
  return loadKeyring({ keyFile: '/nonexistent/never-used.key', intakeEncryptionKey: key });
}

/** Milliseconds everywhere: retries within a few ms, a lease of two seconds. */
export const fastSettings: Partial<OutboxSettings> = {
  from: 'Hỗ trợ cai nghiện <no-reply@example.invalid>',
  siteUrl: SITE,
  maxAttempts: 8,
  retryBaseMs: 1,
  retryMaxMs: 5,
  leaseMs: 2_000,
  pollMs: 10,
  batchSize: 5,
};

let counter = 0;
/** A new-case notice to a unique, recognisable address. */
export function newCaseMessage(overrides: Partial<OutboxMessage> = {}): OutboxMessage {
  counter += 1;
  return {
    kind: 'new-case',
    recipientKind: 'point-staff',
    to: `staff-${counter}-${randomBytes(3).toString('hex')}@example.invalid`,
    lang: 'vi',
    params: { pointName: 'Trạm Y tế xã Tân Phú', consoleUrl: '/quan-ly' },
    ...overrides,
  };
}

/** A clock running `offsetMs` ahead of (or behind) real time. */
export function offsetClock(offsetMs: number): Clock {
  return { now: () => new Date(Date.now() + offsetMs) };
}

/** Every outbox row. */
export function allRows(db: Database) {
  return db.select().from(outbox);
}

/** One outbox row by id. */
export async function rowById(db: Database, id: string) {
  const [row] = await db.select().from(outbox).where(eq(outbox.id, id));
  if (!row) throw new Error(`no outbox row ${id}`);
  return row;
}

/** Drains again and again (retries are due within ms) until no row is pending, or fails after `timeoutMs`. */
export async function drainUntilSettled(options: WorkerOptions, timeoutMs = 60_000): Promise<DrainResult> {
  const totals: DrainResult = { claimed: 0, sent: 0, retried: 0, dead: 0, released: 0, lost: 0 };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const result = await drainOnce(options);
    for (const key of Object.keys(totals) as (keyof DrainResult)[]) totals[key] += result[key];
    const pending = (await allRows(options.handle.db)).filter((row) => row.status === 'pending');
    if (pending.length === 0) return totals;
    if (Date.now() > deadline) throw new Error(`${pending.length} rows still pending after ${timeoutMs} ms`);
    await sleep(5);
  }
}

/** Decodes a header of an .eml file (unfolded, RFC 2047 "B" words decoded). */
export function emlHeader(eml: string, name: string): string | undefined {
  const head = eml.split('\r\n\r\n')[0] ?? '';
  const unfolded = head.replace(/\r\n[ \t]/g, ' ');
  const line = unfolded.split('\r\n').find((candidate) => candidate.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (line === undefined) return undefined;
  const value = line.slice(name.length + 1).trim();
  return value
    .replace(/\?= =\?/g, '?==?')
    .replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_whole, data: string) => Buffer.from(data, 'base64').toString('utf8'));
}

/** The decoded bodies (text, html) of an .eml file. */
export function emlBodies(eml: string): string[] {
  const parts = eml
    .split(/\r\n--=_hotro_[^\r\n]*\r\n/)
    .slice(1)
    .filter((part) => part !== '');
  return parts.map((part) => {
    const body = part.split('\r\n\r\n')[1] ?? '';
    return Buffer.from(body.replace(/\r\n--.*$/s, '').replace(/\r\n/g, ''), 'base64').toString('utf8');
  });
}

/** A transport that keeps what it is given in memory; `gate` (when set) holds each send until it resolves. */
export function memoryTransport(options: { gate?: () => Promise<void>; timeoutMs?: number } = {}) {
  const sent: OutgoingMail[] = [];
  const transport: MailTransport & { sent: OutgoingMail[] } = {
    name: 'memory',
    timeoutMs: options.timeoutMs ?? 100,
    sent,
    async send(mail) {
      if (options.gate) await options.gate();
      sent.push(mail);
      return { ok: true, providerId: `memory-${sent.length}` };
    },
  };
  return transport;
}

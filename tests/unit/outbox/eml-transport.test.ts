import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmlTransport } from '#src/features/outbox/eml-transport.server.ts';
import { enqueue } from '#src/features/outbox/enqueue.server.ts';
import type { OutgoingMail } from '#src/features/outbox/transport.ts';
import { drainOnce } from '#src/features/outbox/worker.server.ts';
import { createTestDatabase, makeTempDir, type TestDatabase, testEngine } from '../../setup/db.ts';
import { emlBodies, emlHeader, fastSettings, newCaseMessage, testKeyring } from './helpers.ts';

const mail = (overrides: Partial<OutgoingMail> = {}): OutgoingMail => ({
  id: randomUUID(),
  from: 'Hỗ trợ cai nghiện <no-reply@example.invalid>',
  to: 'staff@example.invalid',
  recipientKind: 'point-staff',
  subject: 'Có yêu cầu tư vấn mới cho Trạm Y tế xã Tân Phú, huyện Châu Thành, tỉnh An Giang',
  text: 'Văn bản',
  html: '<p>HTML</p>',
  date: new Date('2026-11-23T03:04:05Z'),
  ...overrides,
});

describe('the .eml transport', () => {
  const folder = makeTempDir('hotro-mail-');
  const dir = join(folder.path, 'mail');
  afterAll(() => folder.remove());

  it('writes one file named by the row id, readable by its owner only', async () => {
    const message = mail();
    expect(await createEmlTransport({ dir }).send(message)).toEqual({ ok: true, providerId: `${message.id}.eml` });
    expect(statSync(join(dir, `${message.id}.eml`)).mode & 0o777).toBe(0o600);
  });

  it('keeps one file when the same row is written twice', async () => {
    const message = mail();
    await createEmlTransport({ dir }).send(message);
    await createEmlTransport({ dir }).send({ ...message, date: new Date() });
    expect(readdirSync(dir).filter((name) => name.startsWith(message.id))).toEqual([`${message.id}.eml`]);
  });

  it("never writes a requester's address into the copy, only a staff member's", async () => {
    const toRequester = mail({ to: 'parent-MARKER9@example.com', recipientKind: 'requester' });
    await createEmlTransport({ dir }).send(toRequester);
    const file = readFileSync(join(dir, `${toRequester.id}.eml`), 'utf8');
    expect(file).not.toContain('parent-MARKER9');
    expect(emlHeader(file, 'To')).toBe('undisclosed-recipients:;');
    const toStaff = mail();
    await createEmlTransport({ dir }).send(toStaff);
    expect(emlHeader(readFileSync(join(dir, `${toStaff.id}.eml`), 'utf8'), 'To')).toBe('staff@example.invalid');
  });

  it('leaves no temporary file behind', async () => {
    await createEmlTransport({ dir }).send(mail());
    expect(readdirSync(dir).filter((name) => !name.endsWith('.eml'))).toEqual([]);
  });

  it('encodes a long Vietnamese subject so that it decodes back whole', async () => {
    const message = mail();
    await createEmlTransport({ dir }).send(message);
    expect(emlHeader(readFileSync(join(dir, `${message.id}.eml`), 'utf8'), 'Subject')).toBe(message.subject);
  });

  it('keeps header lines within 78 characters and uses CRLF line ends', async () => {
    const message = mail();
    await createEmlTransport({ dir }).send(message);
    const eml = readFileSync(join(dir, `${message.id}.eml`), 'utf8');
    expect(eml.split('\r\n').filter((line) => line.length > 78)).toEqual([]);
    expect(eml.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('carries the plain-text and HTML versions', async () => {
    const message = mail();
    await createEmlTransport({ dir }).send(message);
    expect(emlBodies(readFileSync(join(dir, `${message.id}.eml`), 'utf8'))).toEqual(['Văn bản', '<p>HTML</p>']);
  });

  it('refuses an id that is not a row id (no path outside the folder)', async () => {
    expect(await createEmlTransport({ dir }).send(mail({ id: '../escape' }))).toMatchObject({
      ok: false,
      retryable: false,
    });
  });
});

describe(`the worker with the .eml transport on ${testEngine}`, () => {
  let test: TestDatabase;
  const keyring = testKeyring();
  const folder = makeTempDir('hotro-mail-');
  const dir = join(folder.path, 'mail');
  beforeAll(async () => {
    test = await createTestDatabase();
  });
  afterAll(async () => {
    await test.cleanup();
    folder.remove();
  });

  it('writes one file per row, mode 0600, with the notice subject and no request text', async () => {
    const ids: string[] = [];
    for (const pointName of ['Trạm Y tế xã Tân Phú', 'Trạm Y tế phường Bến Nghé']) {
      const message = newCaseMessage({ params: { pointName, consoleUrl: '/quan-ly' } });
      ids.push((await test.db.transaction((tx) => enqueue(tx, message, keyring))).id);
    }
    await drainOnce({ handle: test.handle, transport: createEmlTransport({ dir }), keyring, settings: fastSettings });
    expect(readdirSync(dir).sort()).toEqual(ids.map((id) => `${id}.eml`).sort());
    const eml = readFileSync(join(dir, `${ids[0] ?? ''}.eml`), 'utf8');
    expect(statSync(join(dir, `${ids[0] ?? ''}.eml`)).mode & 0o777).toBe(0o600);
    expect(emlHeader(eml, 'Subject')).toBe('Có yêu cầu tư vấn mới cho Trạm Y tế xã Tân Phú');
    expect(emlBodies(eml)[0]).toContain('https://hotro.example.gov.vn/quan-ly');
  });
});

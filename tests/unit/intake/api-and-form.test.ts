/**
 * One running server, the two ways to ask for help, interleaved: `POST /api/intake` (what a partner's app or the page's
 * script sends) and the form at `/xin-tu-van` posted as a browser posts it — with JavaScript off (the no-JavaScript
 * token from the page, sent after the minimum fill time) and with JavaScript on (the island's solved proof). API, form,
 * API, form; then the server is restarted on the same database and it goes round again. Every request gets its receipt,
 * and every receipt is in the database with its first event and its notice.
 *
 * This is the test that was missing when, on the embedded database, one API request made the form answer 503 until a
 * restart (`prepared statement "intake-write-case-with-notice" already exists`): the server ran two copies of the
 * intake modules, each with its own map of prepared statements over the one PGlite session.
 */
import { sql } from 'drizzle-orm';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseEnv } from '#src/db/client.server.ts';
import { loadKeyring } from '#src/features/crypto/keyring.server.ts';
import { findCaseByCode } from '#src/features/intake/case-store.server.ts';
import { startPortal, type RunningPortal } from '../../setup/portal-process.ts';
import { createTestDatabaseEnv, testEngine } from '../../setup/db.ts';
import { fetchProof } from '../../setup/solve-pow.ts';
import {
  freePort,
  hasBuild,
  newKey,
  NO_BUILD_MESSAGE,
  nextTestAddress,
  prepareDemoDatabase,
  sendIntake,
  serverEnv,
} from './portal-helpers.ts';

/** The no-JavaScript token is accepted only after this long on the page (DEFAULT_FALLBACK_MIN_FILL_SECONDS is 3). */
const FALLBACK_WAIT_MS = 3_300;

const apiBody = {
  who: 'family',
  communeCode: '00004',
  helpWanted: 'counselling',
  ageBand: '25-39',
  message: 'Qua API',
  contact: { kind: 'phone', value: '0912 345 678' },
};

const formFields = {
  who: 'self',
  q: 'Phường Ba Đình, Hà Nội',
  helpWanted: 'counselling',
  ageBand: '18-24',
  message: 'Qua biểu mẫu',
  contactKind: 'phone',
  contactValue: '0912 345 678',
};

interface Outcome {
  status: number | 'network-error';
  receiptCode?: string | undefined;
  detail?: string;
}

async function viaApi(portal: RunningPortal): Promise<Outcome> {
  const attempt = await sendIntake(portal.url, apiBody);
  return { status: attempt.status, receiptCode: attempt.receiptCode, detail: JSON.stringify(attempt.body) };
}

/** The form as a browser posts it: the answers (preview), then the preview's form with the proof of that mode (send). */
async function viaForm(portal: RunningPortal, js: boolean): Promise<Outcome> {
  const client = { 'x-forwarded-for': nextTestAddress() };
  const post = (fields: URLSearchParams) =>
    fetch(`${portal.url}/xin-tu-van`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: portal.url, ...client },
      body: fields.toString(),
    });
  const preview = await post(new URLSearchParams({ ...formFields, action: 'preview' }));
  if (!preview.ok) return { status: preview.status, detail: 'the preview failed' };
  const renderedAt = Date.now();
  const form = parse(await preview.text()).querySelector('form.intake-form');
  const fields = new URLSearchParams();
  // What the browser sends of the preview's form: its hidden fields and the checked choices (the suggested point).
  for (const input of form?.querySelectorAll('input[type="hidden"], input[checked]') ?? []) {
    const name = input.getAttribute('name');
    if (name !== undefined) fields.set(name, input.getAttribute('value') ?? '');
  }
  fields.set('action', 'send');
  if (js) fields.set('altcha', await fetchProof(portal.url, { headers: client }));
  else await new Promise((resolve) => setTimeout(resolve, Math.max(0, renderedAt + FALLBACK_WAIT_MS - Date.now())));
  const answer = await post(fields);
  const html = parse(await answer.text());
  return {
    status: answer.status,
    receiptCode: html.querySelector('[data-receipt-code]')?.textContent.trim(),
    detail: html.querySelector('h1')?.textContent.trim() ?? '',
  };
}

describe.skipIf(!hasBuild)(`the API and the form on one running server (${testEngine})`, () => {
  let place: { env: DatabaseEnv; cleanup(): Promise<void> };
  const key = newKey();

  beforeAll(async () => {
    place = await createTestDatabaseEnv();
    await prepareDemoDatabase(place.env);
  }, 120_000);
  afterAll(() => place?.cleanup());

  it('gives every request its receipt, API and form interleaved, across a restart', { timeout: 300_000 }, async () => {
    const receipts: string[] = [];
    for (const round of [1, 2]) {
      const portal = await startPortal({
        port: await freePort(),
        dataDir: place.env.dataDir,
        env: serverEnv(place.env.databaseUrl, { INTAKE_ENCRYPTION_KEY: key }),
        timeoutMs: 300_000,
      });
      try {
        const steps: Array<[string, () => Promise<Outcome>]> = [
          ['API', () => viaApi(portal)],
          ['form, JavaScript off', () => viaForm(portal, false)],
          ['API', () => viaApi(portal)],
          ['form, JavaScript on', () => viaForm(portal, true)],
        ];
        for (const [index, [label, send]] of steps.entries()) {
          const outcome = await send();
          expect(
            { status: outcome.status, hasReceipt: outcome.receiptCode !== undefined },
            `round ${round}, request ${index + 1} (${label}): ${outcome.detail ?? ''}\n${portal.output().slice(-2000)}`,
          ).toEqual({ status: label === 'API' ? 201 : 200, hasReceipt: true });
          receipts.push(outcome.receiptCode ?? '');
        }
      } finally {
        await portal.stop();
      }
    }

    expect(new Set(receipts).size).toBe(8);
    const handle = await openDatabase(place.env);
    try {
      const keyring = loadKeyring({ keyFile: '/nonexistent', intakeEncryptionKey: key });
      for (const code of receipts)
        expect(await findCaseByCode(handle.db, keyring, code), `receipt ${code} has no case`).toBeDefined();
      const result = (await handle.db.execute(sql`
        select (select count(*) from case_events e where e.case_id = c.id)::int as events,
               (select count(*) from case_notices n where n.case_id = c.id)::int as notices
        from cases c`)) as unknown as { rows: Array<{ events: number; notices: number }> };
      expect(result.rows).toHaveLength(8);
      expect(result.rows.filter((row) => row.events !== 1 || row.notices !== 1)).toEqual([]);
    } finally {
      await handle.close();
    }
  });
});

// Said plainly in the report when the build is missing (the runner builds first, so this is for local runs).
if (!hasBuild) {
  describe('API and form interleaved', () => {
    it.skip(NO_BUILD_MESSAGE, () => undefined);
  });
}

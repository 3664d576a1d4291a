/**
 * Run by scripts/test-all.ts after each full e2e run, on what that run left behind: every table of its database, every
 * file of its DATA_DIR (the embedded database's files byte by byte, the mail outbox) and the server's whole log. None
 * may hold a client address, a user agent or a text the e2e tests typed into a form (messages, replies, notes,
 * contact details): the scan fails with where it found each one.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { openDatabase } from '#src/db/client.server.ts';
import { dumpAllTables, tablesContaining } from './table-dump.ts';

const dataDir = process.env.E2E_DATA_DIR ?? '';
const logFile = process.env.E2E_LOG_FILE ?? '';
const databaseUrl = process.env.E2E_DATABASE_URL;

/** What the e2e suite types (tests/e2e/*.spec.ts) and what its clients send about themselves. */
const typedByTests = [
  'E2E-console-7Q2', // console.spec: the request's message and the staff reply
  'E2E-MARKER', // locator.spec: a note on an out-of-date listing
  'E2E-ADMIN', // console-admin.spec: the same, read by an administrator
  'xin tư vấn cho con', // intake.spec: the request's message
  'Cảm ơn, tôi sẽ chờ.', // intake.spec: the requester's follow-up message
  'Gọi lại sáng mai', // console.spec: an internal note
  'e2e-requester@example.com', // intake.spec: a contact address
];
const clientTraces: Array<[string, RegExp]> = [
  ['a documentation address sent as X-Forwarded-For', /198\.51\.100\.\d+/],
  ['the loopback client address', /(?:::ffff:)?127\.0\.0\.1(?!:\d)|(?<![\w:])::1(?![\w:])/],
  ["Chromium's user agent", /HeadlessChrome|Mozilla\/5\.0/],
  ["Playwright's request user agent", /Playwright\/\d/],
];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => statSync(path).isFile());
}

const problems: string[] = [];
const check = (where: string, text: string, find: (needle: string | RegExp) => string[]) => {
  for (const marker of typedByTests)
    for (const place of find(marker)) problems.push(`${where}: "${marker}" in ${place}`);
  for (const [what, pattern] of clientTraces)
    for (const place of find(pattern)) problems.push(`${where}: ${what} in ${place}`);
  return text.length;
};

// 1. The server's log. The one address it may print is its own listening URL.
if (!existsSync(logFile)) throw new Error(`scan-after-e2e: no server log at E2E_LOG_FILE (${logFile})`);
const logText = readFileSync(logFile, 'utf8').replace(/"url":"http:\/\/127\.0\.0\.1:\d+"/g, '"url":"(own address)"');
if (!logText.includes('server.listening')) throw new Error('scan-after-e2e: the log does not look like the server log');
check('log', logText, (needle) =>
  logText
    .split('\n')
    .filter((line) => (typeof needle === 'string' ? line.includes(needle) : needle.test(line)))
    .map((line) => `line "${line.slice(0, 160)}"`),
);

// 2. Every table.
const handle = await openDatabase({ databaseUrl, dataDir });
let dump: string;
try {
  ({ dump } = await dumpAllTables(handle));
} finally {
  await handle.close();
}
// The dump is real: the run's requests are in it (their help wanted is stored in plain, their words are not).
if (!dump.includes('counselling'))
  throw new Error('scan-after-e2e: the database holds no request; was the e2e run empty?');
check('database', dump, (needle) => tablesContaining(dump, needle).map((table) => `table ${table}`));

// 3. Every file of DATA_DIR, byte by byte (PGlite's files on the embedded run; the mail outbox on both runs).
// PGlite's own configuration files (pg_hba.conf lists 127.0.0.1 as a rule) are not records of anyone.
const files = existsSync(dataDir)
  ? filesUnder(dataDir).filter((path) => !/(?:^|\/)(?:pg_hba|pg_ident|postgresql(?:\.auto)?)\.conf$/.test(path))
  : [];
for (const path of files) {
  const text = readFileSync(path).toString('latin1');
  const utf8 = readFileSync(path).toString('utf8');
  check('file', text, (needle) =>
    (
      typeof needle === 'string'
        ? text.includes(Buffer.from(needle, 'utf8').toString('latin1')) || utf8.includes(needle)
        : needle.test(text)
    )
      ? [relative(dataDir, path)]
      : [],
  );
}

if (problems.length > 0) {
  process.stderr.write(
    `The e2e run left traces it must not:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n`,
  );
  process.exit(1);
}
process.stdout.write(
  `Scanned the server log (${logText.split('\n').length} lines), every table (${dump.length} characters) and ${files.length} files: no client address, user agent or typed text.\n`,
);

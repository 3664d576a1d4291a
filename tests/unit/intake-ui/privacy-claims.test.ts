import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../setup/portal-process.ts';

/**
 * The privacy page (`src/features/site/copy/privacy.{vi,en}.md`) marks each statement about how the portal works with
 * `<!-- claim:<id> -->`. Every claim is listed here with the tests that prove it (file and test name); this file
 * checks that the page and this list agree in both languages and that every named test exists, so a claim cannot
 * stay on the page once its proof is renamed or removed, and no claim can be added without a proof. Legal statements
 * are checked against what `shared/facts/vietnam-2026.md` confirms, and nothing further.
 */

interface Proof {
  /** The test file, from the repository root. */
  readonly file: string;
  /** The test's name as written in its source (a name built in a loop keeps its `${…}`). */
  readonly name: string;
}

interface Claim {
  readonly id: string;
  /** What the page says, in short. */
  readonly says: string;
  readonly proofs: readonly Proof[];
  /** Set when part of the claim is proven by a feature still being built: the issue that will prove it. */
  readonly pending?: string;
  /** Set for statements of law: the line of shared/facts/vietnam-2026.md that confirms them. */
  readonly law?: string;
}

const intake = (name: string): Proof => ({ file: 'tests/unit/intake/handle-intake.test.ts', name });
const followUp = (name: string): Proof => ({ file: 'tests/unit/intake/follow-up-retention.test.ts', name });
const privacy = (name: string): Proof => ({ file: 'tests/unit/intake/privacy.test.ts', name });
const schema = (name: string): Proof => ({ file: 'tests/unit/intake/schema.test.ts', name });
const clientKey = (name: string): Proof => ({ file: 'tests/unit/anti-abuse/client-key.test.ts', name });
const templates = (name: string): Proof => ({ file: 'tests/unit/outbox/templates.test.ts', name });
const mine = (file: string, name: string): Proof => ({ file: `tests/unit/intake-ui/${file}`, name });
const e2e = (name: string): Proof => ({ file: 'tests/e2e/intake.spec.ts', name });
const console_ = (name: string): Proof => ({ file: 'tests/unit/console/case-work.test.ts', name });
const CONSOLE_VIEW = console_("shows a case with its words to its point's staff only, and records each view");

const ACCEPTED = intake(
  'accepts a request: the case, its first event and the staff notice in one go, and a receipt code',
);
const COLUMNS = mine(
  'privacy-proofs.test.ts',
  'keeps a case in columns that hold no name, address, position, IP address or user agent; its content only as ciphertext bytes',
);
const JOURNEY_JS = e2e(
  'vi, JavaScript on: ask, preview, send, receipt, notice, follow-up, add a message, withdraw; no cookie, nothing from another site',
);
const JOURNEY_NO_JS = e2e('vi, JavaScript off: ask, preview, send, receipt, notice, follow-up, withdraw');
const EVERY_SCREEN = mine(
  'views.test.ts',
  '${name} (${lang}): no name needed, what is kept and how long, 115, not an emergency service, the quick exit',
);
const LOG_CLEAN = privacy('finds no marker, no client address and no user agent in the server output');
const DATA_DIR_CLEAN = privacy(
  'finds no marker in any file of DATA_DIR (database files, WAL, mail files), byte by byte',
);

const CLAIMS: readonly Claim[] = [
  {
    id: 'no-cookies',
    says: 'No cookies, trackers or advertising; the ask and follow-up pages load nothing from anyone else.',
    proofs: [JOURNEY_JS, e2e('en, JavaScript on: ask, preview, send, receipt, notice, follow-up, withdraw')],
  },
  {
    id: 'quick-exit',
    says: 'Every page has the quick exit; with JavaScript, on the pages with islands, it drops the page from history; otherwise the page stays in history. How to clear the history.',
    proofs: [
      e2e(
        'the quick exit is at the bottom right of ${path}, in thumb reach, leaves for a neutral site and drops the page from history',
      ),
      {
        file: 'tests/e2e/pages.spec.ts',
        name: 'the quick exit is a plain link on a content page (the page stays in history) and drops the locator from history',
      },
      { file: 'tests/e2e/pages.spec.ts', name: 'answers, declares its language and has no axe violation' },
    ],
  },
  {
    id: 'no-referrer',
    says: 'A link to another site does not tell it which page was being read.',
    proofs: [
      { file: 'tests/unit/server/security-headers.test.ts', name: 'never send the page address to another site' },
      EVERY_SCREEN,
    ],
  },
  {
    id: 'no-ip',
    says: 'No IP address or user agent stored or logged; the address is hashed at once with a daily secret, and the hash expires.',
    proofs: [
      privacy('finds no marker, no client address and no user agent in a dump of every table'),
      LOG_CLEAN,
      clientKey('never contains the address, in any of its usual spellings'),
      clientKey('gives the same address the same key all day, and a new one after midnight UTC'),
      clientKey('writes nothing to the log'),
      {
        file: 'tests/unit/anti-abuse/rate-limits.test.ts',
        name: 'keep their counters under the store’s key prefix, with an expiry',
      },
      COLUMNS,
    ],
  },
  {
    id: 'coarse-fields',
    says: 'Kept in clear: commune and province, who, age band, help wanted, the point, why and how far, date and status.',
    proofs: [ACCEPTED, intake('routes by the help wanted and records why'), COLUMNS],
  },
  {
    id: 'encrypted',
    says: 'Message, contact, preferred time, follow-ups and replies encrypted with AES-256-GCM; the key outside the data folder.',
    proofs: [
      mine(
        'privacy-proofs.test.ts',
        'seals the message, the contact and the replies with AES-256-GCM under a 256-bit key',
      ),
      {
        file: 'tests/unit/crypto/field-encryption.test.ts',
        name: 'round-trips Vietnamese text, and the sealed bytes do not contain it',
      },
      followUp('adds a sealed message the requester then sees, after the staff replies, oldest first'),
      privacy('keeps the key file outside DATA_DIR, and the key itself out of DATA_DIR'),
      { file: 'tests/unit/env/load-env.test.ts', name: 'a KEY_FILE inside DATA_DIR' },
      DATA_DIR_CLEAN,
    ],
  },
  {
    id: 'receipt-hash',
    says: 'Receipt codes stored only as a keyed hash (HMAC-SHA256).',
    proofs: [
      intake('stores only the keyed hash of the receipt code, never the code'),
      {
        file: 'tests/unit/intake/receipt-code.test.ts',
        name: 'are hashed with a key derived from the keyring, and looked up under every key after a rotation',
      },
    ],
  },
  {
    id: 'position',
    says: '“Use my location” is rounded to about 1 km in the browser and again on the server; only the commune is kept.',
    proofs: [
      e2e('"use my location" fills a position rounded to about 1 km, and the preview names the point'),
      schema('checks the place: a five-digit code that exists, or a position in Vietnam near a commune'),
      intake('routes by the help wanted and records why'),
      COLUMNS,
    ],
  },
  {
    id: 'no-name',
    says: 'No name, home address or ID number asked for; any other field is refused.',
    proofs: [
      schema('needs only who, where, what help and an age band'),
      schema('refuses unknown fields, at any depth, naming them'),
      COLUMNS,
    ],
  },
  {
    id: 'no-content-in-logs',
    says: 'Message, contact and receipt code never in the logs, nor readable in any data file.',
    proofs: [
      LOG_CLEAN,
      DATA_DIR_CLEAN,
      {
        file: 'tests/unit/intake/api-fuzz.test.ts',
        name: 'answers 503 (never 500) when the database fails, and says so in one log line without content',
      },
      mine('ask-model.test.ts', 'answers 503 with the form kept when the database fails'),
    ],
  },
  {
    id: 'retention',
    says: 'Content deleted 90 days after closing or withdrawal and at most 365 days after sending, by default; the ask page states the periods in force.',
    proofs: [
      followUp('purges exactly what is due: N days after closing or withdrawal, and at the maximum age'),
      followUp('runs on a schedule and can be stopped'),
      mine(
        'privacy-proofs.test.ts',
        'keeps content 90 days after a request closes and at most 365 days after it was sent, by default',
      ),
      EVERY_SCREEN,
    ],
  },
  {
    id: 'staff-only',
    says: 'Only the staff of the point holding a request read its content; provincial administrators see counts, not content.',
    proofs: [
      ACCEPTED,
      mine('track-model.test.ts', 'shows the case for its code, however it is typed, without the first message'),
      CONSOLE_VIEW,
      console_('refuses every action from staff of another point, changing nothing'),
      {
        file: 'tests/e2e/console-security.spec.ts',
        name: '${route.pattern} (${example.about}): each principal gets what the rules say',
      },
    ],
  },
  {
    id: 'views-audited',
    says: 'Each time staff open a request, the audit log records who and when; nobody can change or delete the log.',
    proofs: [CONSOLE_VIEW, console_('keeps the audit log append-only and free of free text')],
  },
  {
    id: 'notice-no-content',
    says: 'The notice to a point says a request arrived and links to the console; no content, contact or receipt code.',
    proofs: [
      ACCEPTED,
      templates('refuse a parameter the template does not name (e.g. the request text)'),
      privacy('finds no marker in the mail files (the .eml notices), when the worker wrote any'),
      JOURNEY_NO_JS,
    ],
  },
  {
    id: 'code-holder',
    says: 'The code shows status, point, messages and replies, not the first message or contact; wrong codes get one answer; 10 look-ups per 10 minutes.',
    proofs: [
      followUp('shows the status, the point and the conversation for the right code, however it is typed'),
      followUp('gives the same null for malformed, unknown, other-installation and purged codes'),
      mine('track-model.test.ts', 'shows the case for its code, however it is typed, without the first message'),
      mine(
        'track-model.test.ts',
        'answers a wrong code the same way whatever is wrong with it, keeping what was typed',
      ),
      mine('track-model.test.ts', 'needs a proof for every look-up, and counts each against the track limiter'),
      {
        file: 'tests/unit/anti-abuse/rate-limits.test.ts',
        name: 'allow 5 requests per 10 minutes and 20 per day, 10 look-ups per 10 minutes and 10 reports per hour',
      },
    ],
  },
  {
    id: 'law-drugs',
    says: 'Law 120/2025/QH15, in force 1 July 2026: people under management declare to the commune police during management, families give information; asking here is not a declaration; the portal holds only what is listed, but staff read the message and a contact may identify; whether staff must report is unknown; no promise beyond the law.',
    law: 'Law on Drug Prevention and Control No. 120/2025/QH15: passed 10 Dec 2025, in force 1 Jul 2026; the duty to declare is on people under management, during management, and families give information when asked (content/review/law.md §4.2–4.3); no rule seen on whether counselling staff must report (§9, checked 2026-12-06); "never promise more confidentiality than the law allows".',
    proofs: [
      schema('needs only who, where, what help and an age band'),
      privacy('finds no marker, no client address and no user agent in a dump of every table'),
    ],
  },
  {
    id: 'law-personal-data',
    says: 'Law 91/2025/QH15, in force 1 January 2026: health data is sensitive; the rights it gives; the receipt code is how a requester uses them.',
    law: 'Law on Personal Data Protection No. 91/2025/QH15: in force 1 Jan 2026; health data is sensitive; rights to know, consent or refuse, withdraw consent, access, correct, ask for deletion (confirmed).',
    proofs: [JOURNEY_JS, followUp('deletes the payload, the messages and the notices at once, and records the change')],
  },
  {
    id: 'processors',
    says: 'Resend (when used) receives staff notices without content and, only for someone who left an e-mail, a reply notice without content or code; recipients are encrypted.',
    proofs: [
      templates('accept no parameter at all in a reply notice, so no receipt code can reach one'),
      templates('link a reply notice to the follow-up page of its language'),
      { file: 'tests/unit/outbox/message.test.ts', name: 'refuses a new-case notice to a requester' },
      {
        file: 'tests/unit/outbox/enqueue.test.ts',
        name: 'keeps the recipient address and the parameters out of the stored bytes',
      },
      { file: 'tests/unit/outbox/boot.test.ts', name: 'is Resend when RESEND_API_KEY is set' },
      { file: 'tests/unit/outbox/boot.test.ts', name: 'writes .eml files when RESEND_API_KEY is unset' },
    ],
  },
  {
    id: 'withdraw',
    says: 'Withdrawing with the code deletes the message, contact and messages at once and cancels unsent notices.',
    proofs: [
      followUp('deletes the payload, the messages and the notices at once, and records the change'),
      mine(
        'track-model.test.ts',
        'asks for confirmation before withdrawing, reading nothing, then deletes the content at once',
      ),
      JOURNEY_NO_JS,
    ],
  },
];

const PAGES = { vi: 'src/features/site/copy/privacy.vi.md', en: 'src/features/site/copy/privacy.en.md' } as const;
const page = (lang: keyof typeof PAGES) => readFileSync(join(repoRoot, PAGES[lang]), 'utf8');
const claimIds = (text: string) => [...text.matchAll(/<!-- claim:([a-z-]+) -->/g)].map((match) => match[1]);

describe('the privacy page’s claims', () => {
  it('are the same in Vietnamese and English, once each, and each is listed here', () => {
    const vi = claimIds(page('vi'));
    const en = claimIds(page('en'));
    expect(vi).toEqual(en);
    expect(new Set(vi).size).toBe(vi.length);
    expect([...vi].sort()).toEqual(CLAIMS.map((claim) => claim.id).sort());
  });

  it('each name tests that exist, in files that exist', () => {
    for (const claim of CLAIMS) {
      expect(claim.proofs.length, claim.id).toBeGreaterThan(0);
      for (const proof of claim.proofs) {
        const path = join(repoRoot, proof.file);
        expect(existsSync(path), `${claim.id}: ${proof.file}`).toBe(true);
        const source = readFileSync(path, 'utf8');
        const quoted = [`'${proof.name}'`, `"${proof.name}"`, `\`${proof.name}\``];
        expect(
          quoted.some((form) => source.includes(form)),
          `${claim.id}: “${proof.name}” in ${proof.file}`,
        ).toBe(true);
      }
    }
  });

  it('wait for no feature still being built (the console, issue 6, has landed)', () => {
    expect(CLAIMS.filter((claim) => claim.pending !== undefined).map((claim) => claim.id)).toEqual([]);
  });

  it('state the law as far as it is confirmed, and no further', () => {
    // Line breaks in the Markdown source are spaces on the page.
    const vi = page('vi').replace(/\s+/g, ' ');
    const en = page('en').replace(/\s+/g, ' ');
    for (const text of [
      '120/2025/QH15',
      'có hiệu lực từ ngày 1/7/2026',
      '91/2025/QH15',
      'có hiệu lực từ ngày 1/1/2026',
      'công an cấp xã',
      'Chúng tôi không hứa bảo mật nhiều hơn mức pháp luật cho phép.',
    ]) {
      expect(vi).toContain(text);
    }
    for (const text of [
      '120/2025/QH15',
      'in force since 1 July 2026',
      '91/2025/QH15',
      'in force since 1 January 2026',
      'commune police',
      'We never promise more confidentiality than the law allows.',
    ]) {
      expect(en).toContain(text);
    }
    // Details the facts file marks as unconfirmed or not to be stated: none of them appear.
    for (const unconfirmed of [
      '24 giờ',
      'giám sát điện tử',
      'Nghị định',
      'đường dây nóng',
      '0769',
      'cơ sở cai nghiện tư nhân',
    ])
      expect(vi).not.toContain(unconfirmed);
    for (const unconfirmed of ['24 hours', 'electronic monitoring', 'Decree', 'hotline', '0769', 'private rehab'])
      expect(en).not.toContain(unconfirmed);
    expect(CLAIMS.filter((claim) => claim.law !== undefined).map((claim) => claim.id)).toEqual([
      'law-drugs',
      'law-personal-data',
    ]);
  });
});

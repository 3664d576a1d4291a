import { createDecipheriv, randomUUID } from 'node:crypto';
import { getTableColumns } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { caseEvents, caseHandovers, caseMessages, caseNotes, cases } from '#src/db/schema/index.ts';
import { loadEnv } from '#src/env.server.ts';
import { seal } from '#src/features/crypto/field-encryption.server.ts';
import { caseMessageContext, sealCasePayload } from '#src/features/intake/case-store.server.ts';
import { testKeyring } from '../../setup/solve-pow.ts';

// Proofs of statements on the privacy page that no other test states on its own (see privacy-claims.test.ts).

/** Opens a sealed value with nothing but Node's AES-256-GCM: version | key id (8) | IV (12) | tag (16) | ciphertext. */
function openIndependently(sealed: Uint8Array, key: Buffer, context: string): string {
  const bytes = Buffer.from(sealed);
  const iv = bytes.subarray(9, 21);
  const tag = bytes.subarray(21, 37);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(bytes.subarray(37)), decipher.final()]).toString('utf8');
}

describe('what the privacy page says about storage', () => {
  it('seals the message, the contact and the replies with AES-256-GCM under a 256-bit key', () => {
    const keyring = testKeyring();
    expect(keyring.current.key).toHaveLength(32);
    const caseId = randomUUID();
    const payload = {
      message: 'Con tôi dạo này hay bỏ học',
      contact: { kind: 'zalo' as const, value: '0912345678' },
      preferredTime: 'evening' as const,
    };
    const sealed = sealCasePayload(keyring, caseId, payload);
    expect(sealed).not.toBeNull();
    expect(JSON.parse(openIndependently(sealed!, keyring.current.key, `case:${caseId}:payload`))).toMatchObject(
      payload,
    );
    const messageId = randomUUID();
    const reply = seal(keyring, 'Chào bạn, điểm đã nhận yêu cầu.', caseMessageContext(messageId));
    expect(openIndependently(reply, keyring.current.key, caseMessageContext(messageId))).toBe(
      'Chào bạn, điểm đã nhận yêu cầu.',
    );
  });

  it('keeps a case in columns that hold no name, address, position, IP address or user agent; its content only as ciphertext bytes', () => {
    const forbidden =
      /(^|_)(name|address|ip|user_agent|agent|lat|lon|latitude|longitude|position|phone|email|contact|message|text)(_|$)/;
    for (const table of [cases, caseEvents, caseMessages, caseNotes, caseHandovers]) {
      for (const column of Object.values(getTableColumns(table)))
        expect(column.name, column.name).not.toMatch(forbidden);
    }
    const columns = Object.values(getTableColumns(cases));
    // The only text kept in clear: codes from the shared lists, place codes, the key id and the language.
    expect(
      columns
        .filter((column) => column.getSQLType() === 'text')
        .map((column) => column.name)
        .sort(),
    ).toEqual(
      [
        'age_band',
        'commune_code',
        'help_wanted',
        'lang',
        'outcome',
        'province_code',
        'receipt_key_id',
        'requester_kind',
        'routing_reason',
        // The console's safeguarding flag: a code of the shared list (child at risk, life in danger).
        'safeguarding',
        'status',
      ].sort(),
    );
    expect(getTableColumns(cases).payload.getSQLType()).toBe('bytea');
    expect(getTableColumns(cases).receiptHash.getSQLType()).toBe('bytea');
    expect(getTableColumns(caseMessages).body.getSQLType()).toBe('bytea');
    expect(getTableColumns(caseNotes).body.getSQLType()).toBe('bytea');
  });

  it('keeps content 90 days after a request closes and at most 365 days after it was sent, by default', () => {
    const env = loadEnv({});
    expect(env.retentionDaysAfterClose).toBe(90);
    expect(env.retentionMaxAgeDays).toBe(365);
  });
});

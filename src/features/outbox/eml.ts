import type { OutgoingMail } from './transport.ts';

/**
 * Formats an e-mail as an RFC 5322 message (MIME multipart/alternative: plain text and HTML, UTF-8, base64), with CRLF
 * line ends. Non-ASCII header text uses RFC 2047 encoded words. The id is the Message-ID's local part.
 *
 * A requester's address is never written into the file: the .eml files are a local copy kept in DATA_DIR, and an
 * address a requester left for notices is personal data the portal keeps only sealed (DESIGN.md). Their `To` is
 * "undisclosed-recipients", and a header says why; staff and administrators' work addresses are written as they are.
 */
export function formatEml(mail: OutgoingMail): string {
  const boundary = `=_hotro_${mail.id}`;
  const { name, address } = parseMailbox(mail.from);
  const domain = address.split('@')[1] ?? 'localhost';
  const headers = [
    `From: ${name === '' ? address : `${encodeHeaderText(name, 'From: '.length)} <${address}>`}`,
    ...(mail.recipientKind === 'requester'
      ? ['To: undisclosed-recipients:;', 'X-Hotro-Recipient: requester (address withheld from this copy)']
      : [`To: ${mail.to}`]),
    `Subject: ${encodeHeaderText(mail.subject, 'Subject: '.length)}`,
    `Date: ${mail.date.toUTCString().replace(/GMT$/, '+0000')}`,
    `Message-ID: <${mail.id}@${domain}>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/alternative;\r\n boundary="${boundary}"`,
  ];
  const part = (type: string, body: string) => [
    `--${boundary}`,
    `Content-Type: ${type}; charset=utf-8`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(body),
  ];
  return [
    ...headers,
    '',
    ...part('text/plain', mail.text),
    ...part('text/html', mail.html),
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

/** `Name <address>` → name and address; a bare address has an empty name. */
export function parseMailbox(mailbox: string): { name: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(mailbox);
  if (!match) return { name: '', address: mailbox.trim() };
  return { name: (match[1] ?? '').replace(/^"|"$/g, ''), address: (match[2] ?? '').trim() };
}

const PLAIN_HEADER = /^[\x20-\x7e]*$/;

/** Header text as is when plain ASCII and short; otherwise RFC 2047 "B" encoded words, folded onto lines. */
function encodeHeaderText(value: string, used: number): string {
  if (PLAIN_HEADER.test(value) && used + value.length <= 78) return value;
  // An encoded word is at most 75 characters and a line should stay under 78: 39 bytes of UTF-8 give 52 base64
  // characters, 64 with the markers. Split on whole characters so no word ends inside a multi-byte sequence.
  const words: string[] = [];
  let chunk = '';
  for (const char of value) {
    if (Buffer.byteLength(chunk + char, 'utf8') > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk !== '') words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
}

function base64Lines(body: string): string {
  const encoded = Buffer.from(body, 'utf8').toString('base64');
  return encoded.match(/.{1,76}/g)?.join('\r\n') ?? '';
}

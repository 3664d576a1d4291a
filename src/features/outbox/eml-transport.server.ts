import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatEml } from './eml.ts';
import { errorClass, type MailTransport, type SendResult } from './transport.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Writes each e-mail as `<dir>/<row id>.eml` (RFC 5322), mode 0600, in a folder of mode 0700: the local transport when
 * RESEND_API_KEY is unset (`dir` is `$DATA_DIR/mail`). Idempotent: the file appears whole or not at all (written
 * aside, then hard-linked into place), and a second write of the same row keeps the first file.
 */
export function createEmlTransport(options: { readonly dir: string; readonly timeoutMs?: number }): MailTransport {
  return {
    name: 'eml',
    // A local write takes milliseconds; this only bounds how much lease the worker keeps in hand.
    timeoutMs: options.timeoutMs ?? 1_000,
    async send(mail): Promise<SendResult> {
      if (!UUID.test(mail.id)) return { ok: false, retryable: false, error: 'bad_id' };
      const file = join(options.dir, `${mail.id}.eml`);
      const aside = join(options.dir, `.${mail.id}.${randomUUID()}.tmp`);
      try {
        await mkdir(options.dir, { recursive: true, mode: 0o700 });
        await writeFile(aside, formatEml(mail), { mode: 0o600, flag: 'wx' });
        await chmod(aside, 0o600);
        await placeOnce(aside, file);
        return { ok: true, providerId: `${mail.id}.eml` };
      } catch (error) {
        const code =
          error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : 'io_error';
        return { ok: false, retryable: true, error: errorClass(`fs:${code}`) };
      } finally {
        await unlink(aside).catch(() => undefined);
      }
    },
  };
}

async function placeOnce(aside: string, file: string): Promise<void> {
  try {
    await link(aside, file);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    // Already written by an earlier attempt: keep that one.
    if (code === 'EEXIST') return;
    // A file system without hard links: an atomic rename still leaves one whole file.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
      await rename(aside, file);
      return;
    }
    throw error;
  }
}

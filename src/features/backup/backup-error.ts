import { AppError } from '#src/lib/errors.ts';

/** A backup or restore that cannot run or failed; the message is one plain line an operator can act on. */
export class BackupError extends AppError {
  override name = 'BackupError';
}

import { AppError } from '#src/lib/errors.ts';

/** Content that cannot be published as it is (unpaired translations, a broken source registry). One line per problem. */
export class ContentError extends AppError {
  override name = 'ContentError';
}

/**
 * The project's error classes. Every error thrown for a misconfiguration or an unusable environment is an `AppError`
 * whose `message` is one line a person can act on, so a start script can print `error.message` and exit 1 without a
 * stack trace.
 */

/** Base class of every error the project throws on purpose. `name` is set explicitly on each subclass because
 * bundlers rename classes, and logs and tests rely on the name. */
export class AppError extends Error {
  override name = 'AppError';
}

/** One wrongly set environment variable (or several, joined in one line by "; "). */
export class EnvError extends AppError {
  override name = 'EnvError';
  /** Each problem found, with the variable it concerns. */
  readonly issues: readonly EnvIssue[];

  constructor(issues: readonly EnvIssue[]) {
    super(issues.map((issue) => issue.message).join('; '));
    this.issues = issues;
  }
}

/** A problem with one environment variable; `message` names the variable. */
export interface EnvIssue {
  readonly variable: string;
  readonly message: string;
}

/** DATA_DIR cannot be created or written, or another process holds it. */
export class DataDirError extends AppError {
  override name = 'DataDirError';
}

/** The database cannot be reached or opened (bad URL, server down, wrong credentials, missing database). */
export class DatabaseConnectionError extends AppError {
  override name = 'DatabaseConnectionError';
}

/** Migrations could not be read or applied. */
export class MigrationError extends AppError {
  override name = 'MigrationError';
}

/** A file the project needs to locate itself (package.json, migrations folder) cannot be found. */
export class ProjectLayoutError extends AppError {
  override name = 'ProjectLayoutError';
}

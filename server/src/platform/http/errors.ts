import { ERROR_STATUS, type ErrorCode, type ValidationIssue } from '@liaison/contracts';

/**
 * The one error type services throw. The HTTP layer turns it into
 * `{"error":{"code","message","details"}}` with the status fixed by the code.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.details = details;
    this.headers = headers;
  }
}

/** Factories, so every place that fails the same way says it the same way. */
export const errors = {
  validation: (issues: ValidationIssue[], message = 'The request is not valid.') =>
    new AppError('validation_failed', message, issues),
  invalidField: (path: string, message: string) =>
    new AppError('validation_failed', 'The request is not valid.', [{ path, message }]),
  malformed: (message: string) => new AppError('malformed_request', message),
  unauthenticated: () => new AppError('unauthenticated', 'Sign in to continue.'),
  invalidCredentials: () => new AppError('invalid_credentials', 'The username or password is incorrect.'),
  forbidden: (message = 'You do not have permission to do this.') => new AppError('forbidden', message),
  csrf: () => new AppError('csrf_failed', 'Missing or invalid CSRF token; reload the page and try again.'),
  passwordChangeRequired: () =>
    new AppError('password_change_required', 'Choose a new password before continuing.'),
  sessionRequired: (message = 'Sign in with your password to do this; an API token cannot.') =>
    new AppError('session_required', message),
  notFound: (what: string) => new AppError('not_found', `${what} not found.`),
  conflict: (message: string, details?: unknown) => new AppError('conflict', message, details),
  policyBlocked: (message: string, details: unknown) => new AppError('policy_blocked', message, details),
  policyConfirmationRequired: (message: string, details: unknown) =>
    new AppError('policy_confirmation_required', message, details),
  tooManyAttempts: (
    retryAfterSeconds: number,
    message = 'Too many failed sign-in attempts; try again later.',
  ) =>
    new AppError(
      'too_many_attempts',
      message,
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
} as const;

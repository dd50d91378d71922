import { ERROR_STATUS, type ErrorCode, type ValidationIssue } from '@liaison/contracts';
import { isText, type Locale, type Text, text, translate } from '../i18n/i18n.ts';

/**
 * What an error says: a catalogue text (translated for whoever reads the reply), or — for what is
 * not yet in the catalogue — plain English.
 */
export type ErrorMessage = Text | string;

/**
 * The one error type services throw. The HTTP layer turns it into
 * `{"error":{"code","message","details"}}` with the status fixed by the code and the message in the
 * reader's language (`messageIn`). `message` stays English, for logs.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /** Extra response headers, e.g. Retry-After. */
  readonly headers: Record<string, string>;

  /** The catalogue text behind the message, when there is one. */
  readonly text: Text | null;
  /** Validation issues whose message is a catalogue text, as given (`details` holds them in English). */
  readonly #issues: readonly { path: string; message: ErrorMessage }[] | null;

  constructor(
    code: ErrorCode,
    message: ErrorMessage,
    details?: unknown,
    headers: Record<string, string> = {},
  ) {
    super(translate('en-US', message));
    this.text = isText(message) ? message : null;
    this.name = 'AppError';
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.#issues = isIssueList(details) && details.some((i) => isText(i.message)) ? details : null;
    // Logs and the CLI read `details` directly: they get the English.
    this.details = this.#issues ? issuesIn('en-US', this.#issues) : details;
    this.headers = headers;
  }

  /** `details` for a reader of this language (validation issues worded from the catalogue). */
  detailsIn(locale: Locale): unknown {
    return this.#issues ? issuesIn(locale, this.#issues) : this.details;
  }

  /** The message for a reader of this language. */
  messageIn(locale: Locale): string {
    return this.text ? translate(locale, this.text) : this.message;
  }
}

function isIssueList(value: unknown): value is { path: string; message: ErrorMessage }[] {
  return (
    Array.isArray(value) &&
    value.every(
      (i) => typeof i === 'object' && i !== null && typeof (i as { path?: unknown }).path === 'string',
    )
  );
}

function issuesIn(locale: Locale, issues: readonly { path: string; message: ErrorMessage }[]) {
  return issues.map((i) => ({ ...i, message: translate(locale, i.message) }));
}

/** `what` for not-found messages: a noun from the catalogue (`nouns.team`) or a text. */
type What = Text | string;

/** Factories, so every place that fails the same way says it the same way. */
export const errors = {
  validation: (issues: ValidationIssue[], message: ErrorMessage = text('errors.validation')) =>
    new AppError('validation_failed', message, issues),
  /** One field is wrong: `message` says why under that field (a catalogue text, or technical English). */
  invalidField: (path: string, message: ErrorMessage) =>
    new AppError('validation_failed', text('errors.validation'), [{ path, message }]),
  malformed: (message: ErrorMessage = text('errors.malformed')) => new AppError('malformed_request', message),
  unauthenticated: () => new AppError('unauthenticated', text('errors.unauthenticated')),
  invalidCredentials: () => new AppError('invalid_credentials', text('errors.invalidCredentials')),
  forbidden: (message: ErrorMessage = text('errors.forbidden')) => new AppError('forbidden', message),
  csrf: () => new AppError('csrf_failed', text('errors.csrf')),
  passwordChangeRequired: () =>
    new AppError('password_change_required', text('errors.passwordChangeRequired')),
  sessionRequired: (message: ErrorMessage = text('errors.sessionRequired')) =>
    new AppError('session_required', message),
  notFound: (what: What) =>
    new AppError('not_found', isText(what) ? text('errors.notFound', { what }) : `${what} not found.`),
  conflict: (message: ErrorMessage, details?: unknown) => new AppError('conflict', message, details),
  policyBlocked: (message: ErrorMessage, details: unknown) =>
    new AppError('policy_blocked', message, details),
  policyConfirmationRequired: (message: ErrorMessage, details: unknown) =>
    new AppError('policy_confirmation_required', message, details),
  tooManyAttempts: (retryAfterSeconds: number, message: ErrorMessage = text('errors.tooManyAttempts')) =>
    new AppError(
      'too_many_attempts',
      message,
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
} as const;

import { z } from 'zod';

/**
 * The closed set of error codes the API answers with. Clients switch on `code`, never on
 * `message` (which is human text and may be translated). Adding a code is an API change.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  malformed_request: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  password_change_required: 403,
  /** Only a signed-in browser session (with its CSRF token) may do this, never an API token. */
  session_required: 403,
  not_found: 404,
  conflict: 409,
  /** A `warn` policy matched: resend with `confirm: true` (and a justification when asked). */
  policy_confirmation_required: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A `block` policy matched; details name the rules and kinds, never the matched values. */
  policy_blocked: 422,
  too_many_attempts: 429,
  rate_limited: 429,
  internal_error: 500,
  service_unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ERROR_CODES = Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]];
export const ErrorCodeSchema = z.enum(ERROR_CODES);

export const ErrorBody = z
  .object({
    error: z.object({
      code: ErrorCodeSchema,
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorBody>;

/** One entry of `details` for `validation_failed`: where the input was wrong and why. */
export const ValidationIssue = z.object({
  path: z.string(),
  message: z.string(),
});
export type ValidationIssue = z.infer<typeof ValidationIssue>;

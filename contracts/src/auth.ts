import { z } from 'zod';
import { Id, NewPassword, nameText, Str, Timestamp } from './common.ts';
import { Grants } from './permissions.ts';
import { User } from './users.ts';

export const LoginRequest = z.strictObject({
  username: Str.trim().min(1).max(64),
  password: Str.min(1).max(256),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who the caller is and what they may do; the web builds its menus from `grants`. */
export const Me = z
  .object({
    user: User,
    grants: Grants,
    /** Send back as the `x-csrf-token` header on every cookie-authenticated change. */
    csrfToken: z.string().nullable(),
    authMethod: z.enum(['session', 'token']),
    mustChangePassword: z.boolean(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: Str.min(1).max(256),
  newPassword: NewPassword,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const SessionInfo = z.object({
  id: Id,
  createdAt: Timestamp,
  lastSeenAt: Timestamp,
  expiresAt: Timestamp,
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    /** The first characters of the secret, so a user can tell tokens apart. */
    prefix: z.string(),
    createdAt: Timestamp,
    expiresAt: Timestamp.nullable(),
    lastUsedAt: Timestamp.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const CreateTokenRequest = z.strictObject({
  name: nameText(64),
  /** Days until the token stops working; omit or null for a token that never expires. */
  expiresInDays: z.number().int().min(1).max(3650).nullable().optional(),
});
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const CreatedToken = z.object({
  token: ApiToken,
  /** Shown once; only its hash is stored. */
  secret: z.string(),
});
export type CreatedToken = z.infer<typeof CreatedToken>;

/**
 * An account name's sign-in throttling as administrators see it (用户管理 → 登录保护). Every address
 * that failed for this name recently is listed; those with `retryAfterSeconds > 0` must wait.
 */
export const SignInThrottle = z
  .object({
    /** Failed sign-ins of this name in the current hour, from every address. */
    recentFailures: z.number().int(),
    /** So many that every address now gets one free attempt before waiting. */
    burst: z.boolean(),
    sources: z.array(
      z.object({
        /** The client address (IPv6 by its /64). */
        address: z.string(),
        /** Consecutive failures from this address. */
        failures: z.number().int(),
        lastFailedAt: Timestamp,
        /** The address itself failed so often (for any names) that its attempts are slowed. */
        addressBurst: z.boolean(),
        retryAfterSeconds: z.number().int(),
      }),
    ),
    /** Wrong current passwords on the password-change route (its own count; sign-in is unaffected). */
    passwordChange: z
      .object({ failures: z.number().int(), lastFailedAt: Timestamp, retryAfterSeconds: z.number().int() })
      .nullable(),
  })
  .meta({ id: 'SignInThrottle' });
export type SignInThrottle = z.infer<typeof SignInThrottle>;

export const LiftedSignInThrottle = z.object({
  /** Counters removed: waiting addresses, the hour's count and the password-change count. */
  lifted: z.number().int(),
});
export type LiftedSignInThrottle = z.infer<typeof LiftedSignInThrottle>;

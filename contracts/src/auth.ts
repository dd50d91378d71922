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

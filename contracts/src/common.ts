import { z } from 'zod';

/**
 * Every entity id is a UUID (version 7, so ids sort by creation time), lower-cased on the way in
 * so an id typed in capitals finds the same record on both databases.
 */
export const Id = z.uuid().toLowerCase();
export const IdParams = z.strictObject({ id: Id });

/** Instants travel as ISO 8601 UTC strings with milliseconds, e.g. 2026-11-21T08:00:00.000Z. */
export const Timestamp = z.iso.datetime({ offset: true });

export const Locale = z.enum(['zh-CN', 'en-US']);
export type Locale = z.infer<typeof Locale>;

/** A trimmed, non-empty line of text with an upper bound; every free-text field has one. */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** Offset paging for administrative lists, which stay small enough to count. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/** A short reference to a person, embedded wherever a record points at a user. */
export const UserRef = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
  })
  .meta({ id: 'UserRef' });
export type UserRef = z.infer<typeof UserRef>;

/** Passwords: 10 to 256 characters, with letters and at least one digit or symbol. */
export const NewPassword = z
  .string()
  .min(10)
  .max(256)
  .refine((p) => /\p{L}/u.test(p) && /[^\p{L}]/u.test(p), {
    message: 'must contain letters and at least one digit or symbol',
  });

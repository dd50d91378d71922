import { z } from 'zod';

/**
 * Every entity id is a UUID (version 7, so ids sort by creation time), lower-cased on the way in
 * so an id typed in capitals finds the same record on both databases.
 */
export const Id = z.uuid().toLowerCase();
export const IdParams = z.strictObject({ id: Id });

/**
 * Text that both databases store alike. PostgreSQL refuses NUL in text and refuses a lone UTF-16
 * surrogate (it cannot be written as UTF-8), where SQLite would quietly keep or replace them; so
 * the contract refuses both, and a request fails the same way — 400 — on either database.
 */
export function isStorable(value: string): boolean {
  return !value.includes('\u0000') && value.isWellFormed();
}

/**
 * Characters that change how text is shown without being seen: bidirectional overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069, marks), zero-width spaces and joiners, the BOM, soft
 * hyphens — Unicode's format category (Cf) — and line or paragraph separators. In a name they let
 * `合同\u202Excod.txt` show as `合同txt.docx`.
 */
const HIDDEN_FORMATTING = /[\p{Cf}\u2028\u2029]/gu;

export function hasHiddenFormatting(value: string): boolean {
  HIDDEN_FORMATTING.lastIndex = 0;
  return HIDDEN_FORMATTING.test(value);
}

/** The name with every hidden formatting character removed (for names we cannot refuse, e.g. uploads). */
export function stripHiddenFormatting(value: string): string {
  return value.replace(HIDDEN_FORMATTING, '');
}

/** The base of every string a request carries (see `isStorable`). */
export const Str = z.string().refine(isStorable, {
  message: 'contains a character that cannot be stored (NUL or an unpaired surrogate)',
});

/** The range of instants and dates both databases hold and a business could mean. */
export const EARLIEST_INSTANT = '1900-01-01T00:00:00.000Z';
export const LATEST_INSTANT = '9999-12-31T23:59:59.999Z';
const inRange = (ms: number) => ms >= Date.parse(EARLIEST_INSTANT) && ms <= Date.parse(LATEST_INSTANT);

/**
 * Instants travel as ISO 8601 strings, e.g. 2026-11-21T08:00:00.000Z; an offset is accepted on the
 * way in. Instants outside 1900–9999 (UTC) are refused: PostgreSQL has no year 0, and a far date
 * typed by mistake should not become a deadline.
 */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine((v) => inRange(Date.parse(v)), { message: 'must be between the years 1900 and 9999' });

/** A calendar date (YYYY-MM-DD), a real day between the years 1900 and 9999. */
export const DateOnly = z.iso.date().refine((v) => inRange(Date.parse(`${v}T00:00:00Z`)), {
  message: 'must be between the years 1900 and 9999',
});

/** A calendar month (YYYY-MM), between the years 1900 and 9999. */
export const Month = Str.regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'use YYYY-MM').refine((v) => v >= '1900-01', {
  message: 'must be between the years 1900 and 9999',
});

export const Locale = z.enum(['zh-CN', 'en-US']);
export type Locale = z.infer<typeof Locale>;

/** A trimmed, non-empty line of text with an upper bound; every free-text field has one. */
export const text = (max: number) => Str.trim().min(1).max(max);

/**
 * A name or title people pick things by — a display name, a channel, a file, a task: like `text`,
 * and without hidden formatting characters (see `HIDDEN_FORMATTING`), which are refused.
 */
export const nameText = (max: number) =>
  text(max).refine((v) => !hasHiddenFormatting(v), {
    message: 'contains invisible or text-direction characters',
  });

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
export const NewPassword = Str.min(10)
  .max(256)
  .refine((p) => /\p{L}/u.test(p) && /[^\p{L}]/u.test(p), {
    message: 'must contain letters and at least one digit or symbol',
  });

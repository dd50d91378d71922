import type { Locale } from '@liaison/contracts';
import { enUS, type Messages, zhCN } from './catalogue/index.ts';
import type { Leaves } from './catalogue-types.ts';

export type { Locale };
export const LOCALES: readonly Locale[] = ['zh-CN', 'en-US'];
/** What a reader gets when nothing says otherwise: the organisation works in Chinese. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

export type MessageKey = Leaves<Messages>;

/**
 * A value put into a text. An instant is formatted for the reader (their language, the
 * organisation's zone); a nested text is translated into the reader's language too, so a notice can
 * say 团队「市场部」/ "your team" without the caller knowing who reads it.
 */
export type Param = string | number | Instant | Text;
export interface Instant {
  at: string;
  zone: string;
  /** `short`: 12月7日 14:30 / Dec 7, 14:30 (default); `date`: 2026年12月7日 / Dec 7, 2026. */
  style?: 'short' | 'date';
}

/**
 * Text written for a reader not yet known: a catalogue key and its parameters. Services build it;
 * whoever knows the reader (the HTTP reply, the notice renderer, the mailer) turns it into words.
 */
export interface Text {
  key: MessageKey;
  params?: Readonly<Record<string, Param>>;
}

export function text(key: MessageKey, params?: Readonly<Record<string, Param>>): Text {
  return params ? { key, params } : { key };
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).key === 'string';
}

const CATALOGUES: Record<Locale, unknown> = { 'zh-CN': zhCN, 'en-US': enUS };

function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = CATALOGUES[locale];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? node : undefined;
}

const FORMATS = new Map<string, Intl.DateTimeFormat>();
function formatInstant(locale: Locale, value: Instant): string {
  const style = value.style ?? 'short';
  const id = `${locale}|${value.zone}|${style}`;
  let format = FORMATS.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      timeZone: value.zone,
      ...(style === 'date'
        ? { year: 'numeric', month: 'long', day: 'numeric' }
        : { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
    });
    FORMATS.set(id, format);
  }
  return format.format(new Date(value.at));
}

function renderParam(locale: Locale, value: Param): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return value.toLocaleString(locale);
  if (isText(value)) return translate(locale, value);
  return formatInstant(locale, value);
}

/**
 * The text in the reader's language. A key missing from a catalogue (impossible once the types
 * check) falls back to Chinese, then to the key itself, so a reader never gets nothing.
 */
export function translate(locale: Locale, message: Text | string): string {
  if (typeof message === 'string') return message;
  const template = lookup(locale, message.key) ?? lookup(DEFAULT_LOCALE, message.key) ?? message.key;
  const params = message.params;
  if (!params) return template;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : renderParam(locale, value);
  });
}

/**
 * The language an anonymous request asks for (`Accept-Language`, RFC 9110 §12.5.4): the first of
 * ours by quality, matching on the primary tag (`en-GB` reads en-US, `zh-TW` reads zh-CN).
 */
export function negotiateLocale(header: string | undefined | null): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranges = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => a.trim()).find((a) => a.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranges) {
    if (tag === '*') return DEFAULT_LOCALE;
    const exact = LOCALES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const primary = LOCALES.find((l) => l.slice(0, 2).toLowerCase() === tag.slice(0, 2));
    if (primary) return primary;
  }
  return DEFAULT_LOCALE;
}

/** Every key of the catalogue with its template in one language (for the catalogue test). */
export function flatten(locale: Locale): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (node: unknown, prefix: string) => {
    for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(path, v);
      else walk(v, path);
    }
  };
  walk(CATALOGUES[locale], '');
  return out;
}

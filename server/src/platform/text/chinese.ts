import { pinyin } from 'pinyin-pro';

const HAN = /\p{Script=Han}/u;

/**
 * How a Chinese reader finds and orders people: by pinyin (张伟 → "zhang wei", sorting between
 * 张三 and 赵六) and by initials (zw). Surnames use their surname readings (单 → shan).
 * Non-Chinese names are kept as they are, lower-cased.
 */
export function pinyinOf(name: string): { sortKey: string; full: string; initials: string } {
  if (!HAN.test(name)) {
    const lower = name.toLowerCase();
    return { sortKey: lower, full: lower.replace(/\s+/g, ''), initials: '' };
  }
  const syllables = pinyin(name, {
    toneType: 'none',
    type: 'array',
    surname: 'head',
    nonZh: 'consecutive',
  }).map((s) => s.toLowerCase().trim());
  return {
    sortKey: syllables.join(' '),
    full: syllables.join(''),
    initials: syllables.map((s) => s[0] ?? '').join(''),
  };
}

/** The lower-cased haystack a people search matches against (name, pinyin, initials, and extras). */
export function searchTextOf(name: string, extras: readonly (string | null | undefined)[]): string {
  const { full, initials } = pinyinOf(name);
  return [name, full, initials, ...extras]
    .filter((s): s is string => !!s)
    .map((s) => s.toLowerCase())
    .join('|');
}

/** Normalises what someone typed into a people search: lower case, no spaces ("Zhang Wei" → "zhangwei"). */
export function normaliseSearch(q: string): string {
  return q.toLowerCase().replace(/\s+/g, '');
}

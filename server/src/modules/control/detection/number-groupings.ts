/**
 * How people write the identifiers the built-in detectors know when they split them into groups
 * (110105 19491231 002X, 138-1234-5678, 6222 0212 3456 7890 128): the lengths of the groups, in
 * letters and digits, between one kind of separator. A written-out number is read as one number
 * only in one of these shapes, and only if the joined characters then pass the identifier's own
 * validation (check character, Luhn, GB 32100, a mobile prefix): other runs of digit groups —
 * dates, amounts, order and version numbers, tables — stay what they are.
 */
export const GROUPINGS: readonly (readonly number[])[] = [
  // Mobiles: 3-4-4 and 7-4.
  [3, 4, 4],
  [7, 4],
  // 居民身份证: region, birth date, sequence and check character; and in fours after the region.
  [6, 8, 4],
  [6, 4, 4, 4],
  // First-generation 15-digit number: region, YYMMDD, sequence.
  [6, 6, 3],
  // 统一社会信用代码 by its parts: authority and type, region, organisation code, check character.
  [2, 6, 9, 1],
  [2, 6, 10],
  // Amex (4-6-5) and Diners (4-6-4) as embossed.
  [4, 6, 5],
  [4, 6, 4],
  // Cards and codes of 14–19 characters in groups of four or six, the last group shorter.
  ...evenGroups(4),
  ...evenGroups(6),
];

/** Groups of `size`, the last one 1…size long, 14–19 characters in all. */
function evenGroups(size: number): number[][] {
  const out: number[][] = [];
  for (let total = 14; total <= 19; total++) {
    const full = Math.ceil(total / size) - 1;
    out.push([...Array<number>(full).fill(size), total - full * size]);
  }
  return out;
}

/** The groupings by the length of their first group, for the scanner's look-up. */
export const GROUPINGS_BY_FIRST: readonly (readonly (readonly number[])[])[] = (() => {
  const by: number[][][] = [];
  const seen = new Set<string>();
  for (const lengths of GROUPINGS) {
    // 6-6-3 is both the old ID's shape and fifteen in sixes: one entry.
    if (seen.has(lengths.join('-'))) continue;
    seen.add(lengths.join('-'));
    const first = lengths[0]!;
    by[first] = [...(by[first] ?? []), [...lengths]];
  }
  return by;
})();

/** The groupings a mobile number is written in after a country code (+86 138 1234 5678). */
export const MOBILE_GROUPINGS: readonly (readonly number[])[] = [[11], [3, 4, 4], [7, 4]];

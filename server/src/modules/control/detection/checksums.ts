/**
 * Check digits and structure of the identifiers the built-in detectors look for. Each function
 * takes the candidate as written (ASCII; the scanner turns full-width digits into ASCII first)
 * and answers whether it is a plausible, internally consistent identifier, not just its shape.
 */

/**
 * Province-level codes that start a 居民身份证 number (GB/T 2260): the first two digits of the
 * six-digit region. 83 is used for Taiwan residents' residence permits, which share the format.
 */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
]);

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

function isAsciiDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** The calendar day in UTC as yyyymmdd, for "not born in the future". */
function dayNumber(d: Date): number {
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

function isValidDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [
    31,
    y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return d <= days[m - 1]!;
}

/**
 * 18-character 居民身份证 number (GB 11643-1999): a six-digit region whose province exists, a
 * birth date YYYYMMDD after 1900 and not after `today`, a three-digit sequence, and the ISO 7064
 * MOD 11-2 check character (0-9 or X; a lower-case x is accepted).
 */
export function isValidCnIdCard(s: string, today: Date = new Date()): boolean {
  if (s.length !== 18 || !isAsciiDigits(s, 0, 17)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return false;
  const y = Number(s.slice(6, 10));
  const m = Number(s.slice(10, 12));
  const d = Number(s.slice(12, 14));
  if (y <= 1900 || !isValidDate(y, m, d) || y * 10_000 + m * 100 + d > dayNumber(today)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
  const last = s[17]!;
  return ID_CHECK[sum % 11] === (last === 'x' ? 'X' : last);
}

/**
 * 15-digit 居民身份证 number of the first generation (issued until 2004; GB 11643-1989): a six-digit
 * region whose province exists and that names a place below the province (not xx0000), a birth
 * date YYMMDD in the 1900s, and a three-digit sequence. It has no check character, so a match is
 * weaker evidence than an 18-character number: the detector gives it a lower confidence.
 */
export function isValidOldCnIdCard(s: string): boolean {
  if (s.length !== 15 || !isAsciiDigits(s, 0, 15)) return false;
  if (!PROVINCES.has(Number(s.slice(0, 2))) || s.slice(2, 6) === '0000') return false;
  return isValidDate(1900 + Number(s.slice(6, 8)), Number(s.slice(8, 10)), Number(s.slice(10, 12)));
}

/**
 * Whether a string of 14–19 ASCII digits starts like a payment card of its length (ISO/IEC 7812
 * issuer ranges as the schemes publish them) and passes Luhn:
 * - 14: Diners Club International 300–305, 3095, 36, 38–39;
 * - 15: American Express 34, 37;
 * - 16–19: Visa 4, Mastercard 51–55 and 2221–2720, UnionPay 62 and 81 (8100–8171), JCB 35,
 *   Discover/RuPay 6, and the other 3–6 ranges (Amex/Diners co-branded 16-digit cards).
 */
export function isCardNumber(s: string): boolean {
  const n = s.length;
  if (n < 14 || n > 19 || !isAsciiDigits(s, 0, n)) return false;
  const two = Number(s.slice(0, 2));
  const three = Number(s.slice(0, 3));
  const four = Number(s.slice(0, 4));
  let issuer: boolean;
  if (n === 14)
    issuer = (three >= 300 && three <= 305) || four === 3095 || two === 36 || two === 38 || two === 39;
  else if (n === 15) issuer = two === 34 || two === 37;
  else issuer = (two >= 30 && two <= 69) || (four >= 2221 && four <= 2720) || (four >= 8100 && four <= 8171);
  return issuer && luhnValid(s);
}

/** Luhn (mod 10) over a string of ASCII digits; false for anything else or an empty string. */
export function luhnValid(digits: string): boolean {
  const n = digits.length;
  if (n === 0 || !isAsciiDigits(digits, 0, n)) return false;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let v = digits.charCodeAt(n - 1 - i) - 48;
    if (i % 2 === 1) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
  }
  return sum % 10 === 0;
}

/** GB 32100-2015 alphabet: digits and upper-case letters without I, O, S, V, Z. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_VALUE = new Int8Array(128).fill(-1);
for (let i = 0; i < USCC_ALPHABET.length; i++) USCC_VALUE[USCC_ALPHABET.charCodeAt(i)] = i;

/** Registration authorities (1 机构编制 … 9 工商, A–G, N 农业, Y 其他) that start a code. */
const USCC_AUTHORITIES = '123456789ABCDEFGNY';

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters of the alphabet above — a registration authority,
 * an organisation type digit, a six-digit region, a nine-character organisation code — and the
 * mod-31 check character.
 */
export function isValidUscc(s: string): boolean {
  if (s.length !== 18) return false;
  if (!USCC_AUTHORITIES.includes(s[0]!)) return false;
  const type = s.charCodeAt(1);
  if (type < 49 || type > 57 || !isAsciiDigits(s, 2, 8)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? USCC_VALUE[c]! : -1;
    if (v < 0) return false;
    sum += v * USCC_WEIGHTS[i]!;
  }
  const check = (31 - (sum % 31)) % 31;
  return s[17] === USCC_ALPHABET[check];
}

/**
 * The 24 solar terms (二十四节气) are the moments the Sun's apparent ecliptic longitude reaches a
 * multiple of 15°; 清明 is 15°. The statutory 清明节 is the Beijing date (UTC+8) of that moment.
 *
 * The Sun's position follows Meeus, *Astronomical Algorithms* (2nd ed.), chapter 25 (accurate to
 * about 0.01°, a quarter of an hour of the Sun's motion), with ΔT from Espenak & Meeus. For
 * 2000–2100 the moment of 清明 is more than 20 minutes from midnight in every year but 2071
 * (00:04 on 5 April): there the date is uncertain — as it is for every almanac until the year
 * comes closer, which is why a computed holiday stays provisional until the State Council's notice.
 */

const DEG = Math.PI / 180;
const DAY_MS = 86_400_000;
/** Julian day of the Unix epoch. */
const UNIX_JD = 2_440_587.5;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** Longitudes of the terms the calendar uses. */
export const SOLAR_TERMS = { 清明: 15 } as const;

/** The Sun's apparent longitude in degrees [0, 360) at Julian Ephemeris Day `jde`. */
export function apparentSolarLongitude(jde: number): number {
  const t = (jde - 2_451_545) / 36_525;
  const meanLongitude = 280.46646 + 36_000.76983 * t + 0.0003032 * t * t;
  const anomaly = (357.52911 + 35_999.05029 * t - 0.0001537 * t * t) * DEG;
  const centre =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * Math.sin(anomaly) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly) +
    0.000289 * Math.sin(3 * anomaly);
  // Nutation and aberration, to the apparent position.
  const node = (125.04 - 1934.136 * t) * DEG;
  const longitude = meanLongitude + centre - 0.00569 - 0.00478 * Math.sin(node);
  return ((longitude % 360) + 360) % 360;
}

/** TT − UT in seconds (Espenak & Meeus polynomial fits, 2005–2150). */
export function deltaT(year: number): number {
  if (year < 2005) {
    const t = year - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (year < 2050) {
    const t = year - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t * t;
  }
  return -20 + 32 * ((year - 1820) / 100) ** 2 - 0.5628 * (2150 - year);
}

/**
 * The instant the Sun reaches `longitude` degrees in `year` (the crossing nearest the date the
 * term usually falls on, found by Newton's iteration on the Sun's mean motion).
 */
export function solarTermInstant(year: number, longitude: number): Date {
  // The Sun is at 0° near 20 March; the term is about longitude/360 of a year later.
  const guess = Date.UTC(year, 2, 20) + (longitude / 360) * 365.2422 * DAY_MS;
  let jde = guess / DAY_MS + UNIX_JD;
  for (let i = 0; i < 20; i++) {
    const behind = ((longitude - apparentSolarLongitude(jde) + 540) % 360) - 180;
    jde += (behind * 365.2422) / 360;
    if (Math.abs(behind) < 1e-7) break;
  }
  return new Date((jde - UNIX_JD) * DAY_MS - deltaT(year) * 1000);
}

/** The Beijing date (`YYYY-MM-DD`) of a solar term in `year`, e.g. 清明. */
export function solarTermDate(year: number, longitude: number): string {
  return new Date(solarTermInstant(year, longitude).getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

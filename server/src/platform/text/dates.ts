const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the organisation's wall-clock time, `2026-11-21 16:05:09` (the form Chinese
 * spreadsheets and reports use), in the given IANA time zone.
 */
export function formatLocalDateTime(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  let f = formatters.get(timeZone);
  if (!f) {
    // sv-SE formats as YYYY-MM-DD HH:mm:ss, which is exactly the ISO-like local form wanted.
    f = new Intl.DateTimeFormat('sv-SE', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f.format(new Date(iso));
}

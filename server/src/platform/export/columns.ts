import type { Locale } from '@liaison/contracts';
import type { Cell, Sheet } from './xlsx.ts';

/**
 * A spreadsheet column: its header in each UI language and how to read a row. Widths follow the
 * content; instants are given as `instant(iso)` so the workbook stores real dates.
 */
export interface ExportColumn<T> {
  header: Record<Locale, string>;
  value: (row: T) => Cell;
}

/** An ISO instant as a date cell (shown in the organisation's zone), or an empty cell. */
export function instant(iso: string | null | undefined): Date | null {
  return iso ? new Date(iso) : null;
}

export function toSheet<T>(
  name: Record<Locale, string>,
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
  locale: Locale,
): Sheet {
  return {
    name: name[locale],
    columns: columns.map((c) => ({ header: c.header[locale] })),
    rows: rows.map((r) => columns.map((c) => c.value(r))),
  };
}

/** `用户-20261121-1605.xlsx`: what the browser saves the download as. */
export function exportFileName(base: string, at: Date, timeZone: string): string {
  const stamp = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  })
    .format(at)
    .replace(/[-: ]/g, '')
    .replace(/^(\d{8})(\d{4})$/, '$1-$2');
  return `${base}-${stamp}.xlsx`;
}

/** Content-Disposition that carries a Chinese file name to every browser (RFC 6266 / 5987). */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

import ExcelJS from 'exceljs';

/**
 * Reads an exported workbook back with a real spreadsheet library: header row and data rows as the
 * reader sees them (a date cell as `YYYY-MM-DD HH:mm:ss`, its number format), and the worksheet for
 * looking at cells, types, formats and widths.
 */
export async function readXlsx(
  body: Buffer,
): Promise<{ sheet: string; rows: string[][]; worksheet: ExcelJS.Worksheet }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map(shown));
  });
  return { sheet: ws.name, rows, worksheet: ws };
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '';
  // ExcelJS gives a date cell's wall-clock time as a UTC Date.
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace('T', ' ');
  return String(value);
}

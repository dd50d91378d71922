import ExcelJS from 'exceljs';

/** Reads an exported workbook back with a real spreadsheet library: header row and data rows as text. */
export async function readXlsx(body: Buffer): Promise<{ sheet: string; rows: string[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return { sheet: ws.name, rows };
}

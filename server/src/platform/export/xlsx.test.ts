import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readXlsx } from '../../../test/xlsx.ts';
import {
  buildXlsx,
  DATE_TIME_FORMAT,
  displayWidth,
  excelSerial,
  MAX_CELL_CHARACTERS,
  MAX_COLUMN_WIDTH,
} from './xlsx.ts';

const SHANGHAI = 'Asia/Shanghai';

describe('excelSerial', () => {
  it('counts days from 1899-12-30 of the wall-clock time in the zone', () => {
    // 2026-11-21 16:05:09 in Shanghai.
    const serial = excelSerial(new Date('2026-11-21T08:05:09.000Z'), SHANGHAI);
    expect(Math.floor(serial)).toBe(46347);
    expect(Math.round((serial % 1) * 86_400)).toBe(16 * 3600 + 5 * 60 + 9);
    expect(excelSerial(new Date('1900-03-01T00:00:00.000Z'), 'UTC')).toBe(61);
  });

  it('follows daylight saving in zones that have it', () => {
    const summer = excelSerial(new Date('2026-07-01T16:00:00.000Z'), 'America/New_York');
    const winter = excelSerial(new Date('2026-12-01T17:00:00.000Z'), 'America/New_York');
    expect(Math.round((summer % 1) * 24)).toBe(12);
    expect(Math.round((winter % 1) * 24)).toBe(12);
  });
});

describe('displayWidth', () => {
  it('counts CJK and full-width characters double', () => {
    expect(displayWidth('Liaison')).toBe(7);
    expect(displayWidth('联络')).toBe(4);
    expect(displayWidth('市场部 MKT')).toBe(10);
    expect(displayWidth('ＡＢ，😀')).toBe(8);
    expect(displayWidth('短\n更长的一行')).toBe(10);
  });
});

describe('buildXlsx, read back by ExcelJS', () => {
  const at = new Date('2026-11-21T08:05:09.000Z');
  const file = buildXlsx(
    [
      {
        name: '对外沟通记录',
        columns: [
          { header: '时间' },
          { header: '人员' },
          { header: 'Person' },
          { header: '附件数' },
          { header: '摘要' },
        ],
        rows: [
          [at, '黄丽（销售部大客户经理）', 'Huang Li (key accounts)', 3, '=HYPERLINK("http://evil")'],
          [null, '陈静', 'Chen Jing', 0, 'x'.repeat(MAX_CELL_CHARACTERS + 100)],
        ],
      },
    ],
    { timeZone: SHANGHAI },
  );

  it('writes an instant as a numeric date cell with a date-time format, in the organisation’s local time', async () => {
    const { worksheet, rows } = await readXlsx(file);
    const cell = worksheet.getCell('A2');
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.numFmt).toBe(DATE_TIME_FORMAT);
    expect((cell.value as Date).toISOString()).toBe('2026-11-21T16:05:09.000Z');
    expect(rows[1]![0]).toBe('2026-11-21 16:05:09');
    expect(worksheet.getCell('A3').type).toBe(ExcelJS.ValueType.Null);
  });

  it('keeps text as text (never a formula) and numbers as numbers', async () => {
    const { worksheet } = await readXlsx(file);
    expect(worksheet.getCell('E2').type).toBe(ExcelJS.ValueType.String);
    expect(worksheet.getCell('E2').value).toBe('=HYPERLINK("http://evil")');
    expect(worksheet.getCell('D2').type).toBe(ExcelJS.ValueType.Number);
    expect(worksheet.getCell('D2').value).toBe(3);
  });

  it('sizes columns to their content, CJK counting double, capped', async () => {
    const { worksheet } = await readXlsx(file);
    const width = (c: number) => worksheet.getColumn(c).width!;
    // '黄丽（销售部大客户经理）' is 12 characters, 24 wide; 'Huang Li (key accounts)' 23 characters.
    expect(width(2)).toBe(26);
    expect(width(3)).toBe(25);
    expect(width(1)).toBe(DATE_TIME_FORMAT.length + 2);
    expect(width(5)).toBe(MAX_COLUMN_WIDTH);
    // The header's own width and its filter button.
    expect(width(4)).toBe(displayWidth('附件数') + 4);
  });

  it('has a bold header and clips a cell to what Excel accepts', async () => {
    const { worksheet } = await readXlsx(file);
    expect(worksheet.getCell('A1').font?.bold).toBe(true);
    expect(worksheet.getCell('B2').font?.bold).toBeFalsy();
    const long = worksheet.getCell('E3').value as string;
    expect(long.length).toBe(MAX_CELL_CHARACTERS);
    expect(long.endsWith('…')).toBe(true);
  });
});

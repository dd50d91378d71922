/**
 * Opens an export the way a second spreadsheet program would: builds a workbook with our XLSX
 * writer (text in Chinese, an instant, a number, a would-be formula), converts it with LibreOffice
 * (`libreoffice --headless --convert-to csv`) and checks what LibreOffice read. Not part of
 * `npm test` (LibreOffice is large and optional); run it with
 *
 *   npm run check:xlsx -w server
 *
 * after `apt-get install libreoffice-calc-nogui`. Exits non-zero when LibreOffice is missing,
 * refuses the file, or reads something other than what was written.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildXlsx } from '../src/platform/export/xlsx.ts';

const dir = mkdtempSync(join(tmpdir(), 'liaison-xlsx-'));
try {
  const file = join(dir, 'export.xlsx');
  writeFileSync(
    file,
    buildXlsx(
      [
        {
          name: '对外沟通记录',
          columns: [{ header: '时间' }, { header: '人员' }, { header: '附件数' }, { header: '内容摘要' }],
          rows: [
            [new Date('2026-11-21T08:05:09.000Z'), '黄丽', 3, '=HYPERLINK("http://evil")'],
            // Half past midnight in Shanghai: the next day and the next year there.
            [new Date('2026-12-31T16:30:00.000Z'), 'Chen Jing', 0, '合同，"报价"与附件'],
          ],
        },
      ],
      { timeZone: 'Asia/Shanghai' },
    ),
  );
  // Its own profile directory, so a running LibreOffice elsewhere cannot interfere.
  const output = execFileSync(
    'libreoffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      '--convert-to',
      'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
      '--outdir',
      dir,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const csv = readFileSync(join(dir, 'export.csv'), 'utf8').replace(/^\uFEFF/, '');
  process.stdout.write(`${output.trim()}\n${csv}`);
  const expected = [
    '时间,人员,附件数,内容摘要',
    '2026-11-21 16:05:09,黄丽,3,"=HYPERLINK(""http://evil"")"',
    '2027-01-01 00:30:00,Chen Jing,0,"合同，""报价""与附件"',
  ];
  const lines = csv.trim().split(/\r?\n/);
  if (JSON.stringify(lines) !== JSON.stringify(expected)) {
    console.error(`LibreOffice read something else:\n${lines.join('\n')}\nexpected:\n${expected.join('\n')}`);
    process.exit(1);
  }
  console.log('LibreOffice read the workbook as written.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}

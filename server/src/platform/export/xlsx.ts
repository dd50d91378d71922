import { formatLocalDateTime } from '../text/dates.ts';
import { zip } from './zip.ts';

/** A cell: text, a number, an instant (shown as a date and time in the workbook's zone), or empty. */
export type Cell = string | number | Date | null | undefined;

export interface SheetColumn {
  header: string;
}

export interface Sheet {
  name: string;
  columns: readonly SheetColumn[];
  rows: readonly (readonly Cell[])[];
}

export interface WorkbookOptions {
  /** The organisation's IANA time zone: instants are written as its wall-clock date and time. */
  timeZone: string;
}

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel refuses (and "repairs") a cell longer than this. */
export const MAX_CELL_CHARACTERS = 32_767;
/** Column widths, in characters: never narrower than MIN, never wider than MAX. */
export const MIN_COLUMN_WIDTH = 6;
export const MAX_COLUMN_WIDTH = 60;
/** How a date-time cell reads: the wall-clock form Chinese spreadsheets use. */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** Style indexes into `cellXfs` below. */
const STYLE = { normal: 0, header: 1, dateTime: 2 } as const;

/**
 * Writes an .xlsx workbook that Excel, WPS, LibreOffice and Numbers open without a repair
 * prompt: every part a reader expects (workbook, styles with the default font, the two reserved
 * fills, a border and cell formats; shared strings; core and app properties), a bold, frozen header
 * row with a filter, columns sized to their content (CJK characters count double, capped), text
 * stored as shared strings (never evaluated as formulas, so a cell that starts with `=` cannot
 * run anything), numbers as numbers, and instants as real dates — an Excel serial of the
 * organisation's wall-clock time with a date-time format — that sort and filter as dates.
 */
export function buildXlsx(sheets: readonly Sheet[], options: WorkbookOptions): Buffer {
  const strings = new SharedStrings();
  const worksheets = sheets.map((sheet, i) => worksheet(sheet, strings, options.timeZone, i === 0));
  const files: { name: string; data: Buffer }[] = [];
  const text = (name: string, body: string) => files.push({ name, data: Buffer.from(body, 'utf8') });

  const sheetOverrides = sheets
    .map(
      (_, i) =>
        `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    )
    .join('');
  text(
    '[Content_Types].xml',
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheetOverrides}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
  );
  text(
    '_rels/.rels',
    `${XML}<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${DOC_RELS}/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="${DOC_RELS}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  text(
    'docProps/core.xml',
    `${XML}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Liaison</dc:creator></cp:coreProperties>`,
  );
  text(
    'docProps/app.xml',
    `${XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Liaison</Application></Properties>`,
  );
  const names = sheetNames(sheets.map((s) => s.name));
  const filters = sheets
    .map(
      (sheet, i) =>
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(quoteSheet(names[i]!))}!$A$1:$${column(Math.max(sheet.columns.length - 1, 0))}$${sheet.rows.length + 1}</definedName>`,
    )
    .join('');
  text(
    'xl/workbook.xml',
    `${XML}<workbook xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>${names
      .map((name, i) => `<sheet name="${xmlText(name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
      .join('')}</sheets><definedNames>${filters}</definedNames></workbook>`,
  );
  const n = sheets.length;
  text(
    'xl/_rels/workbook.xml.rels',
    `${XML}<Relationships xmlns="${RELS}">${sheets
      .map(
        (_, i) =>
          `<Relationship Id="rId${i + 1}" Type="${DOC_RELS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
      )
      .join(
        '',
      )}<Relationship Id="rId${n + 1}" Type="${DOC_RELS}/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="${DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  text('xl/styles.xml', STYLES);
  worksheets.forEach((body, i) => {
    text(`xl/worksheets/sheet${i + 1}.xml`, body);
  });
  text('xl/sharedStrings.xml', strings.xml());
  return zip(files);
}

/**
 * The default font (等线 11, what Excel in Chinese uses), the two fills every workbook reserves
 * (none and gray125), one empty border, and three cell formats: normal, the bold header, and
 * date-time (custom number format 164).
 */
const STYLES = `${'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="${DATE_TIME_FORMAT}"/></numFmts><fonts count="2"><font><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font><font><b/><sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

function worksheet(sheet: Sheet, strings: SharedStrings, timeZone: string, selected: boolean): string {
  const widths = sheet.columns.map((c) => displayWidth(c.header) + HEADER_EXTRA);
  const cell = (col: number, row: number, value: Cell, header: boolean): string => {
    const ref = `${column(col)}${row}`;
    if (value instanceof Date) {
      if (Number.isNaN(value.getTime())) return `<c r="${ref}"/>`;
      widths[col] = Math.max(widths[col] ?? 0, DATE_TIME_FORMAT.length);
      return `<c r="${ref}" s="${STYLE.dateTime}"><v>${excelSerial(value, timeZone)}</v></c>`;
    }
    const s = header ? ` s="${STYLE.header}"` : '';
    if (value === null || value === undefined || value === '') return `<c r="${ref}"${s}/>`;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `<c r="${ref}"${s}/>`;
      widths[col] = Math.max(widths[col] ?? 0, String(value).length);
      return `<c r="${ref}"${s}><v>${value}</v></c>`;
    }
    const textValue = clip(value);
    if (!header) widths[col] = Math.max(widths[col] ?? 0, displayWidth(textValue));
    return `<c r="${ref}"${s} t="s"><v>${strings.index(textValue)}</v></c>`;
  };
  const headerRow = `<row r="1">${sheet.columns.map((c, i) => cell(i, 1, c.header, true)).join('')}</row>`;
  const body = sheet.rows
    .map((row, r) => `<row r="${r + 2}">${row.map((v, c) => cell(c, r + 2, v, false)).join('')}</row>`)
    .join('');
  const cols = widths
    .map((w, i) => {
      const width = Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, w + PADDING));
      return `<col min="${i + 1}" max="${i + 1}" width="${width}" customWidth="1"/>`;
    })
    .join('');
  const lastRef = `${column(Math.max(sheet.columns.length - 1, 0))}${sheet.rows.length + 1}`;
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${DOC_RELS}"><dimension ref="A1:${lastRef}"/><sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${headerRow}${body}</sheetData><autoFilter ref="A1:${lastRef}"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** Room for the filter button in the header, and a little air either side of every column. */
const HEADER_EXTRA = 2;
const PADDING = 2;

/**
 * An instant as Excel stores a date-time: days since 1899-12-30 (Excel's day 0, which absorbs its
 * 1900 leap-year bug for every date after February 1900), of the wall-clock time in `timeZone` —
 * Excel has no zones, so the reader sees the organisation's local time.
 */
export function excelSerial(at: Date, timeZone: string): number {
  const local = formatLocalDateTime(at.toISOString(), timeZone);
  const [, y, mo, d, h, mi, s] = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(local)!.map(Number);
  // Whole seconds, as the API and the format show them (Excel would round 09.6 up to 10).
  return (Date.UTC(y!, mo! - 1, d!, h!, mi!, s!) - EXCEL_EPOCH) / 86_400_000;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * How many character widths a text takes on screen: East Asian wide and full-width characters
 * (汉字, kana, hangul, full-width forms, emoji) count two, others one; the longest line counts.
 */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split('\n')) {
    let width = 0;
    for (const ch of line) width += WIDE.test(ch) ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}

const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u;

/** Text Excel accepts in one cell: at most 32,767 characters, cut on a code point. */
function clip(text: string): string {
  if (text.length <= MAX_CELL_CHARACTERS) return text;
  let cut = MAX_CELL_CHARACTERS - 1;
  // Never leave half a surrogate pair.
  if (/[\ud800-\udbff]/.test(text[cut - 1]!)) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** The workbook's strings, each stored once; cells refer to them by index. */
class SharedStrings {
  readonly #index = new Map<string, number>();
  #count = 0;

  index(text: string): number {
    this.#count += 1;
    let i = this.#index.get(text);
    if (i === undefined) {
      i = this.#index.size;
      this.#index.set(text, i);
    }
    return i;
  }

  xml(): string {
    const items = [...this.#index.keys()].map((s) => `<si><t xml:space="preserve">${xmlText(s)}</t></si>`);
    return `${XML}<sst xmlns="${MAIN}" count="${this.#count}" uniqueCount="${this.#index.size}">${items.join('')}</sst>`;
  }
}

/** 0 → A, 25 → Z, 26 → AA. */
function column(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** Excel limits sheet names to 31 characters without []:*?/\ and wants them unique (case-insensitively). */
function sheetNames(wanted: readonly string[]): string[] {
  const taken = new Set<string>();
  return wanted.map((name, i) => {
    let out = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || `Sheet${i + 1}`;
    for (let n = 2; taken.has(out.toLowerCase()); n++)
      out = `${out.slice(0, 31 - String(n).length - 1)} ${n}`;
    taken.add(out.toLowerCase());
    return out;
  });
}

/** A sheet name as a formula reference: 'name', with quotes doubled. */
function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Characters XML 1.0 cannot carry at all: control characters, U+FFFE and U+FFFF… */
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** …and halves of surrogate pairs without their other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function xmlText(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(LONE_SURROGATE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const DOC_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

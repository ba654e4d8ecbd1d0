import { UserError } from '../../core/errors.ts';
import { FIELD_SPECS, HONOREE_FIELDS, type HonoreeField } from '../honorees/index.ts';
import { hasContent, type TableRow } from './table.ts';

/** The parts of one honour given in columns of their own (one honour per row). */
export const HONOUR_PARTS = ['category', 'level', 'year', 'awardingBody', 'documentNo'] as const;
export type HonourPart = (typeof HONOUR_PARTS)[number];

/** Header words of the honour columns, Chinese first (the first is the documented name). */
export const HONOUR_TEXT_WORDS = ['荣誉', '荣誉称号', '所获荣誉', '获得荣誉', 'honours', 'honour', 'honors', 'honor'];
export const HONOUR_PART_WORDS: Record<HonourPart, string[]> = {
  category: ['荣誉类别', '荣誉类型', '荣誉名称', 'honour category', 'category'],
  level: ['荣誉级别', '级别', 'honour level', 'level'],
  year: ['获得年份', '获评年份', '授予年份', '年份', 'honour year', 'year'],
  awardingBody: ['授予单位', '授予机关', '表彰单位', '颁发单位', 'awarding body', 'awarded by'],
  documentNo: ['文件号', '文号', '表彰文号', 'document no', 'document number'],
};
/** Columns every roster template has and nobody needs imported: the running number. */
const ROW_NUMBER_WORDS = ['序号', 'no', 'no.', '#'];

/** A column of the file: where it is and what its header said. */
export interface Column {
  index: number;
  header: string;
  /** The column letter the spreadsheet shows (A, B, ... AA). */
  letter: string;
}

export interface ColumnMap {
  /** Row number of the header row. */
  headerRow: number;
  fields: Partial<Record<HonoreeField, Column>>;
  /** 荣誉 columns ("2018 省级劳动模范；2021 县级工匠"); several are allowed (荣誉1, 荣誉2). */
  honourText: Column[];
  honourParts: Partial<Record<HonourPart, Column>>;
  /** Columns with a header nobody knows, or a second column for a field already taken. */
  ignored: Column[];
}

export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A header as compared: templates decorate names ("姓名*", "身份证号码（18位）", "性  别",
 * "出生日期:"), and full-width letters come from Chinese input methods.
 */
export function headerKey(header: string): string {
  return header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\([^)]*\)|\[[^\]]*\]/g, '')
    .replace(/[\s*:_]/g, '');
}

type Meaning = { kind: 'field'; field: HonoreeField } | { kind: 'honourText' } | { kind: 'part'; part: HonourPart } | { kind: 'rowNumber' };

const WORDS = new Map<string, Meaning>();
for (const field of HONOREE_FIELDS) for (const w of FIELD_SPECS[field].words) WORDS.set(headerKey(w), { kind: 'field', field });
for (const w of HONOUR_TEXT_WORDS) WORDS.set(headerKey(w), { kind: 'honourText' });
for (const part of HONOUR_PARTS) for (const w of HONOUR_PART_WORDS[part]) WORDS.set(headerKey(w), { kind: 'part', part });
for (const w of ROW_NUMBER_WORDS) WORDS.set(headerKey(w), { kind: 'rowNumber' });

/** What a header means; a numbered honour column (荣誉1, 荣誉2) is an honour column. */
export function meaningOf(header: string): Meaning | undefined {
  const key = headerKey(header);
  const known = WORDS.get(key);
  if (known) return known;
  const unnumbered = WORDS.get(key.replace(/\d+$/, ''));
  return unnumbered?.kind === 'honourText' ? unnumbered : undefined;
}

/** The header line a roster should start with, from the same tables that read it. */
export function expectedHeader(): string {
  return [...HONOREE_FIELDS.map((f) => FIELD_SPECS[f].words[0]), HONOUR_TEXT_WORDS[0]].join(',');
}

function mapHeader(row: TableRow, rows: TableRow[]): ColumnMap {
  const map: ColumnMap = { headerRow: row.rowNumber, fields: {}, honourText: [], honourParts: {}, ignored: [] };
  const width = Math.max(...rows.map((r) => r.cells.length));
  for (let index = 0; index < width; index++) {
    const header = (row.cells[index] ?? '').trim();
    const column = { index, header, letter: columnLetter(index) };
    const meaning = header ? meaningOf(header) : undefined;
    if (meaning?.kind === 'rowNumber') continue;
    if (meaning?.kind === 'honourText') map.honourText.push(column);
    else if (meaning?.kind === 'field' && !map.fields[meaning.field]) map.fields[meaning.field] = column;
    else if (meaning?.kind === 'part' && !map.honourParts[meaning.part]) map.honourParts[meaning.part] = column;
    // A blank header over an empty column is just the sheet's width, not something to report.
    else if (header || rows.some((r) => r.rowNumber > row.rowNumber && (r.cells[index] ?? '').trim())) map.ignored.push(column);
  }
  return map;
}

/** How far down a header row is looked for: a title line or two above it is common. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Finds the header row (the first row naming both 姓名 and 身份证号, usually row 1; templates
 * often put a title above it) and what each column means. The rows after it are the data.
 * @throws UserError when the name or ID number column is missing, showing the expected header.
 */
export function mapColumns(rows: TableRow[]): { map: ColumnMap; dataRows: TableRow[] } {
  const candidates = rows.slice(0, HEADER_SEARCH_ROWS);
  const at = candidates.findIndex((r) => {
    const m = mapHeader(r, [r]);
    return m.fields.name && m.fields.idNumber;
  });
  if (at < 0) {
    const first = mapHeader(rows[0], rows);
    const missing = (['name', 'idNumber'] as const).filter((f) => !first.fields[f]).map((f) => FIELD_SPECS[f].words[0]);
    throw new UserError('import.file.missing_columns', {
      missing: missing.join('、'),
      found: rows[0].cells.filter((c) => c.trim()).slice(0, 15).join('、'),
      expected: expectedHeader(),
    });
  }
  const map = mapHeader(rows[at], rows);
  const dataRows = rows.slice(at + 1).filter((r) => hasContent(r.cells));
  if (dataRows.length === 0) throw new UserError('import.file.no_data', { expected: expectedHeader() });
  return { map, dataRows };
}

/**
 * Reads the first worksheet of an .xlsx into rows of cell texts, with bounded memory and time:
 * the parts are unpacked with limits (a "zip bomb" is refused long before it fills memory), the
 * sheet is read row by row as it unpacks, and reading stops as soon as the sheet has more rows or
 * cells than one import takes. The event loop turns between chunks.
 */
import { UserError } from '../../core/errors.ts';
import { loopTurn } from '../../core/loop-turn.ts';
import { excelSerialDate, numberCellText } from './cell-text.ts';
import { hasContent, MAX_DATA_ROWS, type TableRow } from './table.ts';
import { attr, CELL, columnOf, dateStyles, firstSheetPath, ROW, sharedStrings, stringContent, VALUE, xmlText } from './xlsx-xml.ts';
import { unpack, unpackText, zipEntries, type ZipEntry } from './zip-entries.ts';

const MB = 1024 * 1024;
/** Unpacked size of the sheet: an honest 20,000-row roster of 9 columns is about 7 MB. */
export const MAX_SHEET_BYTES = 64 * MB;
/** Unpacked size of each other part read (shared strings, styles, the workbook's directory). */
export const MAX_PART_BYTES = 30 * MB;
/** Cells of the rows kept (each row as wide as its last filled cell): 20,000 rows of 50 columns. */
export const MAX_CELLS = MAX_DATA_ROWS * 50;
/** Characters of all cells kept: an honest roster of 20,000 people has a few million. */
export const MAX_TEXT_CHARS = 20_000_000;
/** Rows with content: the data rows, a header and a few title lines above it. */
const MAX_ROWS = MAX_DATA_ROWS + 10;

const tooBig = (max: number) => () => new UserError('import.file.xlsx_too_big', { max: `${max / MB} MB` });

interface Lookup {
  strings: string[];
  dates: boolean[];
}

/** The text of one <c> element, as cellText gives it for a loaded workbook. */
function cellValue(attrs: string, body: string, lookup: Lookup): string {
  const type = attr(attrs, 't') ?? 'n';
  if (type === 'inlineStr') return stringContent(body);
  const raw = VALUE.exec(body)?.[1];
  // A formula never calculated has no value.
  if (raw === undefined) return '';
  const v = xmlText(raw);
  switch (type) {
    case 's':
      return lookup.strings[Number(v)] ?? '';
    case 'b':
      return v === '1' ? 'TRUE' : 'FALSE';
    case 'str':
    case 'e':
      return v;
    case 'd':
      return v.slice(0, 10);
    default: {
      const n = Number(v);
      if (!Number.isFinite(n)) return v;
      return lookup.dates[Number(attr(attrs, 's') ?? 0)] ? excelSerialDate(n) : numberCellText(n);
    }
  }
}

/** Reads whole rows out of sheet XML text; returns how much of the text it used. */
function takeRows(text: string, lookup: Lookup, out: TableRow[], counts: { cells: number; chars: number; rowNumber: number }): number {
  let used = 0;
  ROW.lastIndex = 0;
  for (let m = ROW.exec(text); m; m = ROW.exec(text)) {
    used = ROW.lastIndex;
    counts.rowNumber = Number(attr(m[1], 'r') ?? counts.rowNumber + 1);
    if (!m[2]) continue;
    const cells: string[] = [];
    let next = 0;
    CELL.lastIndex = 0;
    for (let c = CELL.exec(m[2]); c; c = CELL.exec(m[2])) {
      const index = columnOf(attr(c[1], 'r')) ?? next;
      next = index + 1;
      const value = c[2] ? cellValue(c[1], c[2], lookup) : '';
      if (value === '') continue;
      if (counts.cells + index + 1 > MAX_CELLS) throw new UserError('import.file.too_many_cells', { max: MAX_CELLS });
      counts.chars += value.length;
      if (counts.chars > MAX_TEXT_CHARS) throw new UserError('import.file.too_much_text', { max: MAX_TEXT_CHARS });
      while (cells.length < index) cells.push('');
      cells[index] = value;
    }
    if (!hasContent(cells)) continue;
    counts.cells += cells.length;
    out.push({ rowNumber: counts.rowNumber, cells });
    if (out.length > MAX_ROWS) throw new UserError('import.file.too_many_rows_over', { max: MAX_DATA_ROWS });
  }
  return used;
}

/** Where the last complete row element of the text ends (after its </row>), or -1. */
function lastRowEnd(text: string): number {
  for (let i = text.lastIndexOf('row>'); i >= 0; i = text.lastIndexOf('row>', i - 1)) {
    if (/<\/(\w+:)?$/.test(text.slice(Math.max(0, i - 12), i))) return i + 4;
  }
  return -1;
}

/** No honest row is this long; a longer one is a crafted file, refused before it fills memory. */
const MAX_ROW_CHARS = 4 * MB;

async function readSheet(bytes: Uint8Array, entry: ZipEntry, lookup: Lookup): Promise<TableRow[]> {
  const rows: TableRow[] = [];
  const counts = { cells: 0, chars: 0, rowNumber: 0 };
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of unpack(bytes, entry, MAX_SHEET_BYTES, tooBig(MAX_SHEET_BYTES))) {
    pending += decoder.decode(chunk, { stream: true });
    const cut = lastRowEnd(pending);
    if (cut < 0) {
      // The sheet's preamble, or a row longer than a chunk.
      if (pending.length > MAX_ROW_CHARS) throw tooBig(MAX_SHEET_BYTES)();
      continue;
    }
    takeRows(pending.slice(0, cut), lookup, rows, counts);
    pending = pending.slice(cut);
    await loopTurn();
  }
  takeRows(pending + decoder.decode(), lookup, rows, counts);
  return rows;
}

export async function readXlsx(bytes: Uint8Array): Promise<TableRow[]> {
  const entries = zipEntries(bytes);
  const text = async (name: string) => {
    const entry = entries.get(name);
    return entry ? unpackText(bytes, entry, MAX_PART_BYTES, tooBig(MAX_PART_BYTES)) : '';
  };
  const workbook = await text('xl/workbook.xml');
  if (!workbook) throw new UserError('import.file.broken_xlsx');
  // The first sheet in tab order, which is what people mean by "the first sheet".
  const path = firstSheetPath(workbook, await text('xl/_rels/workbook.xml.rels'));
  const sheet = path ? entries.get(path) : undefined;
  if (!sheet) throw new UserError('import.file.no_sheet');
  const lookup: Lookup = { strings: [], dates: dateStyles(await text('xl/styles.xml')) };
  for (const s of sharedStrings(await text('xl/sharedStrings.xml'))) {
    lookup.strings.push(s);
    await loopTurn();
  }
  return readSheet(bytes, sheet, lookup);
}

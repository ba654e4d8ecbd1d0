import type ExcelJS from 'exceljs';
import type { Translate } from '../../core/i18n.ts';
import { loopTurn } from '../../core/loop-turn.ts';

/** How a column's cells are written: text, a whole number, a date (a real date cell), yuan (two decimals). */
export type ColumnKind = 'text' | 'int' | 'date' | 'money';

export interface Column<Row> {
  key: string;
  kind: ColumnKind;
  /** ID number, phone, address, income, health: only in an admin's export, in a private chat. */
  sensitive?: true;
  value(row: Row): string | number | null;
}

/** The workbook being written: a streaming writer (rows go out as they are added) or one in memory. */
type AnyWorkbook = ExcelJS.Workbook | ExcelJS.stream.xlsx.WorkbookWriter;

/**
 * A sheet's rows, handed over a chunk at a time and as often as asked (a sheet goes through them
 * twice): a table read a thousand rows at a time holds no more than a chunk in memory, however
 * large the year. `each` answers 'enough' when it needs no more rows.
 */
export type RowSource<Row> = (each: (chunk: readonly Row[]) => Promise<'enough' | void>) => Promise<void>;

/** Rows already in memory (a few: the statistics, the teams) as a source. */
export const inMemory = <Row>(rows: readonly Row[]): RowSource<Row> => async (each) => {
  await each(rows);
};

/** A 'YYYY-MM-DD' as the date cell it names (midnight UTC: a spreadsheet date has no zone). */
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/**
 * Display width of a text: a CJK character (from U+2E80, or beyond the BMP) takes two columns.
 * Read code unit by code unit: measured for every cell of a year, it must not allocate.
 */
function widthOf(text: string): number {
  let width = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate pair is one character beyond the BMP: wide, and counted once.
    if (unit >= 0xd800 && unit <= 0xdbff) i++;
    width += unit >= 0x2e80 ? 2 : 1;
  }
  return width;
}

/**
 * Rows whose widths are measured: every row of a sheet up to this, the first ones of a longer
 * one (what a column holds is alike all the way down, and reading a table twice costs seconds).
 */
export const WIDTH_SAMPLE_ROWS = 20_000;

/** Bytes of a sheet's XML allowed to wait for the zip before the writing waits for it. */
const ZIP_BACKLOG_BYTES = 2 << 20;

/**
 * How many bytes of a streamed sheet's XML wait to be compressed. exceljs (4.4.0, pinned) hands
 * a sheet's XML to the zip without waiting for it, and the deflate takes one chunk per turn of the
 * event loop: it falls behind, and the XML piled up in memory (80 MB at 100,000 people, bench (k)).
 * Read from the streams the sheet writes into; 0 for a workbook in memory, which has none.
 */
export function waitingForZip(sheet: object): number {
  const pipes = (sheet as { stream?: { pipes?: Array<{ _writableState?: { length?: number } }> } }).stream?.pipes ?? [];
  return pipes.reduce((bytes, pipe) => bytes + (pipe._writableState?.length ?? 0), 0);
}

/** The longest wait for the zip: a stream that stopped draining must not hold the export for ever. */
const ZIP_WAIT_MS = 10_000;

/** Lets the zip catch up (turn by turn of the loop, others answered between) when too much waits for it. */
async function keepUpWithZip(sheet: object): Promise<void> {
  if (waitingForZip(sheet) <= ZIP_BACKLOG_BYTES) return;
  const until = Date.now() + ZIP_WAIT_MS;
  // A millisecond at a time: the deflate runs on another thread, and its turns come in between.
  while (waitingForZip(sheet) > ZIP_BACKLOG_BYTES / 4 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 1));
}

/**
 * One sheet: Chinese headers in a bold frozen first row, each column as wide as what it holds
 * (within bounds), dates as dates, money in yuan with two decimals. Sensitive columns are left
 * out unless `sensitive`. The widths are measured in a first pass over the rows (the first
 * WIDTH_SAMPLE_ROWS of a longer sheet), which are then written (and, with a streaming workbook,
 * sent out) in a second, the event loop turning every few milliseconds (loopTurn) and the zip
 * kept up with after each chunk.
 */
export async function addSheet<Row>(wb: AnyWorkbook, t: Translate, name: string, columns: Array<Column<Row>>, rows: RowSource<Row>, sensitive: boolean): Promise<void> {
  const shown = columns.filter((c) => sensitive || !c.sensitive);
  const headers = shown.map((c) => t(`export.columns.${c.key}`));
  const widths = headers.map(widthOf);
  let measured = 0;
  await rows(async (chunk) => {
    for (const row of chunk) {
      shown.forEach((c, i) => {
        if (c.kind !== 'text' && c.kind !== 'int') return;
        const v = c.value(row);
        if (v !== null) widths[i] = Math.max(widths[i], widthOf(String(v)));
      });
      await loopTurn();
    }
    measured += chunk.length;
    return measured >= WIDTH_SAMPLE_ROWS ? 'enough' : undefined;
  });
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // One style object per column, given to each of its cells: exceljs looks a style it has seen up
  // by the object, where a copy per cell is worked out anew each time (a fifth of the export's time).
  // Shared, so no format is ever set on one cell afterwards: it would change the whole column's.
  const styles = shown.map((c): Partial<ExcelJS.Style> => (c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : c.kind === 'money' ? { numFmt: '0.00' } : {}));
  sheet.columns = shown.map((c, i) => ({
    key: c.key,
    width: Math.min(60, Math.max(8, c.kind === 'date' || c.kind === 'money' ? 12 : widths[i] + 2)),
    // The column's own format too, for a cell typed into the sheet later.
    ...(Object.keys(styles[i]).length ? { style: styles[i] } : {}),
  }));
  const header = sheet.getRow(1);
  header.values = headers;
  header.font = { bold: true };
  header.commit?.();
  await rows(async (chunk) => {
    for (const row of chunk) {
      const cells = shown.map((c) => {
        const v = c.value(row);
        // No cell at all for nothing: fewer cells to write, and none without its column's style.
        if (v === null || v === '') return undefined;
        if (c.kind === 'date') return asDate(String(v));
        if (c.kind === 'money') return Number(v) / 100;
        return v;
      });
      const written = sheet.addRow(cells);
      written.eachCell((cell, column) => (cell.style = styles[column - 1]));
      // A streaming sheet sends the row out now; an in-memory one has no commit.
      written.commit?.();
      await loopTurn();
    }
    await keepUpWithZip(sheet);
  });
  (sheet as { commit?: () => void }).commit?.();
}

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

/** A 'YYYY-MM-DD' as the date cell it names (midnight UTC: a spreadsheet date has no zone). */
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** Display width of a text: a CJK character takes two columns. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 2 : 1), 0);
/** Rows written between two turns of the event loop at most. */
const ROWS_PER_TURN = 500;

/**
 * One sheet: Chinese headers in a bold frozen first row, each column as wide as what it holds
 * (within bounds), dates as dates, money in yuan with two decimals. Sensitive columns are left
 * out unless `sensitive`. The widths are measured first, then the rows written (and, with a
 * streaming workbook, sent out) a few hundred at a time, the event loop turning between.
 */
export async function addSheet<Row>(wb: AnyWorkbook, t: Translate, name: string, columns: Array<Column<Row>>, rows: readonly Row[], sensitive: boolean): Promise<void> {
  const shown = columns.filter((c) => sensitive || !c.sensitive);
  const headers = shown.map((c) => t(`export.columns.${c.key}`));
  const widths = headers.map(widthOf);
  for (const [n, row] of rows.entries()) {
    shown.forEach((c, i) => {
      if (c.kind !== 'text' && c.kind !== 'int') return;
      const v = c.value(row);
      if (v !== null) widths[i] = Math.max(widths[i], widthOf(String(v)));
    });
    if (n % ROWS_PER_TURN === 0) await loopTurn();
  }
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = shown.map((c, i) => ({
    key: c.key,
    width: Math.min(60, Math.max(8, c.kind === 'date' || c.kind === 'money' ? 12 : widths[i] + 2)),
    ...(c.kind === 'date' ? { style: { numFmt: 'yyyy-mm-dd' } } : c.kind === 'money' ? { style: { numFmt: '0.00' } } : {}),
  }));
  const header = sheet.getRow(1);
  header.values = headers;
  header.font = { bold: true };
  header.commit?.();
  for (const [n, row] of rows.entries()) {
    const cells = shown.map((c) => {
      const v = c.value(row);
      if (v === null || v === '') return null;
      if (c.kind === 'date') return asDate(String(v));
      if (c.kind === 'money') return Number(v) / 100;
      return v;
    });
    const written = sheet.addRow(cells);
    // A streaming sheet sends the row out now; an in-memory one has no commit.
    written.commit?.();
    if (n % ROWS_PER_TURN === 0) await loopTurn();
  }
  (sheet as { commit?: () => void }).commit?.();
}

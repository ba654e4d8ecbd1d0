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

/**
 * One sheet: Chinese headers in a bold frozen first row, each column as wide as what it holds
 * (within bounds), dates as dates, money in yuan with two decimals. Sensitive columns are left
 * out unless `sensitive`. The widths are measured first, then the rows written (and, with a
 * streaming workbook, sent out), the event loop turning every few milliseconds (loopTurn).
 */
export async function addSheet<Row>(wb: AnyWorkbook, t: Translate, name: string, columns: Array<Column<Row>>, rows: readonly Row[], sensitive: boolean): Promise<void> {
  const shown = columns.filter((c) => sensitive || !c.sensitive);
  const headers = shown.map((c) => t(`export.columns.${c.key}`));
  const widths = headers.map(widthOf);
  for (const row of rows) {
    shown.forEach((c, i) => {
      if (c.kind !== 'text' && c.kind !== 'int') return;
      const v = c.value(row);
      if (v !== null) widths[i] = Math.max(widths[i], widthOf(String(v)));
    });
    await loopTurn();
  }
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  // One style object per column, given to each of its cells: exceljs looks a style it has seen up
  // by the object, where a copy per cell is worked out anew each time (a fifth of the export's time).
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
  for (const row of rows) {
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
  (sheet as { commit?: () => void }).commit?.();
}

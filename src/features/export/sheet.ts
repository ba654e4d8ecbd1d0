import type ExcelJS from 'exceljs';
import type { Translate } from '../../core/i18n.ts';

/** How a column's cells are written: text, a whole number, a date (a real date cell), yuan (two decimals). */
export type ColumnKind = 'text' | 'int' | 'date' | 'money';

export interface Column<Row> {
  key: string;
  kind: ColumnKind;
  /** ID number, phone, address, income, health: only in an admin's export, in a private chat. */
  sensitive?: true;
  value(row: Row): string | number | null;
}

/** A 'YYYY-MM-DD' as the date cell it names (midnight UTC: a spreadsheet date has no zone). */
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
/** Display width of a text: a CJK character takes two columns. */
const widthOf = (text: string) => [...text].reduce((w, ch) => w + (/[\u2E80-\uFFFF]/.test(ch) ? 2 : 1), 0);

/**
 * One sheet: Chinese headers in a bold frozen first row, each column as wide as what it holds
 * (within bounds), dates as dates, money in yuan with two decimals. Sensitive columns are left
 * out unless `sensitive`.
 */
export function addSheet<Row>(wb: ExcelJS.Workbook, t: Translate, name: string, columns: Array<Column<Row>>, rows: Iterable<Row>, sensitive: boolean): void {
  const shown = columns.filter((c) => sensitive || !c.sensitive);
  const sheet = wb.addWorksheet(name);
  const headers = shown.map((c) => t(`export.columns.${c.key}`));
  sheet.addRow(headers).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const widths = headers.map(widthOf);
  for (const row of rows) {
    const cells = shown.map((c, i) => {
      const v = c.value(row);
      if (v === null || v === '') return null;
      if (c.kind === 'date') return asDate(String(v));
      if (c.kind === 'money') return Number(v) / 100;
      widths[i] = Math.max(widths[i], widthOf(String(v)));
      return v;
    });
    sheet.addRow(cells);
  }
  shown.forEach((c, i) => {
    const col = sheet.getColumn(i + 1);
    col.width = Math.min(60, Math.max(8, c.kind === 'date' ? 12 : c.kind === 'money' ? 12 : widths[i] + 2));
    if (c.kind === 'date') col.numFmt = 'yyyy-mm-dd';
    if (c.kind === 'money') col.numFmt = '0.00';
  });
}

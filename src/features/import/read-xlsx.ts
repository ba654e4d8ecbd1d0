import ExcelJS from 'exceljs';
import { UserError } from '../../core/errors.ts';
import { cellText } from './cell-text.ts';
import { hasContent, type TableRow } from './table.ts';

/** Reads the first worksheet of an .xlsx file into rows of cell texts. */
export async function readXlsx(bytes: Uint8Array): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs wants a Node Buffer; this one shares the bytes rather than copying 10 MB.
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch {
    // A zip that is not a workbook, a truncated download, a renamed file: all the same to staff.
    throw new UserError('import.file.broken_xlsx');
  }
  // The first sheet in tab order, which is what people mean by "the first sheet".
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new UserError('import.file.no_sheet');
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    // row.values is 1-based and sparse: index 0 and skipped cells are empty.
    const values = row.values as unknown[];
    for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
    if (hasContent(cells)) rows.push({ rowNumber, cells });
  });
  return rows;
}

import { UserError } from '../../core/errors.ts';
import { expectedHeader } from './columns.ts';
import { readCsv } from './read-csv.ts';
import { readXlsx } from './read-xlsx.ts';
import { MAX_DATA_ROWS, type TableRow } from './table.ts';

export type RosterFormat = 'csv' | 'xlsx';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** Compound document: the old .xls format, and also any password-protected Excel file. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const starts = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

const extensionOf = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/**
 * Which reader a file needs. The content decides over the name where it can (an .xlsx renamed
 * to .csv is still read), and the name decides what the person meant to send.
 */
export function formatOf(name: string, bytes: Uint8Array): RosterFormat {
  const ext = extensionOf(name);
  if (starts(bytes, OLE)) throw new UserError('import.file.old_excel', { name });
  if (starts(bytes, ZIP) && ['xlsx', 'xlsm', 'csv', ''].includes(ext)) return 'xlsx';
  if (ext === 'xlsx' || ext === 'xlsm') throw new UserError('import.file.broken_xlsx');
  if (ext === 'csv') return 'csv';
  if (ext === 'xls' || ext === 'et') throw new UserError('import.file.old_excel', { name });
  throw new UserError('import.file.unsupported', { name, expected: expectedHeader() });
}

/** Reads a roster file into rows; file-level problems are UserErrors that say what to do. */
export async function readTable(name: string, bytes: Uint8Array): Promise<{ format: RosterFormat; rows: TableRow[] }> {
  if (bytes.length === 0) throw new UserError('import.file.empty', { name });
  const format = formatOf(name, bytes);
  const rows = format === 'xlsx' ? await readXlsx(bytes) : await readCsv(bytes);
  if (rows.length === 0) throw new UserError('import.file.empty_sheet', { name });
  if (rows.length - 1 > MAX_DATA_ROWS) throw new UserError('import.file.too_many_rows', { rows: rows.length - 1, max: MAX_DATA_ROWS });
  return { format, rows };
}

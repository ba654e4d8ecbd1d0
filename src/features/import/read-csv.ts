import { CsvError, parse } from 'csv-parse/sync';
import { UserError } from '../../core/errors.ts';
import { decodeText, looksBinary } from './decode.ts';
import { hasContent, type TableRow } from './table.ts';

/**
 * The separator of the header line: Chinese Excel writes commas, "Unicode text" exports use
 * tabs, European settings semicolons. Counted on the first line only, where no cell holds text
 * with separators in it.
 */
function delimiterOf(text: string): string {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', '\t', ';'].map((d) => [d, first.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

/** Reads CSV bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030) into rows. */
export function readCsv(bytes: Uint8Array): TableRow[] {
  if (looksBinary(bytes)) throw new UserError('import.file.not_text');
  const { text } = decodeText(bytes);
  let records: { record: string[]; info: { records: number } }[];
  try {
    records = parse(text, {
      delimiter: delimiterOf(text),
      // Rows may be shorter than the header (trailing empty cells are often not written).
      relax_column_count: true,
      // A quote inside an unquoted cell (5"寸) is text; an opened quote must still be closed.
      relax_quotes: true,
      skip_empty_lines: false,
      info: true,
    }) as unknown as { record: string[]; info: { records: number } }[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 0;
      throw new UserError(err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'import.file.csv_quote' : 'import.file.broken_csv', { line });
    }
    throw err;
  }
  // The record count, not the text line, is the spreadsheet's row: a cell may hold a line break,
  // and an empty line is an empty row when the file is opened in Excel.
  return records
    .map(({ record, info }) => ({ rowNumber: info.records, cells: record }))
    .filter((r) => hasContent(r.cells));
}

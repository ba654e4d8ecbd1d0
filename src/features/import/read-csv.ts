import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { UserError } from '../../core/errors.ts';
import { loopTurn } from '../../core/loop-turn.ts';
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

/** Characters handed to the parser at a time; never ending inside a surrogate pair. */
const SLICE = 8 * 1024;

function* slices(text: string) {
  for (let i = 0; i < text.length; ) {
    let end = Math.min(text.length, i + SLICE);
    if (end < text.length && /[\uD800-\uDBFF]/.test(text[end - 1])) end--;
    yield text.slice(i, end);
    i = end;
  }
}

type Parsed = { record: string[]; info: { records: number } };

/**
 * Reads CSV bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM, GBK/GB18030) into rows, record by
 * record, letting the event loop turn: 20,000 rows are a noticeable stretch of work.
 */
export async function readCsv(bytes: Uint8Array): Promise<TableRow[]> {
  if (looksBinary(bytes)) throw new UserError('import.file.not_text');
  const { text } = decodeText(bytes);
  const parser = parse({
    delimiter: delimiterOf(text),
    // Rows may be shorter than the header (trailing empty cells are often not written).
    relax_column_count: true,
    // A quote inside an unquoted cell (5"寸) is text; an opened quote must still be closed.
    relax_quotes: true,
    skip_empty_lines: false,
    info: true,
  });
  const rows: TableRow[] = [];
  try {
    for await (const { record, info } of Readable.from(slices(text)).pipe(parser) as AsyncIterable<Parsed>) {
      // The record count, not the text line, is the spreadsheet's row: a cell may hold a line break,
      // and an empty line is an empty row when the file is opened in Excel.
      if (hasContent(record)) rows.push({ rowNumber: info.records, cells: record });
      await loopTurn();
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as CsvError & { lines?: number }).lines ?? 0;
      throw new UserError(err.code === 'CSV_QUOTE_NOT_CLOSED' ? 'import.file.csv_quote' : 'import.file.broken_csv', { line });
    }
    throw err;
  }
  return rows;
}

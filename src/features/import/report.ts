/** The answer to an import: counts, notes and row errors, with the full error list as a file when long. */
import type { Translate } from '../../core/i18n.ts';
import type { Reply } from '../../core/message.ts';
import type { ImportCounts } from './apply-import.ts';
import type { Column } from './columns.ts';
import type { RowIssue } from './validate-rows.ts';

/** Rows of errors shown in the chat; more than this go in the attached file (a phone screen is small). */
export const MAX_ERRORS_SHOWN = 20;
const MAX_WARNINGS_SHOWN = 10;
/** Long cells (an address) are cut in the chat text; the attached list has them whole. */
const MAX_VALUE_SHOWN = 30;

export interface ReportInput {
  fileName: string;
  /** When the import ran, for the error list's file name (20261123-100503). */
  stamp: string;
  dryRun: boolean;
  /** The dry run of a file sent alone: the question whether to import it follows. */
  offer?: boolean;
  rowCount: number;
  people: number;
  counts: ImportCounts;
  errors: RowIssue[];
  warnings: RowIssue[];
  ignored: Column[];
}

const shorten = (s: string) => (s.length > MAX_VALUE_SHOWN ? `${s.slice(0, MAX_VALUE_SHOWN)}…` : s);

export function issueText(t: Translate, issue: RowIssue, whole = false): string {
  const value = issue.value ?? '';
  return t(issue.key, { value: whole ? value : shorten(value), ...issue.params });
}

/** Issues grouped by row, rows in file order: one line per row however many cells are wrong. */
function byRow(issues: RowIssue[]): [number, RowIssue[]][] {
  const rows = new Map<number, RowIssue[]>();
  for (const i of [...issues].sort((a, b) => a.row - b.row)) rows.set(i.row, [...(rows.get(i.row) ?? []), i]);
  return [...rows];
}

/** One CSV cell; a leading = + - @ is defused so Excel does not run a cell from the roster as a formula. */
function csvCell(s: string): string {
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Every problem, one per line, as a CSV Excel opens correctly (UTF-8 with a byte order mark). */
export function errorsCsv(t: Translate, errors: RowIssue[]): Uint8Array {
  const lines = [t('import.report.errors_csv_header')];
  for (const [row, issues] of byRow(errors)) {
    for (const i of issues) lines.push([String(row), i.column ? t('import.report.column_ref', { header: i.column.header, letter: i.column.letter }) : '', i.value ?? '', issueText(t, i, true)].map(csvCell).join(','));
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

export function importReport(t: Translate, input: ReportInput): Reply {
  const errorRows = byRow(input.errors);
  const lines = [
    t(input.dryRun ? 'import.report.title_dry_run' : 'import.report.title', { name: input.fileName }),
    t('import.report.read', { rows: input.rowCount, people: input.people }),
    t('import.report.counts', {
      created: input.counts.created,
      updated: input.counts.updated,
      unchanged: input.counts.unchanged,
      errors: errorRows.length,
      honours: input.counts.honoursAdded,
    }),
    t('import.report.counts_note'),
  ];

  const notes: string[] = [];
  if (input.ignored.length) {
    const columns = input.ignored.map((c) => t('import.report.column_ref', { header: c.header || t('import.warn.unnamed_column'), letter: c.letter }));
    notes.push(t('import.warn.ignored_columns', { columns: columns.join('、') }));
  }
  const warningRows = byRow(input.warnings);
  for (const [row, issues] of warningRows.slice(0, MAX_WARNINGS_SHOWN)) {
    notes.push(t('import.report.row', { row, problems: issues.map((i) => issueText(t, i)).join('；') }));
  }
  if (warningRows.length > MAX_WARNINGS_SHOWN) notes.push(t('import.report.more_warnings', { more: warningRows.length - MAX_WARNINGS_SHOWN }));
  if (notes.length) lines.push('', t('import.report.warnings'), ...notes);

  let file: Reply['file'];
  if (errorRows.length) {
    lines.push('', t('import.report.errors'));
    for (const [row, issues] of errorRows.slice(0, MAX_ERRORS_SHOWN)) {
      lines.push(t('import.report.row', { row, problems: issues.map((i) => issueText(t, i)).join('；') }));
    }
    if (errorRows.length > MAX_ERRORS_SHOWN) {
      const name = t('import.report.errors_file', { stamp: input.stamp });
      lines.push(t('import.report.more_errors', { more: errorRows.length - MAX_ERRORS_SHOWN, file: name }));
      file = { name, mimeType: 'text/csv', data: errorsCsv(t, input.errors) };
    }
    lines.push(t('import.report.fix_and_retry'));
  }
  if (input.people === 0) lines.push(t('import.report.nothing_to_import'));
  else if (input.dryRun && !input.offer) lines.push('', t('import.report.dry_run_next'));
  return file ? { text: lines.join('\n'), file } : { text: lines.join('\n') };
}

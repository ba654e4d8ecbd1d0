/**
 * Spreadsheet cell values as the text a person sees, so both file types feed one validation.
 * Pure: no I/O, no spreadsheet library.
 */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/**
 * The calendar date of a date cell, read in UTC: spreadsheet libraries turn the stored day number
 * into midnight UTC, so local-time getters would move it to the day before west of Greenwich.
 */
export function dateCellText(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * A number cell as text. Whole numbers come out in full (13900001234, not 1.39E+10). A whole
 * number too large for exact arithmetic has already lost digits (Excel keeps 15 significant
 * digits, so an 18-digit ID number typed as a number ends in 000): it comes out in scientific
 * notation, which validation recognises and reports instead of storing a wrong number.
 */
export function numberCellText(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) return n.toExponential();
  return String(n);
}

/**
 * The day of an Excel date serial number (1900 date system): for date cells whose format the
 * reader did not recognise as a date (some built-in Chinese date formats), which arrive as
 * plain numbers such as 24970.
 */
export function excelSerialDate(serial: number): string {
  // Day 25569 is 1970-01-01; Excel's phantom 1900-02-29 is before every birth date we accept.
  return dateCellText(new Date(Math.round((serial - 25569) * 86_400_000)));
}

type RichText = { richText: { text: string }[] };

/** Any cell value (exceljs shapes: rich text, formulas, hyperlinks, errors) as plain text. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberCellText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : dateCellText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v as RichText).richText.map((r) => r.text).join('');
    if ('result' in v) return cellText(v.result); // a formula: what it computed
    if ('formula' in v || 'sharedFormula' in v) return ''; // a formula never calculated
    if ('text' in v) return cellText(v.text); // a hyperlink
    if (typeof v.error === 'string') return v.error; // #N/A and friends: shown, and refused by validation
  }
  return String(value);
}

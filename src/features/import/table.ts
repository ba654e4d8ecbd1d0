/** A roster as read from a file, before any meaning is given to its columns. */
export interface TableRow {
  /** The row number the spreadsheet shows (header usually 1), so errors point at the right line. */
  rowNumber: number;
  /** Cell texts from column A on; missing cells are ''. */
  cells: string[];
}

/** More rows than one import should take: a province splits its roster by city. */
export const MAX_DATA_ROWS = 20_000;

/** Drops rows with no visible content: spreadsheets keep formatted but empty rows. */
export const hasContent = (cells: string[]) => cells.some((c) => c.trim() !== '');

/**
 * Checks every row of a roster and gathers the people in it. Pure: rows and column meanings in,
 * people and row problems out; the database is not asked anything here.
 */
import { z } from 'zod';
import { loopTurn } from '../../core/loop-turn.ts';
import { checkIdNumber, cleanText } from '../../domain/index.ts';
import { honourCategoryOf, honourCategoryWithin, levelOf, levelWithin, parseHonourText, type HonourText, type Level } from '../../domain/vocabulary.ts';
import { HONOREE_FIELDS, parseField, type HonoreeField, type HonoreeValues } from '../honorees/index.ts';
import { excelSerialDate } from './cell-text.ts';
import type { Column, ColumnMap } from './columns.ts';
import type { TableRow } from './table.ts';

export type HonourInput = HonourText & { documentNo?: string };

/** One person of the file, from one or more rows with the same ID number. */
export interface ImportPerson {
  idNumber: string;
  /** Only the cells that had a value: an empty cell leaves a stored value alone. */
  values: HonoreeValues & { name: string; idNumber: string };
  honours: HonourInput[];
  /** Row numbers this person came from, first one first. */
  rows: number[];
}

/** A problem (or a note) about one row; `key` is a message of the import namespace. */
export interface RowIssue {
  row: number;
  column?: Column;
  value?: string;
  key: string;
  params?: Record<string, string | number>;
}

export interface Validated {
  people: ImportPerson[];
  errors: RowIssue[];
  warnings: RowIssue[];
  /** Data rows that had anything in the columns we read. */
  rowCount: number;
}

/** parseField speaks the language of the guided add; rows get shorter messages of their own. */
const importKey = (honoreesKey: string) => honoreesKey.replace(/^honorees\.invalid\./, 'import.invalid.');

/** Spaces people leave around cells, including full-width and zero-width ones. */
// Control characters, terminal escapes and bidi overrides go first: a cell is text people typed.
const trimCell = (s: string) => cleanText(s).replace(/^[\s\u200b]+|[\s\u200b]+$/g, '');

/**
 * Undoes what people do to keep Excel from mangling numbers: a leading apostrophe, or the
 * ="0123" formula trick of CSV exports.
 */
const unprotect = (s: string) => /^="(.*)"$/.exec(s)?.[1] ?? s.replace(/^'/, '');

/** Tidies a cell for one field before the shared field parser sees it. */
function prepare(field: HonoreeField, raw: string): string {
  const s = trimCell(raw);
  if (field === 'idNumber' || field === 'phone' || field === 'fileNo') return unprotect(s);
  // Rosters align two-character names with a space (张  三): the name is still 张三.
  if (field === 'name' && /^[\p{Script=Han}\s]+$/u.test(s)) return s.replace(/\s+/g, '');
  if (field === 'gender') return s.replace(/^([男女])性$/, '$1');
  // A date cell in a format the reader did not recognise arrives as its day number.
  if (field === 'birthDate' && /^\d{5}$/.test(s)) return excelSerialDate(Number(s));
  return s;
}

/** An ID number Excel stored as a number: 5.30126E+17, its last digits already gone. */
const SCIENTIFIC = /^\d(\.\d+)?e\+?\d+$/i;
/** A 出生年月 value, 1968.05 or 1968年5月: only the month, which the ID number completes. */
const YEAR_MONTH = /^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$/;

function rowSchema(today: string) {
  const cell = (field: HonoreeField) =>
    z.string().transform((raw, ctx) => {
      if (raw === '') {
        if (field === 'name' || field === 'idNumber') ctx.addIssue({ code: 'custom', message: `import.invalid.${field}_missing`, input: raw });
        return undefined;
      }
      if (field === 'idNumber' && SCIENTIFIC.test(raw)) {
        ctx.addIssue({ code: 'custom', message: 'import.invalid.idNumber_as_number', input: raw });
        return z.NEVER;
      }
      const parsed = parseField(field, raw, today);
      if (!parsed.ok) {
        // An 18-digit number ending in 000 that fails its check: Excel cut it to 15 digits.
        const truncated = field === 'idNumber' && parsed.error.endsWith('check_digit') && /^\d{15}000$/.test(raw);
        ctx.addIssue({ code: 'custom', message: truncated ? 'import.invalid.idNumber_truncated' : importKey(parsed.error), input: raw });
        return z.NEVER;
      }
      // Skip words (无, -) count as empty: importing never clears a stored value.
      return parsed.value ?? undefined;
    });
  return z.object(Object.fromEntries(HONOREE_FIELDS.map((f) => [f, cell(f)])) as Record<HonoreeField, ReturnType<typeof cell>>);
}

const YEAR = /^((?:19|20)\d{2})(?:年|\D|$)/;

/** Honours of one row: the 荣誉 text columns and the per-honour columns. */
function rowHonours(row: TableRow, map: ColumnMap, maxYear: number): { honours: HonourInput[]; issues: RowIssue[] } {
  const honours: HonourInput[] = [];
  const issues: RowIssue[] = [];
  const at = (c: Column | undefined) => (c ? trimCell(row.cells[c.index] ?? '') : '');
  for (const column of map.honourText) {
    for (const part of at(column).split(/[；;\n]/).map(trimCell).filter(Boolean)) {
      const h = parseHonourText(part, maxYear);
      if (h.ok) honours.push(h.value);
      else issues.push({ row: row.rowNumber, column, value: part, key: `import.invalid.honour_${h.reason}` });
    }
  }
  const p = map.honourParts;
  const [category, level, year, awardingBody, documentNo] = [p.category, p.level, p.year, p.awardingBody, p.documentNo].map(at);
  if (!category && !level && !year && !awardingBody && !documentNo) return { honours, issues };
  const categoryWord = honourCategoryOf(category) ? { value: honourCategoryOf(category)!, word: category } : honourCategoryWithin(category);
  if (!categoryWord) issues.push({ row: row.rowNumber, column: p.category, value: category, key: 'import.invalid.honour_category' });
  // The level may be in its own column, or inside the category (省级劳动模范, 全国劳动模范).
  const levelValue: Level | undefined =
    levelOf(level) ??
    levelWithin(level)?.value ??
    (categoryWord?.word === '全国劳动模范' ? 'national' : undefined) ??
    (categoryWord && !level ? levelWithin(category.replace(categoryWord.word, ' '))?.value : undefined);
  if (!levelValue) issues.push({ row: row.rowNumber, column: p.level ?? p.category, value: level, key: 'import.invalid.honour_level' });
  const yearValue = Number(YEAR.exec(year)?.[1] ?? NaN);
  if (!(yearValue >= 1950 && yearValue <= maxYear)) issues.push({ row: row.rowNumber, column: p.year, value: year, key: 'import.invalid.honour_year' });
  if (categoryWord && levelValue && yearValue >= 1950 && yearValue <= maxYear) {
    honours.push({
      category: categoryWord.value,
      level: levelValue,
      year: yearValue,
      ...(awardingBody ? { awardingBody } : {}),
      ...(documentNo ? { documentNo } : {}),
    });
  }
  return { honours, issues };
}

const honourKey = (h: HonourInput) => `${h.category}|${h.level}|${h.year}`;

/** Adds honours to a list, merging details; a different detail for the same honour is a conflict. */
function mergeHonours(into: HonourInput[], more: HonourInput[]): boolean {
  for (const h of more) {
    const same = into.find((x) => honourKey(x) === honourKey(h));
    if (!same) {
      into.push({ ...h });
      continue;
    }
    if ((h.awardingBody && same.awardingBody && h.awardingBody !== same.awardingBody) || (h.documentNo && same.documentNo && h.documentNo !== same.documentNo)) return false;
    same.awardingBody ??= h.awardingBody;
    same.documentNo ??= h.documentNo;
  }
  return true;
}

/** Notes where the file disagrees with what its own ID number says (saved as written). */
function idWarnings(row: number, values: HonoreeValues, map: ColumnMap): RowIssue[] {
  const id = checkIdNumber(values.idNumber ?? '');
  if (!id.ok) return [];
  const out: RowIssue[] = [];
  if (values.birthDate && values.birthDate !== id.birthDate) {
    out.push({ row, column: map.fields.birthDate, value: values.birthDate, key: 'import.warn.birth_date_differs', params: { fromId: id.birthDate } });
  }
  if (values.gender && values.gender !== id.gender) out.push({ row, column: map.fields.gender, value: values.gender, key: 'import.warn.gender_differs' });
  return out;
}

/**
 * Validates every data row: field by field, honours, and rows that repeat a person. Lets the
 * event loop turn between rows: 20,000 rows are seconds of work.
 */
export async function validateRows(rows: TableRow[], map: ColumnMap, today: string): Promise<Validated> {
  const schema = rowSchema(today);
  const maxYear = Number(today.slice(0, 4));
  const people = new Map<string, ImportPerson>();
  const fileNoOwner = new Map<string, { idNumber: string; row: number }>();
  const errors: RowIssue[] = [];
  const warnings: RowIssue[] = [];
  let rowCount = 0;

  for (const row of rows) {
    await loopTurn();
    const raw = Object.fromEntries(
      HONOREE_FIELDS.map((f) => [f, map.fields[f] ? prepare(f, row.cells[map.fields[f]!.index] ?? '') : '']),
    ) as Record<HonoreeField, string>;
    const honoured = rowHonours(row, map, maxYear);
    // A row with nothing in the columns we read (a template's pre-numbered empty line) is no row.
    if (HONOREE_FIELDS.every((f) => raw[f] === '') && !honoured.honours.length && !honoured.issues.length) continue;
    rowCount++;

    // 出生年月 gives only the month: the ID number has the day, and must agree with it.
    const ym = YEAR_MONTH.exec(raw.birthDate);
    const id = checkIdNumber(raw.idNumber);
    if (ym && id.ok && id.birthDate.startsWith(`${ym[1]}-${ym[2].padStart(2, '0')}`)) raw.birthDate = id.birthDate;

    const parsed = schema.safeParse(raw);
    const issues: RowIssue[] = parsed.success
      ? []
      : parsed.error.issues.map((i) => {
          const field = i.path[0] as HonoreeField;
          return { row: row.rowNumber, column: map.fields[field], value: raw[field], key: i.message };
        });
    issues.push(...honoured.issues);
    if (issues.length || !parsed.success) {
      // Left to right, as the person reads the row.
      errors.push(...issues.sort((a, b) => (a.column?.index ?? Infinity) - (b.column?.index ?? Infinity)));
      continue;
    }
    const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as ImportPerson['values'];

    // The same file number for two different people: the second cannot have it.
    const owner = values.fileNo ? fileNoOwner.get(values.fileNo) : undefined;
    if (owner && owner.idNumber !== values.idNumber) {
      errors.push({ row: row.rowNumber, column: map.fields.fileNo, value: values.fileNo ?? undefined, key: 'import.invalid.fileNo_twice', params: { other: owner.row } });
      continue;
    }

    const before = people.get(values.idNumber);
    if (before) {
      // A person on several rows (one honour per row): the rows must not contradict each other.
      const differ = HONOREE_FIELDS.filter((f) => values[f] !== undefined && before.values[f] !== undefined && values[f] !== before.values[f]);
      const merged = before.honours.map((h) => ({ ...h }));
      if (differ.length || !mergeHonours(merged, honoured.honours)) {
        errors.push({
          row: row.rowNumber,
          column: differ[0] ? map.fields[differ[0]] : undefined,
          key: differ.length ? 'import.invalid.conflict' : 'import.invalid.conflict_honour',
          params: { other: before.rows[0], fields: differ.map((f) => map.fields[f]!.header).join('、') },
        });
        continue;
      }
      before.values = { ...before.values, ...values };
      before.honours = merged;
      before.rows.push(row.rowNumber);
    } else {
      const honours: HonourInput[] = [];
      mergeHonours(honours, honoured.honours);
      people.set(values.idNumber, { idNumber: values.idNumber, values, honours, rows: [row.rowNumber] });
    }
    if (values.fileNo) fileNoOwner.set(values.fileNo, { idNumber: values.idNumber, row: row.rowNumber });
    warnings.push(...idWarnings(row.rowNumber, values, map));
  }
  return { people: [...people.values()], errors, warnings, rowCount };
}

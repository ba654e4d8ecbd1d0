/**
 * Calendar dates as ISO strings `YYYY-MM-DD`.
 * Strings rather than Date objects: a visit or a birthday is a day on the Chinese calendar,
 * not an instant, and a Date would drag a time zone into every comparison.
 * ISO strings of the same length also sort and compare correctly as plain strings.
 */

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Gregorian leap year. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days in a month (1-12) of a year (February by the Gregorian leap rule). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when the numbers name a day that exists (year 1-9999). */
function isRealYmd(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && year >= 1 && year <= 9999 &&
    Number.isInteger(month) && month >= 1 && month <= 12 &&
    Number.isInteger(day) && day >= 1 && day <= daysInMonth(year, month)
  );
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Builds `YYYY-MM-DD` from numbers (no validation). */
function toIso(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
}

/** Splits a strict ISO date into numbers, or null if the shape is wrong. */
function splitIso(iso: string): [number, number, number] | null {
  const m = ISO.exec(iso);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/**
 * True if `iso` is exactly `YYYY-MM-DD` and that day exists
 * (`2024-02-29` yes, `2026-02-29` and `2026-02-30` no).
 */
export function isRealDate(iso: string): boolean {
  const parts = splitIso(iso);
  return parts !== null && isRealYmd(...parts);
}

/**
 * Today's date in a time zone, e.g. `todayIn('Asia/Shanghai', now)`.
 * The clock is passed in so callers (and tests) decide what "now" is;
 * the server may run in UTC while staff live in UTC+8, so "today" must be zoned.
 */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  // formatToParts rather than format(): the en-CA pattern happens to be ISO, but parts don't rely on that.
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year').padStart(4, '0')}-${get('month')}-${get('day')}`;
}

/**
 * Day of the week of a date, 1 = Monday … 7 = Sunday (the Chinese week, 周一 to 周日).
 * @throws RangeError if `iso` is not a real date.
 */
export function weekdayOf(iso: string): number {
  const parts = splitIso(iso);
  if (!parts || !isRealYmd(...parts)) throw new RangeError(`Not a date: ${iso}`);
  const t = new Date(0);
  t.setUTCFullYear(parts[0], parts[1] - 1, parts[2]);
  return t.getUTCDay() || 7; // getUTCDay counts Sunday as 0
}

/**
 * The date `n` days after `iso` (negative `n` goes back).
 * @throws RangeError if `iso` is not a real date or `n` is not an integer.
 */
export function addDays(iso: string, n: number): string {
  const parts = splitIso(iso);
  if (!parts || !isRealYmd(...parts)) throw new RangeError(`Not a date: ${iso}`);
  if (!Number.isInteger(n)) throw new RangeError(`Not a whole number of days: ${n}`);
  const [y, m, d] = parts;
  // UTC arithmetic has no daylight-saving jumps, so adding whole days is exact.
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d + n); // setUTCFullYear, unlike Date.UTC, doesn't remap years 0-99 to 1900s
  return toIso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @throws RangeError if either is not a real date.
 */
export function daysBetween(from: string, to: string): number {
  const at = (iso: string) => {
    const parts = splitIso(iso);
    if (!parts || !isRealYmd(...parts)) throw new RangeError(`Not a date: ${iso}`);
    const t = new Date(0);
    t.setUTCFullYear(parts[0], parts[1] - 1, parts[2]);
    return t.getTime();
  };
  return Math.round((at(to) - at(from)) / 86_400_000);
}

/** Result of {@link parseDateWord}. */
export type DateWordResult =
  | { ok: true; date: string }
  | { ok: false; reason: 'format' | 'impossible' | 'future' };

/** Words for a day relative to today, by offset. */
const RELATIVE = new Map<string, number>([
  ['今天', 0], ['今日', 0], ['today', 0],
  ['昨天', -1], ['昨日', -1], ['yesterday', -1],
  ['前天', -2],
]); // a Map, not an object literal: "constructor" must not count as a date word

/** Shapes with a year: 2026-11-20, 2026-1-5, 2026/11/20, 2026.11.20, 2026年11月20日. */
const WITH_YEAR = [
  /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/, // the same separator both times: "2026-11.20" is a typo, not a date
  /^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$/,
];
/** A day without its year further ahead than this is last year's. */
const HALF_YEAR_DAYS = 182;
/** Shapes without a year: 11月20日, 11-20. */
const WITHOUT_YEAR = [/^(\d{1,2})月(\d{1,2})[日号]?$/, /^(\d{1,2})-(\d{1,2})$/];
/**
 * Compact 20261120. Narrowed to years 19xx/20xx, months 01-12 and days 01-31 because any 8 digits
 * could be a landline number or an amount; 20260230 still counts as a (impossible) date.
 */
const COMPACT = /^((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/;

/**
 * Tidies a typed token: full-width digits and punctuation (from Chinese IMEs) become ASCII,
 * inner spaces go ("2026 年 11 月 20 日"), English words are lower-cased.
 */
function tidy(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Reads the year, month and day out of a tidied token, or null if it has no date shape. */
function readShape(t: string, currentYear: number): [number, number, number] | null {
  const dashed = WITH_YEAR[0].exec(t);
  if (dashed) return [Number(dashed[1]), Number(dashed[3]), Number(dashed[4])];
  const chinese = WITH_YEAR[1].exec(t);
  if (chinese) return [Number(chinese[1]), Number(chinese[2]), Number(chinese[3])];
  for (const re of WITHOUT_YEAR) {
    const m = re.exec(t);
    if (m) return [currentYear, Number(m[1]), Number(m[2])];
  }
  const compact = COMPACT.exec(t);
  if (compact) return [Number(compact[1]), Number(compact[2]), Number(compact[3])];
  return null;
}

/**
 * True if a token has the shape of a date {@link parseDateWord} understands, even an impossible
 * one like `2026-02-30`, so a command parser can tell a date (to be reported as wrong) from a name.
 */
export function looksLikeDate(token: string): boolean {
  const t = tidy(token);
  return RELATIVE.has(t) || readShape(t, 2000) !== null;
}

/**
 * Reads a date the way staff type it, relative to `today` (`YYYY-MM-DD`, see {@link todayIn}).
 * Accepts 今天/今日/today, 昨天/昨日/yesterday, 前天, `2026-11-20`, `2026-1-5`, `2026/11/20`,
 * `2026.11.20`, `2026年11月20日`, `11月20日` and `11-20` (in the year of `today`), `20261120`.
 * Dates after `today` are refused as 'future': the dates recorded here are of visits already made.
 * @throws RangeError if `today` is not a real `YYYY-MM-DD` date.
 */
export function parseDateWord(text: string, today: string): DateWordResult {
  // A bad `today` is the caller's bug, not the user's typing: fail loudly rather than answer 'format'.
  if (!isRealDate(today)) throw new RangeError(`today is not a date: ${today}`);
  const t = tidy(text);
  const offset = RELATIVE.get(t);
  if (offset !== undefined) return { ok: true, date: addDays(today, offset) };
  const shape = readShape(t, Number(today.slice(0, 4)));
  if (!shape) return { ok: false, reason: 'format' };
  // A day typed without its year is the one nearest today: 12-28 typed on 3 January is last
  // year's (a New Year visit recorded after it), 12-01 typed in late November is still ahead.
  if (WITHOUT_YEAR.some((re) => re.test(t)) && isRealYmd(...shape) && daysBetween(today, toIso(...shape)) > HALF_YEAR_DAYS) shape[0] -= 1;
  if (!isRealYmd(...shape)) return { ok: false, reason: 'impossible' };
  const date = toIso(...shape);
  if (date > today) return { ok: false, reason: 'future' };
  return { ok: true, date };
}

/**
 * Age in whole years on `today`. Someone born on 29 February turns a year older on 1 March
 * in non-leap years (their birthday hasn't happened on the 28th yet).
 * Negative if `today` is before `birthDate`.
 * @throws RangeError if either is not a real date.
 */
export function ageOn(birthDate: string, today: string): number {
  const b = splitIso(birthDate);
  const t = splitIso(today);
  if (!b || !isRealYmd(...b)) throw new RangeError(`Not a date: ${birthDate}`);
  if (!t || !isRealYmd(...t)) throw new RangeError(`Not a date: ${today}`);
  const hadBirthday = t[1] > b[1] || (t[1] === b[1] && t[2] >= b[2]);
  return t[0] - b[0] - (hadBirthday ? 0 : 1);
}

/**
 * A year as staff type it in a command: `2026`, `2026年`, full-width digits too (2000–2099, the
 * years the union's records can be about). Null for any other word.
 */
export function yearWord(word: string): number | null {
  const m = /^(20\d{2})年?$/.exec(word.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

/** The first year among a command's words (see {@link yearWord}), and the words without it. */
export function takeYear(words: readonly string[]): { year: number | null; rest: string[] } {
  const at = words.findIndex((w) => yearWord(w) !== null);
  return at < 0 ? { year: null, rest: [...words] } : { year: yearWord(words[at]), rest: words.filter((_, i) => i !== at) };
}

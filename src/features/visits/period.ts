import { addDays, looksLikeDate, parseDateWord, type DateWordResult } from '../../domain/index.ts';

/**
 * Reads the period a visit list is asked for: `本月`, `上月`, `今年`, `2026-11`, `2026`,
 * `2026-11-01 2026-11-30` ... Pure: today is passed in, so it is unit-tested on its own.
 */

/** A closed range of calendar days, and how to name it (a key under `visits.period.`). */
export interface Period {
  from: string;
  to: string;
  label: { key: 'day' | 'month' | 'year' | 'range'; params: Record<string, string | number> };
}

export type PeriodResult =
  | { ok: true; period: Period }
  /** Not a period at all (a name, a file number ...): the caller may read it as a person. */
  | { ok: false; reason: 'not_period' }
  /** Shaped like a period but impossible (`2026-13`, `2026-02-30`), or ending before it starts. */
  | { ok: false; reason: 'invalid' | 'reversed' };

const pad2 = (n: number) => String(n).padStart(2, '0');

function monthOf(year: number, month: number): Period {
  const from = `${year}-${pad2(month)}-01`;
  const next = month === 12 ? `${year + 1}-01-01` : `${year}-${pad2(month + 1)}-01`;
  return { from, to: addDays(next, -1), label: { key: 'month', params: { year, month } } };
}

const yearOf = (year: number): Period => ({ from: `${year}-01-01`, to: `${year}-12-31`, label: { key: 'year', params: { year } } });
const dayOf = (date: string): Period => ({ from: date, to: date, label: { key: 'day', params: { date } } });

const thisMonth = (today: string) => monthOf(Number(today.slice(0, 4)), Number(today.slice(5, 7)));
const lastMonth = (today: string) => thisMonth(addDays(`${today.slice(0, 7)}-01`, -1));
const thisYear = (today: string) => yearOf(Number(today.slice(0, 4)));
const lastYear = (today: string) => yearOf(Number(today.slice(0, 4)) - 1);

const WORDS = new Map<string, (today: string) => Period>([
  ['本月', thisMonth], ['这个月', thisMonth], ['当月', thisMonth], ['this month', thisMonth],
  ['上月', lastMonth], ['上个月', lastMonth], ['last month', lastMonth],
  ['今年', thisYear], ['本年', thisYear], ['this year', thisYear],
  ['去年', lastYear], ['last year', lastYear],
]); // a Map, not an object literal: "constructor" must not count as a period word

/**
 * One day. A period may end after today (`2026-11-01 2026-11-30` on the 23rd), which
 * parseDateWord refuses for visits: read such dates against the end of this year, then of time.
 * Relative words (今天, 昨天) are never in the future, so they keep their meaning.
 */
function readDay(token: string, today: string): DateWordResult {
  const r = parseDateWord(token, today);
  if (r.ok || r.reason !== 'future') return r;
  const sameYear = parseDateWord(token, `${today.slice(0, 4)}-12-31`); // year-less `12-20` stays in this year
  return sameYear.ok || sameYear.reason !== 'future' ? sameYear : parseDateWord(token, '9999-12-31');
}

/** One word as a span of days; null when it is no period word at all. */
function span(token: string, today: string): Period | 'invalid' | null {
  const word = WORDS.get(token);
  if (word) return word(today);
  // A bare 4-digit number between 1900 and 2100 is a year; other 4 digits are the end of a
  // phone number, which the person search understands.
  const year = /^(\d{4})(年)?$/.exec(token);
  if (year) {
    const y = Number(year[1]);
    if (y >= 1900 && y <= 2100) return yearOf(y);
    return year[2] ? 'invalid' : null;
  }
  const month = /^(\d{4})[-/.](\d{1,2})$/.exec(token) ?? /^(\d{4})年(\d{1,2})月份?$/.exec(token);
  const monthOnly = /^(\d{1,2})月份?$/.exec(token);
  if (month || monthOnly) {
    const [y, m] = month ? [Number(month[1]), Number(month[2])] : monthNearest(today, Number(monthOnly![1]));
    return m >= 1 && m <= 12 && y >= 1900 ? monthOf(y, m) : 'invalid';
  }
  if (looksLikeDate(token)) {
    const d = readDay(token, today);
    return d.ok ? dayOf(d.date) : 'invalid';
  }
  return null;
}

/** A month typed without its year: the one nearest today (12月 typed in January is last December). */
function monthNearest(today: string, month: number): [number, number] {
  const year = Number(today.slice(0, 4));
  return [month - Number(today.slice(5, 7)) > 6 ? year - 1 : year, month];
}

/**
 * The period a text names, relative to `today` (YYYY-MM-DD). Empty text is this month. Two
 * periods (`2026-11-01 2026-11-30`, `2026-09至2026-11`) make a range from the start of the first
 * to the end of the second.
 */
export function parsePeriod(text: string, today: string): PeriodResult {
  const t = text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
  if (!t) return { ok: true, period: thisMonth(today) };
  const one = span(t, today);
  if (one === 'invalid') return { ok: false, reason: 'invalid' };
  if (one) return { ok: true, period: one };

  const ends = t.replace(/\s*(?:至|到|~|—|–|\bto\b)\s*/g, ' ').trim().split(' ');
  if (ends.length !== 2) return { ok: false, reason: 'not_period' };
  const [a, b] = ends.map((e) => span(e, today));
  if (!a || !b) return { ok: false, reason: 'not_period' };
  if (a === 'invalid' || b === 'invalid') return { ok: false, reason: 'invalid' };
  if (a.from > b.to) return { ok: false, reason: 'reversed' };
  return { ok: true, period: { from: a.from, to: b.to, label: { key: 'range', params: { from: a.from, to: b.to } } } };
}

export type PersonPeriodResult =
  | { ok: true; query: string; period?: Period; periodText: string }
  | { ok: false; reason: 'invalid' | 'reversed'; text: string };

/**
 * Reads `张三 2026-11` as a person and a period. If what follows the first word is no period, the
 * whole text names the person (pinyin with a space: `zhang san`); a period that cannot be right
 * (`张三 2026-13`) is an error, not part of a name.
 */
export function parsePersonPeriod(text: string, today: string): PersonPeriodResult {
  const [first, ...more] = text.trim().split(/\s+/);
  const periodText = more.join(' ');
  const after = periodText ? parsePeriod(periodText, today) : undefined;
  if (after && !after.ok && after.reason !== 'not_period') return { ok: false, reason: after.reason, text: periodText };
  if (after?.ok) return { ok: true, query: first, period: after.period, periodText };
  return { ok: true, query: text.trim(), periodText: '' };
}

/** `第2页`, `第 2 页`, `page 2`, `p2` at the end of a list command. */
const PAGE_WORD = /(?:^|\s)(?:第\s*(\d{1,7})\s*页|(?:page|p)\s*(\d{1,7}))$/i;

/** Takes a page word off the end of a list command's text: `2026-11 第2页` is page 2 of `2026-11`. */
export function splitPage(text: string): { text: string; page: number } {
  const t = text.normalize('NFKC').trim();
  const m = PAGE_WORD.exec(t);
  if (!m) return { text: text.trim(), page: 1 };
  return { text: t.slice(0, m.index).trim(), page: Number(m[1] ?? m[2]) };
}

/**
 * Reads the one-line reminder staff type after `提醒`: when it fires, then what it says.
 * `明天 9:00 给张三打电话`, `2026-12-01 14:30 慰问金到账核对`, `30分钟后 回电话`, `每月1日 9:00 …`.
 * Returns codes and values, never sentences: the chat layer words the answer from the locale files.
 */
import { addDays, daysInMonth, isRealDate, todayIn, weekdayOf } from './dates.ts';
import { readClockTime, toAsciiDigits } from './clock-time.ts';
import { nextOccurrence, type ReminderRule } from './reminder-rule.ts';
import { wallClock, zonedInstant } from './zoned-time.ts';

/** Longest reminder text, in characters (code points). */
export const REMINDER_TEXT_MAX = 500;
/** How far ahead a one-off reminder may be set, in calendar years. */
export const REMINDER_MAX_YEARS = 2;
/** Largest N in `N分钟后`, `N小时后`, `N天后`: 730 days each, so a valid N is never too far. */
export const REMINDER_MAX_COUNT = { minutes: 730 * 24 * 60, hours: 730 * 24, days: 730 } as const;

/** Why a line is not a reminder; `params` of the failure carry the details named in each. */
export type ReminderError =
  | 'no_time' //         no time of day; `day` when a day was given (`明天`, `每周一`)
  | 'no_text' //         nothing to remind of
  | 'invalid_time' //    `value`: `25:00`, `9:60`
  | 'invalid_date' //    `value`: `2026-02-30`, `每月32日`
  | 'past' //            `date`, `time` of the moment already gone
  | 'too_far' //         `maxYears`, `lastDate`
  | 'out_of_range' //    `value`, `unit` (minutes, hours, days), `min`, `max`
  | 'text_too_long'; //  `max`, `length`

/** Result of {@link parseReminder}. `first` is when it fires first, strictly after now. */
export type ParsedReminder =
  | { ok: true; rule: ReminderRule; text: string; first: Date }
  | { ok: false; code: ReminderError; params: Record<string, string | number> };

type Failure = Extract<ParsedReminder, { ok: false }>;
/** What the "when" part of the line means, and where it ends. */
type When = { ok: true; rule: ReminderRule; end: number };

const fail = (code: ReminderError, params: Failure['params'] = {}): Failure => ({ ok: false, code, params });

const WEEKDAYS = '一二三四五六日天';
const weekdayNumber = (c: string) => Math.min(WEEKDAYS.indexOf(c) + 1, 7); // 日 and 天 are both Sunday

const DAILY = /\s*每[天日]/y;
const WEEKLY = /\s*每个?(?:周|星期|礼拜)([一二三四五六日天])/y;
const MONTHLY = /\s*每个?月(\d+)[日号]/y;
const COUNT = /\s*(\d+)\s*(分钟|个?小时|天)\s*以?后/y;
const DAY_WORD = /\s*(大后天|今天|今日|明天|明日|后天)/y;
const DAY_OFFSETS: Record<string, number> = { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
const WEEKDAY = /\s*(下)?(?:周|星期|礼拜)([一二三四五六日天])/y;
/** 2026-12-01, 2026/12/1, 2026.12.1 (one separator throughout), 2026年12月1日. */
const FULL_DATE = /\s*(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})(?!\d)|年(\d{1,2})月(\d{1,2})(?!\d)[日号]?)/y;
/** 12-01, 12/1, 12月1日: the next such day. */
const SHORT_DATE = /\s*(\d{1,2})(?:[-/](\d{1,2})(?![\d:])|月(\d{1,2})(?!\d)[日号]?)/y;

function matchAt(re: RegExp, line: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(line);
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** The last day a one-off may fall on: the same day {@link REMINDER_MAX_YEARS} years on (29 Feb → 28 Feb). */
function lastAllowedDate(today: string): string {
  const [y, m, d] = today.split('-').map(Number);
  const year = y + REMINDER_MAX_YEARS;
  return `${year}-${pad2(m)}-${pad2(Math.min(d, daysInMonth(year, m)))}`;
}

/** A one-off at `at`, refused if it is not after now or beyond the limit. */
function once(at: Date, end: number, now: Date, timeZone: string): When | Failure {
  const shown = wallClock(at, timeZone);
  if (at.getTime() <= now.getTime()) return fail('past', { date: shown.date, time: shown.time });
  const lastDate = lastAllowedDate(todayIn(timeZone, now));
  if (shown.date > lastDate) return fail('too_far', { maxYears: REMINDER_MAX_YEARS, lastDate });
  return { ok: true, rule: { kind: 'once', at }, end };
}

/** The time of day that must follow a day at `pos`; `day` is what the user typed for the day. */
function clockAfter(line: string, pos: number, day: string): { ok: true; time: string; end: number } | Failure {
  const clock = readClockTime(line, pos);
  if (!clock) return fail('no_time', { day });
  if (!clock.ok) return fail('invalid_time', { value: clock.value });
  return clock;
}

/** 每天, 每周一, 每月1日 with their time. */
function readRecurring(line: string): When | Failure | null {
  const m = matchAt(DAILY, line, 0) ?? matchAt(WEEKLY, line, 0) ?? matchAt(MONTHLY, line, 0);
  if (!m) return null;
  const day = m[0].trim();
  const monthly = m[0].includes('月');
  const monthDay = Number(m[1]);
  if (monthly && !(monthDay >= 1 && monthDay <= 31)) return fail('invalid_date', { value: day });
  const clock = clockAfter(line, m.index + m[0].length, day);
  if (!clock.ok) return clock;
  const { time, end } = clock;
  if (monthly) return { ok: true, rule: { kind: 'monthly', day: monthDay, time }, end };
  if (m[1]) return { ok: true, rule: { kind: 'weekly', weekday: weekdayNumber(m[1]), time }, end };
  return { ok: true, rule: { kind: 'daily', time }, end };
}

/** 30分钟后, 2小时后: an exact span. 3天后 [9:00]: the same (or the given) clock time 3 days on. */
function readCount(line: string, now: Date, timeZone: string): When | Failure | null {
  const m = matchAt(COUNT, line, 0);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = m[2] === '分钟' ? 'minutes' : m[2] === '天' ? 'days' : 'hours';
  const max = REMINDER_MAX_COUNT[unit];
  if (!(n >= 1 && n <= max)) return fail('out_of_range', { value: m[1], unit, min: 1, max });
  const end = COUNT.lastIndex;
  if (unit !== 'days') return once(new Date(now.getTime() + n * (unit === 'minutes' ? 60_000 : 3_600_000)), end, now, timeZone);
  const date = addDays(todayIn(timeZone, now), n);
  const clock = readClockTime(line, end);
  if (clock && !clock.ok) return fail('invalid_time', { value: clock.value });
  if (clock) return once(zonedInstant(date, clock.time, timeZone), clock.end, now, timeZone);
  const shown = wallClock(now, timeZone);
  return once(zonedInstant(date, `${shown.time}:${pad2(shown.seconds)}`, timeZone), end, now, timeZone);
}

/**
 * A day (今天, 明天, 后天, 大后天, 周五, 下周五, a date) at `0`: the date (or, for a weekday,
 * its first candidate) and where the day ends; or a failure for an impossible date.
 */
function readDay(line: string, today: string): { date: string; nextWeekIfPassed?: boolean; day: string; end: number } | Failure | null {
  let m = matchAt(DAY_WORD, line, 0);
  if (m) return { date: addDays(today, DAY_OFFSETS[m[1]]), day: m[1], end: DAY_WORD.lastIndex };
  if ((m = matchAt(WEEKDAY, line, 0))) {
    const wd = weekdayNumber(m[2]);
    const todayWd = weekdayOf(today);
    // 周五: this week's Friday if it is still ahead (today included), else next week's.
    // 下周五: the Friday of next week (weeks start on Monday).
    const ahead = m[1] ? 7 - todayWd + wd : (wd - todayWd + 7) % 7;
    return { date: addDays(today, ahead), nextWeekIfPassed: !m[1], day: m[0].trim(), end: WEEKDAY.lastIndex };
  }
  let y: number, mo: number, d: number;
  if ((m = matchAt(FULL_DATE, line, 0))) {
    [y, mo, d] = [Number(m[1]), Number(m[3] ?? m[5]), Number(m[4] ?? m[6])];
  } else if ((m = matchAt(SHORT_DATE, line, 0))) {
    [y, mo, d] = [Number(today.slice(0, 4)), Number(m[1]), Number(m[2] ?? m[3])];
    // Without a year: this year's if that day is today or later, else next year's.
    if (`${y}-${pad2(mo)}-${pad2(d)}` < today) y += 1;
  } else return null;
  const day = m[0].trim();
  const date = `${y}-${pad2(mo)}-${pad2(d)}`;
  if (!isRealDate(date)) return fail('invalid_date', { value: day });
  return { date, day, end: m.index + m[0].length };
}

/** The "when" part of the line, in the order: recurring, counted, a day and time, a bare time. */
function readWhen(line: string, now: Date, timeZone: string): When | Failure {
  const recurring = readRecurring(line);
  if (recurring) return recurring;
  const counted = readCount(line, now, timeZone);
  if (counted) return counted;
  const today = todayIn(timeZone, now);
  const day = readDay(line, today);
  if (day && 'ok' in day) return day;
  if (day) {
    const clock = clockAfter(line, day.end, day.day);
    if (!clock.ok) return clock;
    const at = zonedInstant(day.date, clock.time, timeZone);
    // A weekday whose time has passed today means the same weekday next week.
    if (day.nextWeekIfPassed && at.getTime() <= now.getTime()) {
      return once(zonedInstant(addDays(day.date, 7), clock.time, timeZone), clock.end, now, timeZone);
    }
    return once(at, clock.end, now, timeZone);
  }
  const clock = readClockTime(line, 0);
  if (!clock) return fail('no_time');
  if (!clock.ok) return fail('invalid_time', { value: clock.value });
  // A bare time: today if still ahead, else tomorrow.
  const at = zonedInstant(today, clock.time, timeZone);
  const next = at.getTime() > now.getTime() ? at : zonedInstant(addDays(today, 1), clock.time, timeZone);
  return once(next, clock.end, now, timeZone);
}

/**
 * Parses a reminder line (the words after `提醒`) at `now`, with times on the wall clock of
 * `timeZone` (the office's IANA zone, e.g. `Asia/Shanghai`). One-offs: `明天 9:00 …`, `今天`,
 * `后天`, `大后天`, `2026-12-01 14:30 …` (also `2026/12/1`, `2026.12.1`, `2026年12月1日`, and
 * without a year `12-01`, `12/1`, `12月1日`: the next such day), `周五 10:00 …` / `星期五` /
 * `礼拜五` (the next Friday, today if the time is still ahead), `下周五`, `30分钟后 …`, `2小时后 …`
 * (exact spans, to the millisecond), `3天后 [9:00] …` (3 days on, at now's clock time unless one is
 * given), a bare `9:00 …` (today, or tomorrow if passed). Recurring: `每天 8:00 …`, `每周一 9:00 …`
 * (每周日 and 每周天 are Sunday), `每月1日 9:00 …` / `每月1号` (see {@link ReminderRule}).
 * Times: `9:00`, `09:00`, `９：００`, `9点`, `9点半`, `9点30分`, `下午3点`. Days need a time:
 * `明天 给张三打电话` is `no_time`. The rest of the line, trimmed, is the text; it is required.
 * @throws RangeError for an invalid `now` or unknown zone (the caller's bugs, not the user's typing).
 */
export function parseReminder(input: string, now: Date, timeZone: string): ParsedReminder {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is an Invalid Date');
  const when = readWhen(toAsciiDigits(input), now, timeZone);
  if (!when.ok) return when;
  // Punctuation between the time and the text ("明天9点：给张三打电话") is not part of the text.
  const text = input.slice(when.end).replace(/^[\s,，、;；:：]+/, '').trim();
  if (!text) return fail('no_text');
  const length = [...text].length;
  if (length > REMINDER_TEXT_MAX) return fail('text_too_long', { max: REMINDER_TEXT_MAX, length });
  const first = nextOccurrence(when.rule, now, timeZone);
  // A one-off was checked to be ahead of now; recurring rules always have a next time.
  if (!first) return fail('past');
  return { ok: true, rule: when.rule, text, first };
}

/**
 * The days and time slots of a health-checkup campaign as staff type them
 * (`2027-03-10 上午 20人；2027-03-10 下午 15人`), and the fair share-out of honorees over them.
 * Returns problem keys and values, never sentences: the chat layer words them from the locale files.
 */
import { addDays, daysBetween, isRealDate, weekdayOf } from './dates.ts';
import { clockFromDigits, toAsciiDigits } from './clock-time.ts';

/** One checkup slot: a day, a time span on it and how many people the clinic takes then. */
export interface CheckupSlot {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM` */
  start: string;
  /** `HH:MM`, after `start` */
  end: string;
  /** `上午`, `下午`, `全天`, or the typed span as `08:00-10:00`. */
  label: string;
  /** People the slot takes, {@link SLOT_CAPACITY_MIN} to {@link SLOT_CAPACITY_MAX}. */
  capacity: number;
}

/** Fewest and most people one slot may take. 500 is more than any clinic sees in half a day: more is a typo. */
export const SLOT_CAPACITY_MIN = 1;
export const SLOT_CAPACITY_MAX = 500;

/** Why a slot line was refused; `value` is the typed fragment at fault where there is one. */
export type SlotProblem =
  | 'no_date' //               the line does not start with a date
  | 'invalid_date' //          `value`: `2027-02-30`, `13月1日`
  | 'past_date' //             `value`: the date, before today
  | 'far_date' //              `value`: the date, more than MAX_DAYS_AHEAD after today (2072 for 2027)
  | 'weekday_mismatch' //      `value`: `周四` typed after a date that is a Wednesday
  | 'no_period' //             no 上午/下午/全天 or time span after the date
  | 'unknown_period' //        `value`: what stands where the period should (`晚上`)
  | 'invalid_time_range' //    `value`: `10:00-08:00`, `25:00-26:00`, `8:0-9:00`
  | 'no_capacity' //           `value` (if any): what stands where the number should (`二十人`)
  | 'capacity_out_of_range' // `value`: `0`, `501`, `2.5`; the bounds are SLOT_CAPACITY_MIN/MAX
  | 'extra_text'; //           `value`: words after the capacity

/** Result of {@link parseSlotLine}. */
export type SlotLineResult =
  | { ok: true; slot: CheckupSlot }
  | { ok: false; problem: SlotProblem; value?: string };

/** Result of {@link parseSlots}; `line` counts the message's non-blank entries from 1, `text` is that entry. */
export type SlotsResult =
  | { ok: true; slots: CheckupSlot[] }
  | { ok: false; problem: 'no_slots' }
  | { ok: false; problem: SlotProblem; line: number; text: string; value?: string }
  /** Two entries for the same date and start time; `firstLine` is the earlier one, `value` `YYYY-MM-DD HH:MM`. */
  | { ok: false; problem: 'duplicate_slot'; line: number; text: string; firstLine: number; value: string };

/** The period words and the clinic hours they stand for. */
const PERIODS = new Map<string, [string, string]>([
  ['上午', ['08:00', '12:00']],
  ['下午', ['14:00', '17:30']],
  ['全天', ['08:00', '17:30']],
]);

/** 2027-03-10, 2027/3/10, 2027.3.10 (one separator throughout), 2027年3月10日. */
const FULL_DATE = /\s*(\d{4})(?:([-/.])(\d{1,2})\2(\d{1,2})(?!\d)|年(\d{1,2})月(\d{1,2})(?!\d)[日号]?)/y;
/** 3月10日, 3-10, 3/10: the next such day. Not followed by a colon: `08:00` is a time, not a date. */
const SHORT_DATE = /\s*(\d{1,2})(?:[-/](\d{1,2})(?![\d:])|月(\d{1,2})(?!\d)[日号]?)/y;
/** A weekday staff often add after the date, `（周三）` or `星期三`: checked, since a mismatch means a typo in one of them. */
const WEEKDAY = /\s*[(（]?\s*(?:周|星期|礼拜)([一二三四五六日天])\s*[)）]?/y;
const PERIOD_WORD = /\s*(上午|下午|全天)/y;
/** Digits loose, so `8:0-9:00` is reported as a wrong span rather than an unknown period. */
const SPAN = /\s*(\d+):(\d+)\s*(?:-|–|—|−|~|～|〜|至|到)\s*(\d+):(\d+)/y;
/** `20`, `20人`, `限20名`, `共 20 位`; a fraction is read so it can be refused as such. */
const CAPACITY = /\s*(?:共|限)?\s*(\d+(?:\.\d+)?)\s*(?:人|名|位)?/y;
/** What may trail a line: spaces and a full stop. */
const TAIL = /^[\s。.]*$/;

function matchAt(re: RegExp, line: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(line);
}

const pad2 = (n: number) => String(n).padStart(2, '0');


/** A slot more than this many days ahead is a typo in its year: invitations would go out for it. */
const MAX_DAYS_AHEAD = 366;

/** The first word of what is left, for a problem's `value`. */
const firstWord = (rest: string) => rest.trim().split(/\s+/)[0];

type Failure = Extract<SlotLineResult, { ok: false }>;
const fail = (problem: SlotProblem, value?: string): Failure =>
  value === undefined ? { ok: false, problem } : { ok: false, problem, value };

/** The date at the start of the line and where it ends, or a failure. */
function readDate(line: string, today: string): { date: string; end: number } | Failure {
  let m = matchAt(FULL_DATE, line, 0);
  let y: number, mo: number, d: number;
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[3] ?? m[5]), Number(m[4] ?? m[6])];
  } else if ((m = matchAt(SHORT_DATE, line, 0))) {
    [y, mo, d] = [Number(today.slice(0, 4)), Number(m[1]), Number(m[2] ?? m[3])];
    // Without a year: this year's if that day is today or later, else next year's.
    if (`${y}-${pad2(mo)}-${pad2(d)}` < today) y += 1;
  } else return fail('no_date');
  const typed = m[0].trim();
  const date = `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`;
  if (!isRealDate(date)) return fail('invalid_date', typed);
  if (date < today) return fail('past_date', date);
  if (daysBetween(today, date) > MAX_DAYS_AHEAD) return fail('far_date', date);
  return { date, end: m.index + m[0].length };
}

const IN_DAYS = /^(\d{1,3})\s*天[以之]?后$/;
const NEAR_DAYS = new Map([['明天', 1], ['明日', 1], ['后天', 2], ['tomorrow', 1]]);

/**
 * A day from today on, said alone (when to phone again): 明天, 后天, `3天后`, or a date as a slot
 * line starts (`2026-12-05`, `12月5日`: the next such day). Null for anything else, a past day
 * included.
 * @throws RangeError if `today` is not a real date (the caller's bug).
 */
export function readPlanDay(text: string, today: string): string | null {
  if (!isRealDate(today)) throw new RangeError(`today is not a date: ${today}`);
  const s = toAsciiDigits(text).trim().toLowerCase();
  const near = NEAR_DAYS.get(s);
  if (near !== undefined) return addDays(today, near);
  const inDays = IN_DAYS.exec(s);
  if (inDays) return addDays(today, Number(inDays[1]));
  const day = readDate(s, today);
  if ('ok' in day || s.slice(day.end).trim() !== '') return null;
  return day.date;
}

/**
 * Reads one slot as staff type it, relative to `today` (`YYYY-MM-DD`, the office's date):
 * `2027-03-10 上午 20人`, `2027-3-10 下午 15`, `2027/03/10 全天 40人`, `2027年3月10日 …`,
 * `3月10日 上午 20人` (without a year: the next such day, today included),
 * `2027-03-10 08:00-10:00 20人`. A weekday after the date (`（周三）`) is checked against it.
 * Periods: 上午 08:00-12:00, 下午 14:00-17:30, 全天 08:00-17:30, or a span `HH:MM-HH:MM`
 * (also after a period word, which it then replaces). Capacity: a whole number from
 * {@link SLOT_CAPACITY_MIN} to {@link SLOT_CAPACITY_MAX}, with or without 人/名/位.
 * Full-width digits and punctuation are read as ASCII. Never throws on what was typed.
 * @throws RangeError if `today` is not a real date (the caller's bug).
 */
export function parseSlotLine(text: string, today: string): SlotLineResult {
  if (!isRealDate(today)) throw new RangeError(`today is not a date: ${today}`);
  const line = toAsciiDigits(text);
  const day = readDate(line, today);
  if ('ok' in day) return day;
  const { date } = day;
  let pos = day.end;

  const wd = matchAt(WEEKDAY, line, pos);
  if (wd) {
    // 日 and 天 are both Sunday (7).
    if (Math.min('一二三四五六日天'.indexOf(wd[1]) + 1, 7) !== weekdayOf(date)) return fail('weekday_mismatch', wd[0].trim());
    pos = WEEKDAY.lastIndex;
  }

  let times = null as [string, string] | null;
  let label = '';
  const word = matchAt(PERIOD_WORD, line, pos);
  if (word) {
    times = PERIODS.get(word[1]) ?? null;
    label = word[1];
    pos = PERIOD_WORD.lastIndex;
  }
  const span = matchAt(SPAN, line, pos);
  if (span) {
    const start = clockFromDigits(span[1], span[2]);
    const end = clockFromDigits(span[3], span[4]);
    if (!start || !end || start >= end) return fail('invalid_time_range', span[0].trim());
    times = [start, end];
    label = `${start}-${end}`;
    pos = SPAN.lastIndex;
  }
  if (!times) {
    const rest = line.slice(pos);
    // Nothing, or straight on to the capacity: the period was left out. Anything else is a word we do not know.
    const capacityNext = matchAt(CAPACITY, line, pos) !== null && TAIL.test(line.slice(CAPACITY.lastIndex));
    if (TAIL.test(rest) || capacityNext) return fail('no_period');
    return fail('unknown_period', firstWord(rest));
  }

  const rest = line.slice(pos);
  if (TAIL.test(rest)) return fail('no_capacity');
  const cap = matchAt(CAPACITY, line, pos);
  if (!cap) return fail('no_capacity', firstWord(rest));
  const capacity = Number(cap[1]);
  if (!Number.isInteger(capacity) || capacity < SLOT_CAPACITY_MIN || capacity > SLOT_CAPACITY_MAX) {
    return fail('capacity_out_of_range', cap[1]);
  }
  const after = line.slice(CAPACITY.lastIndex);
  if (!TAIL.test(after)) return fail('extra_text', text.slice(CAPACITY.lastIndex).trim());
  return { ok: true, slot: { date, start: times[0], end: times[1], label, capacity } };
}

/**
 * Reads every slot of a message: entries on separate lines or separated by `；` or `;`
 * (blank entries are skipped). The first entry that cannot be read is reported with its number
 * (`line`, counting non-blank entries from 1) and text; so is a second entry for the same date
 * and start time. The slots come back sorted by date, then start, then end.
 * @throws RangeError if `today` is not a real date (the caller's bug).
 */
export function parseSlots(text: string, today: string): SlotsResult {
  const entries = text.split(/[;；\r\n]+/).map((e) => e.trim()).filter((e) => e !== '');
  if (!entries.length) {
    if (!isRealDate(today)) throw new RangeError(`today is not a date: ${today}`);
    return { ok: false, problem: 'no_slots' };
  }
  const slots: CheckupSlot[] = [];
  const seen = new Map<string, number>();
  for (const [i, entry] of entries.entries()) {
    const line = i + 1;
    const r = parseSlotLine(entry, today);
    if (!r.ok) return { ...r, line, text: entry };
    const key = `${r.slot.date} ${r.slot.start}`;
    const firstLine = seen.get(key);
    if (firstLine !== undefined) return { ok: false, problem: 'duplicate_slot', line, text: entry, firstLine, value: key };
    seen.set(key, line);
    slots.push(r.slot);
  }
  // ISO dates and `HH:MM` compare as strings.
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  slots.sort((a, b) => order(a.date, b.date) || order(a.start, b.start) || order(a.end, b.end));
  return { ok: true, slots };
}

/** An honoree to place: `priority` for those on the priority register (the eldest, the ill). */
export interface SlotCandidate {
  id: number;
  priority: boolean;
}

/** A slot with the places already taken in it. */
export interface SlotOccupancy {
  id: number;
  capacity: number;
  taken: number;
}

/** Result of {@link allocateSlots}: who goes where, and the ids of those who did not fit, in the given order. */
export interface SlotAllocation {
  placed: Array<{ personId: number; slotId: number }>;
  unplaced: number[];
}

/**
 * Gives each person a slot, fairly. `slots` must be in time order, earliest first (as
 * {@link parseSlots} returns them). People on the priority register go first, then the others,
 * each group in the given order, and they fill the slots in time order: so priority people get
 * the earliest places. How many go into each slot is set beforehand, in proportion to its free
 * places (capacity - taken), by largest remainders (ties to the earlier slot): 30 people over two
 * empty slots of 20 are 15 and 15, not 20 and 10, so no day is crowded while another stands empty.
 * Every slot's count is within 1 of its exact share, and no slot goes over capacity. When there are
 * more people than free places, the last in that order (non-priority first) are `unplaced`.
 * Deterministic, and linear in people + slots.
 * @throws RangeError if a capacity or taken count is not a whole number ≥ 0 (the caller's bug).
 */
export function allocateSlots(people: readonly SlotCandidate[], slots: readonly SlotOccupancy[]): SlotAllocation {
  const free = slots.map((s) => {
    if (!Number.isSafeInteger(s.capacity) || !Number.isSafeInteger(s.taken) || s.capacity < 0 || s.taken < 0) {
      throw new RangeError(`Slot ${s.id}: capacity and taken must be whole numbers ≥ 0`);
    }
    return Math.max(0, s.capacity - s.taken); // an overbooked slot has no room, not negative room
  });
  const totalFree = free.reduce((a, b) => a + b, 0);
  const ordered = [...people.filter((p) => p.priority), ...people.filter((p) => !p.priority)];
  const n = Math.min(ordered.length, totalFree);

  // Largest remainder (Hamilton): each slot's floor of n·free/total, then the seats left over to the
  // largest fractional parts. Integer arithmetic: n·free stays far below 2^53.
  const quota = free.map((f) => (totalFree ? Math.floor((n * f) / totalFree) : 0));
  let left = n - quota.reduce((a, b) => a + b, 0);
  if (left > 0) {
    const byRemainder = free
      .map((f, i) => ({ i, rem: (n * f) % totalFree }))
      .filter((r) => r.rem > 0)
      .sort((a, b) => b.rem - a.rem || a.i - b.i);
    // A slot with a remainder has its exact share below its free places, so one more still fits.
    for (const { i } of byRemainder) {
      if (left === 0) break;
      quota[i] += 1;
      left -= 1;
    }
  }

  const placed: SlotAllocation['placed'] = [];
  let k = 0;
  for (const [i, slot] of slots.entries()) {
    for (let q = 0; q < quota[i]; q++) placed.push({ personId: ordered[k++].id, slotId: slot.id });
  }
  const unplacedIds = new Set(ordered.slice(k).map((p) => p.id));
  return { placed, unplaced: people.filter((p) => unplacedIds.has(p.id)).map((p) => p.id) };
}

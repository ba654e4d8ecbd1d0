/**
 * The days and time slots of a checkup campaign as staff type them (`2027-03-10 上午 20人`), and
 * the fair spread of invited honorees over them.
 */
import { toAsciiDigits } from './clock-time.ts';
import { parsePlanDate } from './dates.ts';

export interface SlotSpec {
  /** `YYYY-MM-DD` */
  date: string;
  /** `HH:MM`, local */
  start: string;
  end: string;
  /** 上午, 下午, 全天, or the typed range `08:00-10:00` */
  label: string;
  capacity: number;
}

export type SlotProblem = 'date_missing' | 'date_impossible' | 'date_past' | 'period_missing' | 'time_range' | 'capacity_missing' | 'capacity_range' | 'duplicate';

export type SlotLineResult = { ok: true; slot: SlotSpec } | { ok: false; problem: SlotProblem; line: string };

/** The usual hours of a half day at a county hospital's checkup centre. */
const PERIODS: Record<string, [string, string]> = { 上午: ['08:00', '12:00'], 下午: ['14:00', '17:30'], 全天: ['08:00', '17:30'] };
export const MAX_SLOT_CAPACITY = 500;

const RANGE = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/;
const CAPACITY = /^(\d+)(人|名|位)?$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** One slot: a date, a period (上午, 下午, 全天 or `HH:MM-HH:MM`) and a capacity. */
export function parseSlotLine(text: string, today: string): SlotLineResult {
  const line = text.trim();
  const fail = (problem: SlotProblem): SlotLineResult => ({ ok: false, problem, line });
  const words = toAsciiDigits(line).replace(/：/g, ':').replace(/[~～–—至到]/g, '-').replace(/\s*-\s*/g, '-').split(/\s+/).filter(Boolean);
  if (!words.length) return fail('date_missing');
  const date = parsePlanDate(words[0], today);
  if (!date.ok) return fail(date.reason === 'format' ? 'date_missing' : date.reason === 'past' ? 'date_past' : 'date_impossible');
  const periodWord = words[1];
  if (!periodWord || CAPACITY.test(periodWord)) return fail('period_missing');
  let start: string;
  let end: string;
  let label = periodWord;
  if (PERIODS[periodWord]) [start, end] = PERIODS[periodWord];
  else {
    const m = RANGE.exec(periodWord);
    if (!m) return fail('period_missing');
    const [h1, m1, h2, m2] = m.slice(1).map(Number);
    if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return fail('time_range');
    start = `${pad(h1)}:${pad(m1)}`;
    end = `${pad(h2)}:${pad(m2)}`;
    if (start >= end) return fail('time_range');
    label = `${start}-${end}`;
  }
  const cap = CAPACITY.exec(words[2] ?? '');
  if (!cap || words.length > 3) return fail('capacity_missing');
  const capacity = Number(cap[1]);
  if (capacity < 1 || capacity > MAX_SLOT_CAPACITY) return fail('capacity_range');
  return { ok: true, slot: { date: date.date, start, end, label, capacity } };
}

export type SlotsResult = { ok: true; slots: SlotSpec[] } | { ok: false; problem: SlotProblem; line: string };

/** Every slot of a message, one a line (or separated by ；), sorted by day and time; a day and time twice is refused. */
export function parseSlots(text: string, today: string): SlotsResult {
  const slots: SlotSpec[] = [];
  for (const line of text.split(/[\n;；]+/).map((l) => l.trim()).filter(Boolean)) {
    const r = parseSlotLine(line, today);
    if (!r.ok) return r;
    if (slots.some((s) => s.date === r.slot.date && s.start === r.slot.start)) return { ok: false, problem: 'duplicate', line };
    slots.push(r.slot);
  }
  if (!slots.length) return { ok: false, problem: 'date_missing', line: text.trim() };
  return { ok: true, slots: slots.sort((a, b) => (a.date + a.start).localeCompare(b.date + b.start)) };
}

export interface SlotRoom {
  id: number;
  capacity: number;
  /** Places already given. */
  taken: number;
}

/**
 * Gives each person a place, fairly: the priority register first, in the earliest slots; every
 * slot filled to the same share of its free places (30 people over two slots of 20: 15 and 15),
 * never over capacity. People in the order given (the caller's order: by file, say); those who
 * do not fit are `unplaced`. Slots are taken in the order given (by day and time).
 */
export function allocateSlots(people: ReadonlyArray<{ id: number; priority: boolean }>, slots: ReadonlyArray<SlotRoom>): { placed: Array<{ personId: number; slotId: number }>; unplaced: number[] } {
  const free = slots.map((s) => Math.max(0, s.capacity - s.taken));
  const totalFree = free.reduce((a, b) => a + b, 0);
  const count = Math.min(people.length, totalFree);
  // Each slot's share of `count`, by largest remainder: the shares add up to `count` exactly.
  const exact = free.map((f) => (totalFree ? (f * count) / totalFree : 0));
  const share = exact.map(Math.floor);
  let left = count - share.reduce((a, b) => a + b, 0);
  const byRemainder = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of byRemainder) {
    if (left <= 0) break;
    if (share[i] < free[i]) {
      share[i] += 1;
      left -= 1;
    }
  }
  const ordered = [...people.filter((p) => p.priority), ...people.filter((p) => !p.priority)];
  const placed: Array<{ personId: number; slotId: number }> = [];
  let slot = 0;
  let used = 0;
  for (const person of ordered.slice(0, count)) {
    while (slot < slots.length && used >= share[slot]) {
      slot += 1;
      used = 0;
    }
    placed.push({ personId: person.id, slotId: slots[slot].id });
    used += 1;
  }
  return { placed, unplaced: ordered.slice(count).map((p) => p.id) };
}

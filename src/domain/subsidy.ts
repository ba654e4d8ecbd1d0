/**
 * The special subsidy (专项资金): which honorees a policy pays, how much, and when a period's
 * payment falls due. Pure: the caller brings the policies, the files and a way to find a
 * festival's date (the festival calendar), and writes what is drawn.
 */
import { addDays, daysBetween, isRealDate } from './dates.ts';
import { honourCategoryWithin, isOnRoll, levelWithin, type HonourCategory, type Level } from './vocabulary.ts';

/** When a policy pays in a year: some days before a festival, or on a fixed day. */
export type SubsidySchedule = { kind: 'festival'; festival: string; daysBefore: number } | { kind: 'fixed'; month: number; day: number };

export interface SubsidyRule {
  id: number;
  /** The honours that qualify (any one of them is enough). */
  honours: ReadonlyArray<{ category: HonourCategory; level: Level }>;
  onlyRetired: boolean;
  /** Only those on the period's priority register for hardship. */
  onlyHardship: boolean;
  amountFen: number;
  schedule: SubsidySchedule;
  fromYear: number;
  /** The last year in force; null: until switched off. */
  toYear: number | null;
}

export interface SubsidyCandidate {
  id: number;
  employmentStatus: string;
  honours: ReadonlyArray<{ category: string; level: string; year: number }>;
  /** On the period's priority register for hardship. */
  hardship: boolean;
}

/** A festival's date in a year ('YYYY-MM-DD'), or 'unknown' where the calendar cannot say. */
export type FestivalDateOf = (festival: string, year: number) => string | 'unknown';

/** A payment a draw adds: one per person, policy and period. */
export interface DrawnPayment {
  policyId: number;
  honoreeId: number;
  period: number;
  amountFen: number;
  dueDate: string;
}

/** How many days before the due date a period's list is drawn (and drawn again daily until then). */
export const DRAW_AHEAD_DAYS = 45;
/** The most days before a festival a policy may pay. */
export const MAX_DAYS_BEFORE = 60;

export const inForce = (rule: Pick<SubsidyRule, 'fromYear' | 'toYear'>, period: number) => period >= rule.fromYear && (rule.toYear === null || period <= rule.toYear);

/** The day a period's payment is due, or 'unknown' (a festival the calendar cannot place, a 29 February in a common year). */
export function dueDateOf(schedule: SubsidySchedule, period: number, festivalDate: FestivalDateOf): string | 'unknown' {
  if (schedule.kind === 'fixed') {
    const iso = `${period}-${String(schedule.month).padStart(2, '0')}-${String(schedule.day).padStart(2, '0')}`;
    return isRealDate(iso) ? iso : 'unknown';
  }
  const festival = festivalDate(schedule.festival, period);
  return festival === 'unknown' ? 'unknown' : addDays(festival, -schedule.daysBefore);
}

/**
 * Whether a person is paid by a policy for a period: alive, holding a qualifying honour awarded
 * in or before the period, retired if the policy says so, on the hardship register if it says so.
 */
export function qualifies(rule: SubsidyRule, person: SubsidyCandidate, period: number): boolean {
  if (!isOnRoll(person.employmentStatus)) return false;
  if (rule.onlyRetired && person.employmentStatus !== 'retired') return false;
  if (rule.onlyHardship && !person.hardship) return false;
  return person.honours.some((h) => h.year <= period && rule.honours.some((q) => q.category === h.category && q.level === h.level));
}

/**
 * The periods whose list is open for drawing on `today`: a policy's period is drawn from
 * {@link DRAW_AHEAD_DAYS} before its due date until that date, so the list is there for the
 * reminders, and an honour added later counts from the next period ("from the next draw").
 */
export function periodsToDraw(rule: SubsidyRule, today: string, festivalDate: FestivalDateOf): Array<{ period: number; dueDate: string }> {
  const year = Number(today.slice(0, 4));
  const open: Array<{ period: number; dueDate: string }> = [];
  // A due date a few days before a festival in early January can fall in the year before.
  for (const period of [year, year + 1]) {
    if (!inForce(rule, period)) continue;
    const dueDate = dueDateOf(rule.schedule, period, festivalDate);
    if (dueDate === 'unknown') continue;
    if (today <= dueDate && addDays(dueDate, -DRAW_AHEAD_DAYS) <= today) open.push({ period, dueDate });
  }
  return open;
}

/** The payments of one policy and period for the people who qualify, the amount fixed as the policy says now. */
export function drawPayments(rule: SubsidyRule, people: readonly SubsidyCandidate[], period: number, dueDate: string): DrawnPayment[] {
  return people.filter((p) => qualifies(rule, p, period)).map((p) => ({ policyId: rule.id, honoreeId: p.id, period, amountFen: rule.amountFen, dueDate }));
}

/** The days before a due date on which staff are reminded (default 14 and 3). */
export const DEFAULT_REMIND_DAYS = [14, 3];

/** What the office should hear about a due date today: a reminder N days before, or overdue by N days. */
export function dueNotice(dueDate: string, today: string, remindDays: readonly number[] = DEFAULT_REMIND_DAYS): { kind: 'ahead'; days: number } | { kind: 'overdue'; days: number } | null {
  if (today > dueDate) return { kind: 'overdue', days: daysBetween(dueDate, today) };
  const ahead = remindDays.find((n) => addDays(dueDate, -n) === today);
  return ahead === undefined ? null : { kind: 'ahead', days: ahead };
}

/** Festivals by the words staff use for them (longer words first). */
export const FESTIVAL_WORDS: ReadonlyArray<[string, string]> = [
  ['元旦', 'new_year'],
  ['春节', 'spring_festival'],
  ['过年', 'spring_festival'],
  ['元宵', 'lantern'],
  ['劳动节', 'may_day'],
  ['五一', 'may_day'],
  ['端午', 'dragon_boat'],
  ['中秋', 'mid_autumn'],
  ['重阳', 'chongyang'],
  ['国庆', 'national_day'],
];

export type ScheduleResult = { ok: true; schedule: SubsidySchedule } | { ok: false; problem: 'format' | 'days' | 'date' };

/**
 * When a policy pays, as staff say it: `春节前7天`, `中秋节前 3 天` (1 to 60 days; `春节前` alone
 * is refused: how many days?), or a fixed day of each year: `9月1日`, `每年 9月1日`, `09-01`.
 */
export function parseSchedule(text: string): ScheduleResult {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/^每年/, '');
  const festival = FESTIVAL_WORDS.find(([word]) => t.startsWith(word));
  if (festival) {
    const m = /^[^前]*前(\d{1,3})天$/.exec(t);
    if (!m) return { ok: false, problem: 'format' };
    const daysBefore = Number(m[1]);
    if (daysBefore < 1 || daysBefore > MAX_DAYS_BEFORE) return { ok: false, problem: 'days' };
    return { ok: true, schedule: { kind: 'festival', festival: festival[1], daysBefore } };
  }
  const m = /^(\d{1,2})月(\d{1,2})日?$/.exec(t) ?? /^(\d{1,2})-(\d{1,2})$/.exec(t);
  if (!m) return { ok: false, problem: 'format' };
  const [month, day] = [Number(m[1]), Number(m[2])];
  // 2月29日 would be missing three years in four.
  if (!isRealDate(`2023-${m[1].padStart(2, '0')}-${m[2].padStart(2, '0')}`)) return { ok: false, problem: 'date' };
  return { ok: true, schedule: { kind: 'fixed', month, day } };
}

const LEVEL_ORDER: readonly Level[] = ['national', 'provincial', 'municipal', 'county'];

export type HonourKindsResult = { ok: true; honours: Array<{ category: HonourCategory; level: Level }> } | { ok: false; piece: string };

/**
 * The honours a policy pays, as staff list them: `全国劳动模范、省级劳动模范、市级先进工作者`;
 * `省级以上劳模` is the provincial and national ones. Each piece names a level and a category.
 */
export function parseHonourKinds(text: string): HonourKindsResult {
  const pieces = text.normalize('NFKC').split(/[、,，;；\n]+/).map((p) => p.trim()).filter(Boolean);
  const honours: Array<{ category: HonourCategory; level: Level }> = [];
  for (const piece of pieces) {
    const category = honourCategoryWithin(piece);
    const level = category?.word === '全国劳动模范' ? { value: 'national' as const } : levelWithin(piece.replace(category?.word ?? '', ' '));
    if (!category || !level) return { ok: false, piece };
    const levels = /以上|及以上/.test(piece) ? LEVEL_ORDER.slice(0, LEVEL_ORDER.indexOf(level.value) + 1) : [level.value];
    for (const l of levels) if (!honours.some((h) => h.category === category.value && h.level === l)) honours.push({ category: category.value, level: l });
  }
  return honours.length ? { ok: true, honours } : { ok: false, piece: text.trim() };
}

export type YearsResult = { ok: true; fromYear: number; toYear: number | null } | { ok: false };

/** The years in force: `2027` (from then on), `2027-2029`, `2027至2029`, `2027年起`. */
export function parseYears(text: string): YearsResult {
  const t = text.normalize('NFKC').replace(/\s+/g, '').replace(/年/g, '');
  const m = /^(20\d{2})(?:(?:-|~|至|到)(20\d{2}))?(?:起|以后)?$/.exec(t);
  if (!m) return { ok: false };
  const fromYear = Number(m[1]);
  const toYear = m[2] ? Number(m[2]) : null;
  if (toYear !== null && toYear < fromYear) return { ok: false };
  return { ok: true, fromYear, toYear };
}

/**
 * Who needs a holiday visit most, and how: the order of a festival's visit plan. Pure: the
 * caller brings what the files and the year's survey say, and the day of the last visit.
 */
import { ageOn, daysBetween } from './dates.ts';
import { isOnRoll, type VisitKind } from './vocabulary.ts';

/** Why someone is on a plan, most pressing first. */
export const NEED_REASONS = ['hardship', 'poor_health', 'milestone', 'age_80', 'age_70', 'laid_off', 'alone', 'bereaved', 'long_unvisited'] as const;
export type NeedReason = (typeof NEED_REASONS)[number];

/**
 * How much each reason weighs; the sum orders the plan. Powers of two: a reason outweighs all the
 * reasons after it together, so the order follows NEED_REASONS (a 78-year-old comes before a
 * younger person who is laid off, alone and bereaved).
 */
const WEIGHT = Object.fromEntries(NEED_REASONS.map((r, i) => [r, 2 ** (NEED_REASONS.length - 1 - i)])) as Record<NeedReason, number>;

/** Days before a festival its visit plan is drafted, unless the office sets another number. */
export const DEFAULT_PLAN_LEAD_DAYS = 21;

/** A year without a visit (or none ever) is "long". */
export const LONG_UNVISITED_DAYS = 365;

export interface VisitCandidate {
  id: number;
  birthDate: string | null;
  employmentStatus: string;
  /** The year's priority register. */
  hardship: boolean;
  poorHealth: boolean;
  /** The year's survey, as written: work situation, family members, causes of hardship. */
  surveyText: string;
  /** The day of the last visit of any kind, or null. */
  lastVisit: string | null;
  /** A milestone birthday (70, 80, 90, 100) falls in the festival's window. */
  milestone: boolean;
}

export interface PlannedVisit {
  id: number;
  reasons: NeedReason[];
  kind: VisitKind;
  /** Days since the last visit; null: never visited. */
  sinceVisit: number | null;
  weight: number;
}

// What a survey says in its own words: laid off after a bankruptcy, living alone, recently bereaved.
const LAID_OFF = /破产|下岗|失业|倒闭|买断/;
const ALONE = /独居|一个人住|独自居住|孤寡|空巢/;
// A death in the family lately (丧偶, 老伴病故, 今年去世), not parents who died long ago (父母已去世).
const BEREAVED = /丧偶|丧子|丧女|新丧|(老伴|配偶|爱人|丈夫|妻子|儿子|女儿).{0,4}(去世|病故|离世|过世)|(今年|去年|近期|最近|上月|上个月).{0,8}(去世|病故|离世|过世)/;

/** The reasons one person needs a visit (none: a letter will do). */
export function needReasons(p: VisitCandidate, today: string): NeedReason[] {
  const age = p.birthDate ? ageOn(p.birthDate, today) : null;
  const since = p.lastVisit ? daysBetween(p.lastVisit, today) : null;
  const reasons: NeedReason[] = [];
  if (p.hardship) reasons.push('hardship');
  if (p.poorHealth) reasons.push('poor_health');
  if (p.milestone) reasons.push('milestone');
  if (age !== null && age >= 80) reasons.push('age_80');
  else if (age !== null && age >= 70) reasons.push('age_70');
  if (p.employmentStatus === 'unemployed' || LAID_OFF.test(p.surveyText)) reasons.push('laid_off');
  if (ALONE.test(p.surveyText)) reasons.push('alone');
  if (BEREAVED.test(p.surveyText)) reasons.push('bereaved');
  if (since === null || since >= LONG_UNVISITED_DAYS) reasons.push('long_unvisited');
  return reasons;
}

/** In person for the most pressing needs, by phone for the elderly and laid off, else a letter. */
export function visitKindFor(reasons: readonly NeedReason[]): VisitKind {
  if (reasons.some((r) => r === 'hardship' || r === 'poor_health' || r === 'milestone' || r === 'age_80' || r === 'alone' || r === 'bereaved')) return 'in_person';
  if (reasons.some((r) => r === 'age_70' || r === 'laid_off')) return 'phone';
  return 'letter';
}

/**
 * A festival's plan: everyone living, each with why and how, the neediest first (by the weight of
 * their reasons), then the longest without a visit, then the order given (file number).
 */
export function planVisits(people: readonly VisitCandidate[], today: string): PlannedVisit[] {
  return people
    .filter((p) => isOnRoll(p.employmentStatus))
    .map((p) => {
      const reasons = needReasons(p, today);
      return { id: p.id, reasons, kind: visitKindFor(reasons), sinceVisit: p.lastVisit ? daysBetween(p.lastVisit, today) : null, weight: reasons.reduce((n, r) => n + WEIGHT[r], 0) };
    })
    .map((v, i) => ({ v, i }))
    .sort((a, b) => b.v.weight - a.v.weight || (b.v.sinceVisit ?? Infinity) - (a.v.sinceVisit ?? Infinity) || a.i - b.i)
    .map(({ v }) => v);
}

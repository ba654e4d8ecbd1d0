/**
 * Milestone birthdays (70, 80, 90, 100): the union visits on those. Pure date arithmetic on
 * calendar dates (YYYY-MM-DD), so the database can be asked for exact birth dates.
 */
import { addDays } from './dates.ts';

export const MILESTONE_AGES = [70, 80, 90, 100] as const;

export interface MilestoneDate {
  /** A birth date that turns `age` on `on`. */
  birthDate: string;
  on: string;
  age: number;
}

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * Every birth date that reaches a milestone age on a day from `today` to `today + days`
 * (inclusive). Someone born on 29 February celebrates on 28 February in other years.
 */
export function milestoneBirthDates(today: string, days: number, ages: readonly number[] = MILESTONE_AGES): MilestoneDate[] {
  const out: MilestoneDate[] = [];
  for (let d = 0; d <= days; d++) {
    const on = addDays(today, d);
    const year = Number(on.slice(0, 4));
    const monthDay = on.slice(5);
    for (const age of ages) {
      const born = year - age;
      out.push({ birthDate: `${String(born).padStart(4, '0')}-${monthDay}`, on, age });
      if (monthDay === '02-28' && !isLeap(year) && isLeap(born)) out.push({ birthDate: `${born}-02-29`, on, age });
    }
  }
  return out;
}

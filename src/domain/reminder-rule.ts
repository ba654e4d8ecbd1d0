/**
 * When a reminder fires: once, or on a daily, weekly or monthly wall-clock time in the office zone.
 * Recurring rules keep the wall-clock time, not a fixed interval, so "每天 8:00" stays at 8:00
 * across daylight-saving changes in zones that have them.
 */
import { addDays, daysInMonth, weekdayOf } from './dates.ts';
import { wallClock, zonedInstant } from './zoned-time.ts';

/** A reminder's schedule. Times are `HH:MM` on the office's wall clock. */
export type ReminderRule =
  | { kind: 'once'; at: Date }
  | { kind: 'daily'; time: string }
  /** weekday: 1 = Monday … 7 = Sunday */
  | { kind: 'weekly'; weekday: number; time: string }
  /** day: 1-31; in shorter months a day past the end means the month's last day */
  | { kind: 'monthly'; day: number; time: string };

/** Whether a recurring rule fires on a date (`YYYY-MM-DD`). */
function firesOn(rule: Exclude<ReminderRule, { kind: 'once' }>, date: string): boolean {
  switch (rule.kind) {
    case 'daily':
      return true;
    case 'weekly':
      return weekdayOf(date) === rule.weekday;
    case 'monthly': {
      const [y, m, d] = date.split('-').map(Number);
      // "每月31日" in April fires on the 30th, in February on the 28th or 29th: staff who ask for
      // the 31st mean "the end of the month", and skipping months would lose reminders silently.
      return d === Math.min(rule.day, daysInMonth(y, m));
    }
  }
}

/**
 * The first time a rule fires strictly after `after`: for a recurring rule the next occurrence
 * (the office-zone date of `after` itself counts if its time is still ahead); for a one-off its
 * instant if that is after `after`, otherwise null.
 * @throws RangeError on a malformed rule (time not `HH:MM`, weekday not 1-7, day not 1-31) or zone.
 */
export function nextOccurrence(rule: ReminderRule, after: Date, timeZone: string): Date | null {
  if (rule.kind === 'once') return rule.at.getTime() > after.getTime() ? new Date(rule.at) : null;
  // A bad rule is a bug upstream (the parser only builds good ones): fail loudly instead of guessing.
  const valid =
    /^([01]\d|2[0-3]):[0-5]\d$/.test(rule.time) &&
    (rule.kind !== 'weekly' || (Number.isInteger(rule.weekday) && rule.weekday >= 1 && rule.weekday <= 7)) &&
    (rule.kind !== 'monthly' || (Number.isInteger(rule.day) && rule.day >= 1 && rule.day <= 31));
  if (!valid) throw new RangeError(`Not a reminder rule: ${JSON.stringify(rule)}`);
  const from = wallClock(after, timeZone).date;
  // 62 days always reach a monthly day's next firing (from the 1st of a 31-day month to the
  // end of the next); daily and weekly rules stop within 8.
  for (let i = 0; i <= 62; i++) {
    const date = addDays(from, i);
    if (!firesOn(rule, date)) continue;
    const at = zonedInstant(date, rule.time, timeZone);
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`Unreachable: ${JSON.stringify(rule)} did not fire within 62 days`);
}

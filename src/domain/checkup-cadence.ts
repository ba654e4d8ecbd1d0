/**
 * The days before a checkup on which an honoree is reminded, as staff type them: `3,1`, `3，1`,
 * `7、3、1`, `3天 1天`. Whole days from 1 to 60: a reminder goes at 09:00, so one on the day itself
 * would come after a morning slot has begun.
 */

/** The furthest ahead a reminder may go, in days. */
export const REMINDER_DAYS_MAX = 60;

export type ReminderDaysReading =
  | { ok: true; days: number[] }
  /** `value`: the word that is no number of days (or the 0 given), for the message. */
  | { ok: false; problem: 'empty' | 'same_day' | 'not_days'; value: string };

/** The days read, distinct, furthest first (`1,3,3` is `[3, 1]`). */
export function readReminderDays(text: string): ReminderDaysReading {
  const words = text
    .normalize('NFKC')
    .split(/[\s,、;]+/)
    .filter(Boolean);
  if (!words.length) return { ok: false, problem: 'empty', value: '' };
  const days = new Set<number>();
  for (const word of words) {
    const m = /^(\d{1,2})(?:天|d|days?)?$/i.exec(word);
    const n = m ? Number(m[1]) : NaN;
    if (n === 0) return { ok: false, problem: 'same_day', value: word };
    if (!(n >= 1 && n <= REMINDER_DAYS_MAX)) return { ok: false, problem: 'not_days', value: word };
    days.add(n);
  }
  return { ok: true, days: [...days].sort((a, b) => b - a) };
}

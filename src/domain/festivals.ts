/**
 * The festival calendar's library side: the solar date of each festival in a year, and the
 * official days off and make-up workdays (调休) as far as the library's data goes. This is the one
 * file that knows the library (tyme4ts, pinned exactly); the rest of the bot asks here. Never
 * Node's Intl Chinese calendar: it gets the Spring Festival of some years wrong (2027, 2030).
 * Past the library's data a lookup answers 'unknown', never a guess; admins' entries (in the
 * database) go over these answers in the features.
 */
import { LegalHoliday, LunarDay } from 'tyme4ts';

/** The festivals of the union's year, in the order of the year. */
export const FESTIVALS = ['new_year', 'spring_festival', 'lantern', 'may_day', 'dragon_boat', 'mid_autumn', 'chongyang', 'national_day'] as const;
export type Festival = (typeof FESTIVALS)[number];

/** Fixed solar dates (month, day) and lunar ones (lunar month, day). */
const SOLAR: Partial<Record<Festival, [number, number]>> = { new_year: [1, 1], may_day: [5, 1], national_day: [10, 1] };
const LUNAR: Partial<Record<Festival, [number, number]>> = { spring_festival: [1, 1], lantern: [1, 15], dragon_boat: [5, 5], mid_autumn: [8, 15], chongyang: [9, 9] };

/** The years the lunar conversion is asked for (the library covers far more; a century is plenty). */
const FIRST_YEAR = 1950;
const LAST_YEAR = 2100;

const iso = (y: number, m: number, d: number) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A festival's date in a year ('YYYY-MM-DD'), or 'unknown' (not one of ours, or a year out of range). */
export function libraryFestivalDate(festival: string, year: number): string | 'unknown' {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) return 'unknown';
  const solar = SOLAR[festival as Festival];
  if (solar) return iso(year, solar[0], solar[1]);
  const lunar = LUNAR[festival as Festival];
  if (!lunar) return 'unknown';
  const day = LunarDay.fromYmd(year, lunar[0], lunar[1]).getSolarDay();
  return iso(day.getYear(), day.getMonth(), day.getDay());
}

/** Whether the library has the official arrangement of a year: every year's has 1 January off. */
const hasYear = (year: number) => LegalHoliday.fromYmd(year, 1, 1) !== null;

/** The last year of official days off in the library (read off the library once). */
export const HOLIDAY_DATA_LAST_YEAR: number = (() => {
  let year = LAST_YEAR;
  while (year > FIRST_YEAR && !hasYear(year)) year -= 1;
  return year;
})();

/** The first year of official days off in the library. */
const HOLIDAY_DATA_FIRST_YEAR: number = (() => {
  let year = FIRST_YEAR;
  while (year < HOLIDAY_DATA_LAST_YEAR && !hasYear(year)) year += 1;
  return year;
})();

/**
 * The year whose arrangement a day belongs to: a year's arrangement starts on 25 December of the
 * year before, since a New Year holiday (or a make-up workday for it) can fall in late December.
 */
const arrangementYear = (date: string) => Number(date.slice(0, 4)) + (date.slice(5) >= '12-25' ? 1 : 0);

/**
 * A day as the official arrangement has it: 'off' (a holiday), 'work' (a make-up workday on a
 * weekend), 'normal' (as its weekday says), or 'unknown' outside the library's years (late
 * December of its last year included: it belongs to the next year's arrangement).
 */
export function officialDay(date: string): 'off' | 'work' | 'normal' | 'unknown' {
  const [y, m, d] = date.split('-').map(Number);
  const year = arrangementYear(date);
  if (year > HOLIDAY_DATA_LAST_YEAR || year < HOLIDAY_DATA_FIRST_YEAR) return 'unknown';
  const h = LegalHoliday.fromYmd(y, m, d);
  if (!h) return 'normal';
  return h.isWork() ? 'work' : 'off';
}

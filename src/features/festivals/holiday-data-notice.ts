import { addDays, todayIn, weekdayOf } from '../../domain/dates.ts';
import { HOLIDAY_DATA_LAST_YEAR } from '../../domain/festivals.ts';
import { tellAdmins } from '../channel-status/index.ts';
import type { FeatureDeps } from '../feature.ts';

/** The month from which admins are asked for next year's official days off. */
const FROM_MONTH = 11;

/**
 * From November, once a week, each admin is told privately while next year's official days off
 * and make-up workdays are neither in the library nor entered (and all year for the current year's) (the State Council publishes them
 * late in the year): update the program, or enter them with 节日 放假 / 上班. A lookup past the
 * data never guesses meanwhile.
 */
export async function remindHolidayData(deps: FeatureDeps, now: Date): Promise<number> {
  const today = todayIn(deps.timeZone ?? 'UTC', now);
  const year = Number(today.slice(0, 4));
  // This year's, all year (a Spring Festival still ahead); next year's from November.
  const asked = Number(today.slice(5, 7)) >= FROM_MONTH ? [year, year + 1] : [year];
  for (const y of asked) {
    if (y <= HOLIDAY_DATA_LAST_YEAR) continue;
    if (await deps.db.holidayDay.count({ where: { date: { startsWith: `${y}-` } } })) continue;
    const monday = addDays(today, 1 - weekdayOf(today));
    return tellAdmins(deps.db, { routes: deps.routes?.() ?? [], key: `holiday-data:${y}:${monday}`, messageKey: y === year ? 'festivals.notice_missing_now' : 'festivals.notice_missing', params: { year: String(y), last: String(HOLIDAY_DATA_LAST_YEAR) }, now });
  }
  return 0;
}

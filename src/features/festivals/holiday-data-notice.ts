import { addDays, todayIn, weekdayOf } from '../../domain/dates.ts';
import { HOLIDAY_DATA_LAST_YEAR } from '../../domain/festivals.ts';
import { tellAdmins } from '../channel-status/index.ts';
import type { FeatureDeps } from '../feature.ts';

/** The month from which admins are asked for next year's official days off. */
const FROM_MONTH = 11;

/**
 * From November, once a week, each admin is told privately while next year's official days off
 * and make-up workdays are neither in the library nor entered (the State Council publishes them
 * late in the year): update the program, or enter them with 节日 放假 / 上班. A lookup past the
 * data never guesses meanwhile.
 */
export async function remindHolidayData(deps: FeatureDeps, now: Date): Promise<number> {
  const today = todayIn(deps.timeZone ?? 'UTC', now);
  if (Number(today.slice(5, 7)) < FROM_MONTH) return 0;
  const next = Number(today.slice(0, 4)) + 1;
  if (next <= HOLIDAY_DATA_LAST_YEAR) return 0;
  if (await deps.db.holidayDay.count({ where: { date: { startsWith: `${next}-` } } })) return 0;
  const monday = addDays(today, 1 - weekdayOf(today));
  return tellAdmins(deps.db, { routes: deps.routes?.() ?? [], key: `holiday-data:${next}:${monday}`, messageKey: 'festivals.notice_missing', params: { year: String(next), last: String(HOLIDAY_DATA_LAST_YEAR) }, now });
}

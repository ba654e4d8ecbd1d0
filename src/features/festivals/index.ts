import { libraryFestivalDate } from '../../domain/festivals.ts';
import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { loadCalendar, type FestivalCalendar } from './calendar.ts';
import { festivalCommand } from './festival-command.ts';
import { remindHolidayData } from './holiday-data-notice.ts';

/**
 * The festival calendar: the library's dates with the admins' entries over them (节日), and from
 * November a weekly notice to admins while next year's official days off are not known yet.
 */
export function festivalsFeature(deps: FeatureDeps): FeaturePart {
  return {
    commands: [festivalCommand(deps)],
    // Each morning, and at start: at most one notice a week per admin (its key names the week).
    planners: [{ name: 'holiday-data', cron: '0 9 * * *', run: (now) => remindHolidayData(deps, now) }],
  };
}

/** The calendar as it stands now (read afresh: another instance's change counts at once). */
export const festivalCalendar = (deps: FeatureDeps): Promise<FestivalCalendar> => loadCalendar(deps.db, libraryFestivalDate);

export { LIBRARY_FESTIVALS, PLANNED_BY_DEFAULT, type FestivalCalendar } from './calendar.ts';

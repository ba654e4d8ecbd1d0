import type { Locale, Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { reportText } from './report-text.ts';
import { statsCommand } from './stats-command.ts';
import { yearStats } from './year-stats.ts';

/** Statistics: the year-end report upward in one message (统计). */
export function statsFeature(deps: FeatureDeps): FeaturePart {
  return { commands: [statsCommand(deps)] };
}

export { yearStats, type StatsFilter, type YearStats } from './year-stats.ts';

/** The year's report in words, as 统计 gives it for the whole office (the command line prints it). */
export async function yearReport(db: Db, year: number, t: Translate, locale: Locale): Promise<string> {
  return reportText(t, locale, { year }, await yearStats(db, { year }));
}

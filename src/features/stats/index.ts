import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { statsCommand } from './stats-command.ts';

/** Statistics: the year-end report upward in one message (统计). */
export function statsFeature(deps: FeatureDeps): FeaturePart {
  return { commands: [statsCommand(deps)] };
}

export { yearStats, type StatsFilter, type YearStats } from './year-stats.ts';

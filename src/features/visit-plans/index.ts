import { todayIn } from '../../domain/dates.ts';
import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { festivalCalendar } from '../festivals/index.ts';
import { visitPlanDigestSection } from './digest-section.ts';
import { draftPlans } from './draft-plans.ts';
import { planCommand } from './plan-command.ts';

/**
 * Holiday visits (节假日走访慰问): for each festival with plans, a plan drafted 21 days before (HONORCARE_PLAN_LEAD_DAYS) (who,
 * how and why, the neediest first), adjusted and exported by staff (走访计划), its progress in the
 * digest from visits logged in its window, and a summary when the window is over.
 */
export function visitPlansFeature(deps: FeatureDeps): FeaturePart {
  const timeZone = deps.timeZone ?? 'UTC';
  return {
    commands: [planCommand(deps)],
    // Each night, and at start: a plan is drafted once, on the first run in its window.
    planners: [{ name: 'visit-plans', cron: '20 0 * * *', run: async (now) => draftPlans(deps.db, todayIn(timeZone, now), await festivalCalendar(deps), now, deps.planLeadDays) }],
    digestSections: [visitPlanDigestSection(deps)],
  };
}

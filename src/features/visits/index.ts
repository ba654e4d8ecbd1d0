import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { deleteVisitCommand } from './delete-visit.ts';
import { overdueVisitsSection } from './overdue-section.ts';
import { visitCommand } from './visit-command.ts';
import { visitsCommand } from './visits-list.ts';

/** Visits and condolence calls (走访慰问): record one in a line, list them by person or period, take one back. */
export function visitsFeature(deps: FeatureDeps): FeaturePart {
  const record = visitCommand(deps.db);
  return {
    commands: [record.command, visitsCommand(deps.db), deleteVisitCommand(deps.db)],
    flows: [record.flow],
    digestSections: [overdueVisitsSection(deps.db, deps.visitGapDays ?? 90)],
  };
}

// The public face other features use (reports, holiday plans; the page word of checkup lists).
export { recordVisit, type NewVisit } from './record-visit.ts';
export { parsePeriod, splitPage, type Period } from './period.ts';

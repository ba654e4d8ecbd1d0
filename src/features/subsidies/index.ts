import { todayIn } from '../../domain/dates.ts';
import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { festivalCalendar } from '../festivals/index.ts';
import { subsidyDigestSection } from './digest-section.ts';
import { drawSubsidies } from './draw.ts';
import { subsidyFileLines } from './file-section.ts';
import { subsidyHonourLines } from './honour-note.ts';
import { policyFlow } from './policy-flow.ts';
import { subsidyCommand } from './subsidy-command.ts';

/**
 * The special subsidy (专项资金): policies admins define, the payment lists drawn from them and
 * the files, payments marked paid or reversed, reminders in the digest before they fall due.
 */
export function subsidiesFeature(deps: FeatureDeps): FeaturePart {
  const timeZone = deps.timeZone ?? 'UTC';
  return {
    commands: [subsidyCommand(deps)],
    flows: [policyFlow(deps)],
    // Each night, and at start: a list drawn ahead of its due date, again until then (idempotent).
    planners: [{ name: 'subsidies', cron: '10 0 * * *', run: async (now) => drawSubsidies(deps.db, todayIn(timeZone, now), (await festivalCalendar(deps)).dateOf, now) }],
    digestSections: [subsidyDigestSection(deps)],
    fileSections: [{ id: 'subsidies', lines: (t, honoreeId, locale) => subsidyFileLines(deps.db, t, locale, honoreeId) }],
    honourNotes: [{ id: 'subsidies', lines: async (t, honoreeId, _honour, today) => subsidyHonourLines(deps.db, t, honoreeId, today, (await festivalCalendar(deps)).dateOf) }],
  };
}

import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { priorityCommand } from './priority-command.ts';
import { surveyForm } from './survey-flow.ts';

/** The yearly five-clears survey (摸底) and the priority register (重点登记) it feeds. */
export function surveyFeature(deps: FeatureDeps): FeaturePart {
  const form = surveyForm(deps.db);
  return {
    commands: [form.command, priorityCommand(deps.db)],
    flows: [form.flow],
  };
}

// The public face other features use (demo loader, roster import).
export { saveSurvey, surveyValuesSchema, SURVEY_FIELDS, SURVEY_TEXT_MAX, type SurveyValues } from './save-survey.ts';

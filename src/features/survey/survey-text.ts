import type { Locale, Translate } from '../../core/i18n.ts';
import { formatMoney } from '../../domain/index.ts';
import { SURVEY_FIELDS } from './save-survey.ts';
import type { SurveyForm } from './survey-questions.ts';

/** An amount as readers of the locale write it: 48,000元 or ¥48,000. */
export function money(t: Translate, locale: Locale, fen: number | null): string {
  return fen === null ? t('common.none') : formatMoney(fen, locale);
}

/** The register groups a survey belongs to, as words: "生活困难、健康状况差". */
export function flagWords(t: Translate, form: Pick<SurveyForm, 'priorityHardship' | 'priorityHealth'>): string {
  const flags = [form.priorityHardship && t('survey.flags.hardship'), form.priorityHealth && t('survey.flags.health')];
  return flags.filter(Boolean).join(t('survey.list_separator'));
}

/** How many answers differ from what was stored when the form began. */
export function changeCount(form: SurveyForm, original: SurveyForm | null): number {
  if (!original) return SURVEY_FIELDS.length;
  return SURVEY_FIELDS.filter((f) => form[f] !== original[f]).length;
}

/** The whole survey as lines, with the same wording as the file view (survey.fields.*). */
export function surveyLines(t: Translate, locale: Locale, form: SurveyForm, people: number | null): string[] {
  const v = (x: string | null) => x ?? t('common.none');
  const lines = [
    t('survey.fields.workSituation', { value: v(form.workSituation) }),
    t('survey.fields.income', { household: money(t, locale, form.householdIncomeFen), perCapita: money(t, locale, form.perCapitaIncomeFen) }),
  ];
  // Not stored: shown so staff can check what the per-capita amount was divided by.
  if (people !== null) lines.push(t('survey.fields.people', { count: people }));
  lines.push(
    t('survey.fields.familyMembers', { value: v(form.familyMembers) }),
    t('survey.fields.hardshipCauses', { value: v(form.hardshipCauses) }),
    t('survey.fields.healthStatus', { value: v(form.healthStatus) }),
  );
  const flags = flagWords(t, form);
  lines.push(flags ? t('survey.fields.priority', { flags, reason: v(form.priorityReason) }) : t('survey.fields.no_priority'));
  return lines;
}

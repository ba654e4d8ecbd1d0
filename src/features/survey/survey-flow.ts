import { ask, type Command, type CommandContext, type Flow, type FlowInput, type Outcome } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { saveSurvey, SURVEY_FIELDS } from './save-survey.ts';
import {
  EMPTY_FORM,
  impliedPeople,
  isTextStep,
  isYesNoStep,
  parseIncomeAnswer,
  parsePeopleAnswer,
  parseTextAnswer,
  parseYesNoAnswer,
  perCapita,
  STEPS,
  type Answer,
  type Step,
  type SurveyForm,
} from './survey-questions.ts';
import { changeCount, flagWords, money, surveyLines } from './survey-text.ts';

const FLOW = 'survey.form';
const SAVE = 'save';
const DISCARD = 'discard';
const YES = 'yes';
const NO = 'no';

/** Kept in the conversation store between answers: plain JSON. */
interface SurveyState {
  honoreeId: number;
  fileNo: string;
  name: string;
  year: number;
  step: Step;
  form: SurveyForm;
  /** This year's stored survey when the form began; null for a first survey. */
  original: SurveyForm | null;
  /** Household size: asked only to work out the per-capita income, never stored. */
  people: number | null;
}

const formOf = (row: SurveyForm): SurveyForm => ({
  workSituation: row.workSituation,
  householdIncomeFen: row.householdIncomeFen,
  perCapitaIncomeFen: row.perCapitaIncomeFen,
  familyMembers: row.familyMembers,
  hardshipCauses: row.hardshipCauses,
  healthStatus: row.healthStatus,
  priorityHardship: row.priorityHardship,
  priorityHealth: row.priorityHealth,
  priorityReason: row.priorityReason,
});

/** A reason belongs to a flag: for people in neither group the question is not asked. */
function nextStep(state: SurveyState): Step {
  let i = STEPS.indexOf(state.step) + 1;
  if (STEPS[i] === 'priorityReason' && !state.form.priorityHardship && !state.form.priorityHealth) i++;
  return STEPS[i];
}

/** What 跳过 would keep, shown under the question when this year's survey exists. */
function currentValue(ctx: CommandContext, state: SurveyState): string {
  const { form } = state;
  const step = state.step;
  if (isTextStep(step)) return form[step] ?? ctx.t('common.none');
  if (isYesNoStep(step)) return ctx.t(form[step] ? 'common.yes' : 'common.no');
  if (step === 'householdIncome') return money(ctx.t, ctx.locale, form.householdIncomeFen);
  if (state.people !== null) return ctx.t('survey.people_count', { count: state.people });
  if (form.perCapitaIncomeFen !== null) return ctx.t('survey.per_capita_only', { perCapita: money(ctx.t, ctx.locale, form.perCapitaIncomeFen) });
  return ctx.t('common.none');
}

/** Asks the question of `state.step`, after `before` (an intro or what was wrong with the answer). */
function question(ctx: CommandContext, state: SurveyState, before?: string): Outcome {
  const lines = before ? [before] : [];
  if (state.step === 'confirm') {
    const changes = changeCount(state.form, state.original);
    const head = !state.original ? 'survey.review' : changes ? 'survey.review_update' : 'survey.review_same';
    lines.push(ctx.t(head, { name: state.name, fileNo: state.fileNo, year: state.year, changes }), ...surveyLines(ctx.t, ctx.locale, state.form, state.people));
    return ask(FLOW, state, { text: lines.join('\n'), choices: [{ id: SAVE, label: ctx.t('survey.save') }, { id: DISCARD, label: ctx.t('survey.discard') }] });
  }
  lines.push(ctx.t(`survey.ask.${state.step}`));
  if (state.original) lines.push(ctx.t('survey.current', { value: currentValue(ctx, state) }));
  // 「无」 clears a text or a number; for a yes/no question it simply means 否.
  const keepHint = isYesNoStep(state.step) ? 'survey.keep_hint_yes_no' : 'survey.keep_hint';
  lines.push(ctx.t(state.original ? keepHint : 'survey.skip_hint'));
  const reply: Reply = { text: lines.join('\n') };
  if (isYesNoStep(state.step)) reply.choices = [{ id: YES, label: ctx.t('common.yes') }, { id: NO, label: ctx.t('common.no') }];
  return ask(FLOW, state, reply);
}

/**
 * Per-capita income follows from household income and size. When the size is unknown, a stored
 * per-capita amount stays only while the household income it belongs to is unchanged.
 */
function withPerCapita(state: SurveyState): SurveyForm {
  const { form, people, original } = state;
  const h = form.householdIncomeFen;
  let p: number | null = null;
  if (h !== null && people !== null) p = perCapita(h, people);
  else if (h !== null && original?.householdIncomeFen === h) p = original.perCapitaIncomeFen;
  return { ...form, perCapitaIncomeFen: p };
}

/** The state after one answer, or the message key of what was wrong with it. */
function answer(state: SurveyState, input: FlowInput): SurveyState | { error: string } {
  const raw = (input.text ?? '').trim();
  const step = state.step;
  const apply = <T>(a: Answer<T>, change: (value: T) => SurveyState): SurveyState | { error: string } =>
    a.kind === 'error' ? { error: a.error } : a.kind === 'keep' ? state : change(a.value);

  if (isTextStep(step)) return apply(parseTextAnswer(raw), (value) => ({ ...state, form: { ...state.form, [step]: value } }));
  if (isYesNoStep(step)) {
    const a: Answer<boolean> = input.choice === YES || input.choice === NO ? { kind: 'set', value: input.choice === YES } : parseYesNoAnswer(raw);
    return apply(a, (value) => ({ ...state, form: { ...state.form, [step]: value } }));
  }
  if (step === 'householdIncome') {
    return apply(parseIncomeAnswer(raw), (value) => ({ ...state, form: { ...state.form, householdIncomeFen: value } }));
  }
  // step === 'people': the per-capita amount is settled here, whatever was answered.
  const next = apply(parsePeopleAnswer(raw), (people) => ({ ...state, people }));
  return 'error' in next ? next : { ...next, form: withPerCapita(next) };
}

/** 摸底 /survey: this year's five clears for one person, one question at a time, saved at the end. */
export function surveyForm(db: Db): { command: Command; flow: Flow } {
  const command: Command = {
    id: 'survey',
    keywords: ['摸底', '摸底调查', 'survey'],
    slash: 'survey',
    roles: ['staff'],
    // Income and health are private: never asked or shown in a group.
    where: 'private',
    async run(ctx, args) {
      if (!args) throw new UserError('survey.usage');
      const r = await resolveHonoree(db, ctx.t, args, (ref) => `/survey ${ref}`);
      if (r.pick) return r.pick;
      const who = r.one;
      const year = Number(ctx.today().slice(0, 4));
      const row = await db.survey.findUnique({ where: { honoreeId_year: { honoreeId: who.id, year } } });
      const original = row ? formOf(row) : null;
      const form = original ?? EMPTY_FORM;
      const state: SurveyState = { honoreeId: who.id, fileNo: who.fileNo, name: who.name, year, step: STEPS[0], form, original, people: impliedPeople(form) };
      const intro = ctx.t(original ? 'survey.start_update' : 'survey.start_new', { name: who.name, fileNo: who.fileNo, year });
      return question(ctx, state, `${intro}\n${ctx.t('common.cancel_hint')}`);
    },
  };

  const flow: Flow = {
    name: FLOW,
    interruptible: false,
    async step(ctx, raw, input) {
      const state = raw as SurveyState;
      if (state.step === 'confirm') return confirm(ctx, state, input);
      const next = answer(state, input);
      if ('error' in next) return question(ctx, state, ctx.t(next.error));
      let moved: SurveyState = { ...next, step: nextStep(next) };
      // Unflagged: a reason left from an earlier answer would describe a group the person is not in.
      if (moved.step === 'confirm' && !moved.form.priorityHardship && !moved.form.priorityHealth) {
        moved = { ...moved, form: { ...moved.form, priorityReason: null } };
      }
      return question(ctx, moved);
    },
  };

  async function confirm(ctx: CommandContext, state: SurveyState, input: FlowInput): Promise<Outcome> {
    const typed = (input.text ?? '').trim().toLowerCase();
    if (input.choice === DISCARD || ['2', '放弃', 'discard'].includes(typed)) return { text: ctx.t('common.cancelled') };
    if (input.choice !== SAVE && !['1', '保存', '确认', 'save'].includes(typed)) return question(ctx, state);
    // Only what was changed in this form: a field saved by someone else while it was open (a
    // checkup report's health flag, a colleague's survey) is not written back to what it was.
    const { form, original } = state;
    const values = original ? Object.fromEntries(SURVEY_FIELDS.filter((f) => form[f] !== original[f]).map((f) => [f, form[f]])) : form;
    const result = await db.$transaction((tx) => saveSurvey(tx, state.honoreeId, state.year, values, ctx.actor));
    const params = { name: state.name, fileNo: state.fileNo, year: state.year };
    if (!result.changed) return { text: ctx.t('survey.unchanged', params) };
    const lines = [ctx.t(result.created ? 'survey.saved_new' : 'survey.saved_update', params)];
    const flags = flagWords(ctx.t, state.form);
    if (flags) lines.push(ctx.t('survey.saved_priority', { year: state.year, flags }));
    return { text: lines.join('\n') };
  }

  return { command, flow };
}

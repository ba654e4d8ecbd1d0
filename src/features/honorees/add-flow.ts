import { ask, type Command, type CommandContext, type Flow, type FlowInput, type Outcome } from '../../core/command.ts';
import { checkIdNumber } from '../../domain/index.ts';
import { parseHonourText, type HonourText } from '../../domain/vocabulary.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { parseField, SKIP_WORDS, type HonoreeField } from './fields.ts';
import { fieldValueLabel, honourLabel } from './format.ts';
import { addHonour } from './honours.ts';
import { createHonoree, type HonoreeValues } from './repository.ts';

const FLOW = 'honorees.add';

/** The questions, in the order a union office fills in a paper form. */
const STEPS = ['name', 'idNumber', 'gender', 'birthDate', 'ethnicity', 'phone', 'employer', 'position', 'employmentStatus', 'address', 'honours', 'notes', 'confirm'] as const;
type Step = (typeof STEPS)[number];

interface AddState {
  step: Step;
  values: HonoreeValues;
  honours: HonourText[];
}

const SAVE = 'save';
const DISCARD = 'discard';

/** An ID number already tells birth date and gender: those questions are skipped. */
function nextStep(state: AddState): Step {
  let i = STEPS.indexOf(state.step) + 1;
  while (state.values.idNumber && (STEPS[i] === 'gender' || STEPS[i] === 'birthDate')) i++;
  return STEPS[i];
}

function question(ctx: CommandContext, state: AddState): Outcome {
  if (state.step === 'confirm') {
    return ask(FLOW, state, { text: summary(ctx, state), choices: [{ id: SAVE, label: ctx.t('honorees.add.save') }, { id: DISCARD, label: ctx.t('honorees.add.discard') }] });
  }
  const hint = state.step === 'name' ? ctx.t('common.cancel_hint') : ctx.t('common.skip_hint');
  return ask(FLOW, state, { text: `${ctx.t(`honorees.add.ask.${state.step}`)}\n${hint}` });
}

function summary(ctx: CommandContext, state: AddState): string {
  const lines = [ctx.t('honorees.add.review')];
  for (const [field, value] of Object.entries(state.values)) {
    if (value !== null && value !== undefined) lines.push(ctx.t('honorees.add.review_line', { field: ctx.t(`honorees.fields.${field}`), value: fieldValueLabel(ctx.t, field, value) }));
  }
  for (const h of state.honours) lines.push(ctx.t('honorees.add.review_line', { field: ctx.t('honorees.fields.honour'), value: honourLabel(ctx.t, h) }));
  return lines.join('\n');
}

/** 新增 /add: a guided conversation, one validated question at a time; nothing is saved before the end. */
export function addHonoree(db: Db, fileNoPrefix: string): { command: Command; flow: Flow } {
  const command: Command = {
    id: 'add',
    keywords: ['新增', '添加', '新建', 'add'],
    slash: 'add',
    roles: ['staff'],
    where: 'private',
    run: async (ctx) => question(ctx, { step: 'name', values: {}, honours: [] }),
  };

  const flow: Flow = {
    name: FLOW,
    interruptible: false,
    async step(ctx, raw, input: FlowInput) {
      const state = raw as AddState;
      const answer = (input.text ?? '').trim();
      if (state.step === 'confirm') {
        if (input.choice === DISCARD || answer === '2') return { text: ctx.t('common.cancelled') };
        if (input.choice !== SAVE && !['1', '保存', '确认', 'save', 'yes'].includes(answer.toLowerCase())) return question(ctx, state);
        const save = () =>
          db.$transaction(async (tx) => {
            const created = await createHonoree(tx, { ...state.values, name: state.values.name! }, ctx.actor, fileNoPrefix);
            for (const h of state.honours) await addHonour(tx, created.id, h, ctx.actor);
            return created;
          });
        // Another file saved at the same moment took the next file number (or the same ID number):
        // once more, the number is counted afresh and a duplicate ID number is said plainly.
        const row = await save().catch((err: unknown) => {
          if (!isUniqueViolation(err)) throw err;
          return save();
        });
        return { text: ctx.t('honorees.add.saved', { name: row.name, fileNo: row.fileNo }) };
      }
      if (state.step === 'honours') {
        if (SKIP_WORDS.has(answer.toLowerCase()) || answer === '') return question(ctx, { ...state, step: nextStep(state) });
        const honours: HonourText[] = [];
        for (const part of answer.split(/[；;\n]/).map((p) => p.trim()).filter(Boolean)) {
          const h = parseHonourText(part, Number(ctx.today().slice(0, 4)));
          if (!h.ok) return ask(FLOW, state, { text: `${ctx.t(`honorees.invalid.honour_${h.reason}`)}\n${ctx.t('honorees.add.ask.honours')}` });
          honours.push(h.value);
        }
        const next = { ...state, honours };
        return question(ctx, { ...next, step: nextStep(next) });
      }
      const field = state.step as HonoreeField;
      const parsed = parseField(field, answer, ctx.today());
      if (!parsed.ok) return ask(FLOW, state, { text: `${ctx.t(parsed.error)}\n${ctx.t(`honorees.add.ask.${field}`)}` });
      if (field === 'idNumber' && parsed.value) {
        // Said now rather than at the end, so only this answer has to be typed again.
        const other = await db.honoree.findUnique({ where: { idNumber: parsed.value }, select: { fileNo: true, name: true } });
        if (other) return ask(FLOW, state, { text: `${ctx.t('honorees.duplicate_id_number', other)}\n${ctx.t('honorees.add.ask.idNumber')}` });
      }
      const values = { ...state.values, [field]: parsed.value };
      if (field === 'idNumber' && parsed.value) {
        // Shown in the review, so staff can see what the ID number says.
        const id = checkIdNumber(parsed.value);
        if (id.ok) Object.assign(values, { birthDate: id.birthDate, gender: id.gender });
      }
      const next = { ...state, values };
      return question(ctx, { ...next, step: nextStep(next) });
    },
  };
  return { command, flow };
}

import { ask, type CommandContext, type Flow, type Outcome } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import type { HonoreeHit } from './search.ts';
import { saveField } from './save-field.ts';

const FLOW = 'honorees.clear_id';
const CONFIRM = 'confirm';
const KEEP = 'keep';
const YES_WORDS = new Set(['确认', '确定', '是', '清空', 'yes', 'confirm']);

interface ClearIdState {
  id: number;
  name: string;
  fileNo: string;
}

/**
 * The ID number is what an import recognises a person by: cleared by mistake, the next roster
 * makes a second file for the same person. So clearing it is asked once more: 1 clears, 2 keeps.
 */
export function askClearIdNumber(ctx: CommandContext, who: HonoreeHit): Outcome {
  const state: ClearIdState = { id: who.id, name: who.name, fileNo: who.fileNo };
  return ask(FLOW, state, {
    text: ctx.t('honorees.clear_id.confirm', { name: who.name, fileNo: who.fileNo }),
    choices: [
      { id: CONFIRM, label: ctx.t('honorees.clear_id.yes') },
      { id: KEEP, label: ctx.t('honorees.clear_id.no') },
    ],
  });
}

/** The answer to {@link askClearIdNumber}: only a clear yes clears; anything else keeps the number. */
export function clearIdFlow(db: Db): Flow {
  return {
    name: FLOW,
    // A confirmation, not a form: a command typed instead of an answer simply runs.
    interruptible: true,
    async step(ctx, raw, input) {
      const state = raw as ClearIdState;
      const yes = input.choice === CONFIRM || (!input.choice && YES_WORDS.has((input.text ?? '').trim().toLowerCase()));
      if (!yes) return { text: ctx.t('honorees.clear_id.kept', { name: state.name, fileNo: state.fileNo }) };
      return saveField(db, ctx, state.id, 'idNumber', null);
    },
  };
}

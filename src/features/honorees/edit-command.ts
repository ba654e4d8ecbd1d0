import type { Command, CommandContext } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { parseHonourText } from '../../domain/vocabulary.ts';
import type { Db } from '../../db/client.ts';
import { askClearIdNumber } from './clear-id-flow.ts';
import { CLEAR_WORDS, FIELD_SPECS, HONOREE_FIELDS, parseField, SKIP_WORDS, type HonoreeField } from './fields.ts';
import { honourLabel } from './format.ts';
import { addHonour } from './honours.ts';
import type { HonourNote } from '../feature.ts';
import { resolveHonoree } from './resolve.ts';
import { saveField } from './save-field.ts';

const HONOUR_WORDS = ['荣誉', '添加荣誉', 'honour', 'honor'];

interface Change {
  field: HonoreeField | 'honour';
  /** The field's word as typed, for examples that repeat the person's own command. */
  word: string;
  value: string;
}

/** Splits "电话 13800001234" into the field named first and the new value. */
function splitField(rest: string): Change | null {
  const lower = rest.toLowerCase();
  let best: { field: HonoreeField | 'honour'; word: string } | null = null;
  const consider = (field: HonoreeField | 'honour', word: string) => {
    if (lower.startsWith(word) && (!best || word.length > best.word.length)) best = { field, word };
  };
  for (const f of HONOREE_FIELDS) for (const w of FIELD_SPECS[f].words) consider(f, w);
  for (const w of HONOUR_WORDS) consider('honour', w);
  if (!best) return null;
  const { field, word } = best as { field: HonoreeField | 'honour'; word: string };
  return { field, word: rest.slice(0, word.length), value: rest.slice(word.length).trim() };
}

/**
 * The value an edit sets, or null to clear the field. Clearing takes an explicit word (清空): a
 * value left out (`修改 LM00002 身份证号`) or a skip word (无) changes nothing, and the answer
 * shows how to type either. Settled before the file is looked up: a slip needs no search.
 */
function newValue(ctx: CommandContext, target: string, field: HonoreeField, change: Change): string | null {
  const value = change.value;
  const example = { target, word: change.word, field: ctx.t(`honorees.fields.${field}`), example: ctx.t(`honorees.examples.${field}`) };
  const required = FIELD_SPECS[field].required;
  if (value === '' || SKIP_WORDS.has(value.toLowerCase())) {
    throw new UserError(required ? 'honorees.edit_value_missing_required' : 'honorees.edit_value_missing', example);
  }
  if (CLEAR_WORDS.has(value.toLowerCase())) {
    if (required) throw new UserError('honorees.cannot_clear', example);
    return null;
  }
  const parsed = parseField(field, value, ctx.today());
  if (!parsed.ok) throw new UserError(parsed.error);
  return parsed.value;
}

/** 修改 /edit: one field of one file, e.g. `修改 LM00012 电话 13800001234`; audited. */
export function editCommand(db: Db, notes?: () => HonourNote[]): Command {
  return {
    id: 'edit',
    keywords: ['修改', '更正', 'edit'],
    slash: 'edit',
    roles: ['staff'],
    where: 'private',
    async run(ctx, args) {
      const [target, ...restWords] = args.split(/\s+/);
      const change = splitField(restWords.join(' '));
      if (!target || !change) throw new UserError('honorees.edit_usage');
      const find = () => resolveHonoree(db, ctx.t, target, (ref) => `/edit ${ref} ${restWords.join(' ')}`);
      const { field } = change;

      if (field === 'honour') {
        const h = parseHonourText(change.value, Number(ctx.today().slice(0, 4)));
        if (!h.ok) throw new UserError(`honorees.invalid.honour_${h.reason}`);
        const r = await find();
        if (r.pick) return r.pick;
        const added = await db.$transaction((tx) => addHonour(tx, r.one.id, h.value, ctx.actor));
        const head = ctx.t(added ? 'honorees.honour_added' : 'honorees.honour_exists', { name: r.one.name, honour: honourLabel(ctx.t, h.value) });
        // What the new honour brings (a subsidy, from when), said by the feature it concerns.
        const more = added ? (await Promise.all((notes?.() ?? []).map((n) => n.lines(ctx.t, r.one.id, h.value, ctx.today())))).flat() : [];
        return { text: [head, ...more].join('\n') };
      }

      const value = newValue(ctx, target, field, change);
      const r = await find();
      if (r.pick) return r.pick;
      if (field === 'idNumber' && value === null) {
        // Asked only when there is a number to lose; saveField says when there is none.
        const current = await db.honoree.findUnique({ where: { id: r.one.id }, select: { idNumber: true } });
        if (current?.idNumber) return askClearIdNumber(ctx, r.one);
      }
      return saveField(db, ctx, r.one.id, field, value);
    },
  };
}

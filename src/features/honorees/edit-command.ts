import type { Command } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { parseHonourText } from '../../domain/vocabulary.ts';
import type { Db } from '../../db/client.ts';
import { FIELD_SPECS, HONOREE_FIELDS, parseField, type HonoreeField } from './fields.ts';
import { fieldValueLabel, honourLabel } from './format.ts';
import { addHonour } from './honours.ts';
import { updateHonoree } from './repository.ts';
import { resolveHonoree } from './resolve.ts';

const HONOUR_WORDS = ['荣誉', '添加荣誉', 'honour', 'honor'];

/** Splits "电话 13800001234" into the field named first and the new value. */
function splitField(rest: string): { field: HonoreeField | 'honour'; value: string } | null {
  const lower = rest.toLowerCase();
  let best: { field: HonoreeField | 'honour'; word: string } | null = null;
  const consider = (field: HonoreeField | 'honour', word: string) => {
    if (lower.startsWith(word) && (!best || word.length > best.word.length)) best = { field, word };
  };
  for (const f of HONOREE_FIELDS) for (const w of FIELD_SPECS[f].words) consider(f, w);
  for (const w of HONOUR_WORDS) consider('honour', w);
  if (!best) return null;
  const { field, word } = best as { field: HonoreeField | 'honour'; word: string };
  return { field, value: rest.slice(word.length).trim() };
}

/** 修改 /edit: one field of one file, e.g. `修改 LM00012 电话 13800001234`; audited. */
export function editCommand(db: Db): Command {
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
      const r = await resolveHonoree(db, ctx.t, target, (ref) => `/edit ${ref} ${restWords.join(' ')}`);
      if (r.pick) return r.pick;
      const who = r.one;

      if (change.field === 'honour') {
        const h = parseHonourText(change.value, Number(ctx.today().slice(0, 4)));
        if (!h.ok) throw new UserError(`honorees.invalid.honour_${h.reason}`);
        const added = await db.$transaction((tx) => addHonour(tx, who.id, h.value, ctx.actor));
        return { text: ctx.t(added ? 'honorees.honour_added' : 'honorees.honour_exists', { name: who.name, honour: honourLabel(ctx.t, h.value) }) };
      }

      const parsed = parseField(change.field, change.value, ctx.today());
      if (!parsed.ok) throw new UserError(parsed.error);
      if (change.field === 'employmentStatus' && parsed.value === null) throw new UserError('honorees.invalid.employmentStatus');
      await db.$transaction((tx) => updateHonoree(tx, who.id, { [change.field]: parsed.value }, ctx.actor));
      return {
        text: ctx.t('honorees.edited', {
          name: who.name,
          fileNo: who.fileNo,
          field: ctx.t(`honorees.fields.${change.field}`),
          value: fieldValueLabel(ctx.t, change.field, parsed.value),
        }),
      };
    },
  };
}

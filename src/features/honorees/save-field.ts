import type { CommandContext } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { checkIdNumber } from '../../domain/index.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import type { HonoreeField } from './fields.ts';
import { fieldValueLabel } from './format.ts';
import { updateHonoree } from './repository.ts';

/** What a new ID number may bring along with it. */
const FOLLOWS_ID = ['birthDate', 'gender'] as const;

/**
 * Sets (or, with null, clears) one field of a file in one audited transaction, and says what
 * happened: the new value, the birth date and gender a new ID number changed with it, and a
 * typed birth date or gender that is not what the ID number says.
 */
export async function saveField(db: Db, ctx: CommandContext, id: number, field: HonoreeField, value: string | null): Promise<Reply> {
  const { before, after } = await db.$transaction(async (tx) => {
    const before = await tx.honoree.findUnique({ where: { id } });
    if (!before) throw new UserError('honorees.gone');
    // Nothing to clear: say so rather than audit a change that changed nothing.
    if (value === null && before[field] === null) return { before, after: null };
    return { before, after: await updateHonoree(tx, id, { [field]: value }, ctx.actor) };
  });
  const names = { name: before.name, fileNo: before.fileNo, field: ctx.t(`honorees.fields.${field}`) };
  if (!after) return { text: ctx.t('honorees.already_empty', names) };
  if (value === null) return { text: ctx.t('honorees.cleared', names) };
  const lines = [ctx.t('honorees.edited', { ...names, name: after.name, fileNo: after.fileNo, value: fieldValueLabel(ctx.t, field, after[field]) })];
  const card = after.idNumber ? checkIdNumber(after.idNumber) : null;
  if (card?.ok && (field === 'birthDate' || field === 'gender') && after[field] !== card[field]) {
    // Saved as typed (a card can be wrong too), like an import row that disagrees: but said.
    lines.push(ctx.t('honorees.differs_from_id', { field: names.field, fromId: fieldValueLabel(ctx.t, field, card[field]) }));
  }
  if (field === 'idNumber') {
    for (const f of FOLLOWS_ID) {
      if (before[f] === after[f]) continue;
      const label = (v: string | null) => fieldValueLabel(ctx.t, f, v);
      lines.push(ctx.t('honorees.follows_id', { field: ctx.t(`honorees.fields.${f}`), value: label(after[f]), old: label(before[f]) }));
    }
  }
  return { text: lines.join('\n') };
}

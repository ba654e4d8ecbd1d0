import type { Command, CommandContext } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db, Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { visitLine } from './format.ts';
import { parsePersonPeriod } from './period.ts';
import { newestVisits, visitTotals } from './visit-queries.ts';

/** How many of a person's latest visits (in the period asked for, if any) are offered for deletion. */
const OFFERED = 10;

/** `!12` names visit 12 in the choices offered (never typed by people); `确认` confirms. */
const PICKED = /^!(\d{1,9})(?:\s+(确认|confirm))?$/i;
const pickedRef = (id: number) => `/deletevisit !${id}`;

async function offer(db: Db, ctx: CommandContext, text: string): Promise<Reply> {
  // `删除走访 张三 2025-03-02`: an older visit is reached through its day, month or year.
  const asked = parsePersonPeriod(text, ctx.today());
  if (!asked.ok) throw new UserError(`visits.list.period_${asked.reason}`, { text: asked.text });
  const { period, periodText } = asked;
  const resolved = await resolveHonoree(db, ctx.t, asked.query, (ref) => `/deletevisit ${ref} ${periodText}`.trim());
  if (resolved.pick) return resolved.pick;
  const who = resolved.one;
  const filter = { honoreeId: who.id, period };
  const [visits, { count }] = await Promise.all([newestVisits(db, filter, OFFERED), visitTotals(db, filter)]);
  // Without a period: `pick`, `none`; with one: `pick_within`, `none_within`, naming it.
  const said = (key: 'pick' | 'none') =>
    period
      ? ctx.t(`visits.delete.${key}_within`, { name: who.name, fileNo: who.fileNo, label: ctx.t(`visits.period.${period.label.key}`, period.label.params) })
      : ctx.t(`visits.delete.${key}`, { name: who.name, fileNo: who.fileNo });
  if (!visits.length) return { text: said('none') };
  const head = said('pick');
  // More than are offered: say how to reach the others, with the month of the oldest one shown.
  const older = count > visits.length
    ? `\n${ctx.t('visits.delete.older', { shown: visits.length, count, fileNo: who.fileNo, example: visits.at(-1)!.visitDate.slice(0, 7) })}`
    : '';
  return {
    text: `${head}${older}`,
    choices: visits.map((v) => ({ id: pickedRef(v.id), label: visitLine(ctx.t, ctx.locale, v) })),
  };
}

/** Finds the visit and checks that this account may delete it: its recorder, or an admin. */
async function deletable(db: Tx, ctx: CommandContext, id: number) {
  const visit = await db.visit.findUnique({ where: { id }, include: { honoree: { select: { name: true, fileNo: true } } } });
  if (!visit) throw new UserError('visits.delete.gone');
  if (ctx.account.role !== 'admin' && visit.recordedById !== ctx.account.id) throw new UserError('visits.delete.not_yours');
  return visit;
}

async function remove(db: Db, ctx: CommandContext, id: number): Promise<Reply> {
  const line = await db.$transaction(async (tx) => {
    const { honoree, ...row } = await deletable(tx, ctx, id);
    // deleteMany: a second confirmation racing this one deletes nothing instead of failing.
    const { count } = await tx.visit.deleteMany({ where: { id } });
    if (!count) throw new UserError('visits.delete.gone');
    await recordAudit(tx, ctx.actor, 'visit', id, 'delete', row, null);
    return visitLine(ctx.t, ctx.locale, { ...row, honoree });
  });
  return { text: ctx.t('visits.delete.done', { line }) };
}

/**
 * 删除走访 /deletevisit: takes back a visit recorded by mistake (sent twice, the wrong person).
 * `删除走访 张三` offers that person's latest visits, `删除走访 张三 2025-03` (a day, month, year or
 * range) those of that period; the one picked is shown with a button to confirm, and only the
 * confirmation deletes it. The audit entry keeps what it said.
 */
export function deleteVisitCommand(db: Db): Command {
  return {
    id: 'deletevisit',
    keywords: ['删除走访', '撤销走访', 'deletevisit'],
    slash: 'deletevisit',
    roles: ['staff'],
    // The list shows visit notes, which often hold health details.
    where: 'private',
    async run(ctx, args) {
      const query = args.trim();
      if (!query) throw new UserError('visits.delete.usage');
      const picked = PICKED.exec(query);
      if (!picked) return offer(db, ctx, query);
      const id = Number(picked[1]);
      if (picked[2]) return remove(db, ctx, id);
      const visit = await deletable(db, ctx, id);
      return {
        text: ctx.t('visits.delete.confirm', { line: visitLine(ctx.t, ctx.locale, visit) }),
        choices: [{ id: `${pickedRef(id)} 确认`, label: ctx.t('visits.delete.confirm_button') }],
      };
    },
  };
}

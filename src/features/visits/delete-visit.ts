import type { Command, CommandContext } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db, Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { visitLine } from './format.ts';

/** How many of a person's latest visits are offered for deletion. */
const OFFERED = 10;

/** `!12` names visit 12 in the choices offered (never typed by people); `确认` confirms. */
const PICKED = /^!(\d{1,9})(?:\s+(确认|confirm))?$/i;
const pickedRef = (id: number) => `/deletevisit !${id}`;

async function offer(db: Db, ctx: CommandContext, query: string): Promise<Reply> {
  const resolved = await resolveHonoree(db, ctx.t, query, (ref) => `/deletevisit ${ref}`);
  if (resolved.pick) return resolved.pick;
  const who = resolved.one;
  const visits = await db.visit.findMany({
    where: { honoreeId: who.id },
    include: { honoree: { select: { name: true, fileNo: true } } },
    orderBy: [{ visitDate: 'desc' }, { id: 'desc' }],
    take: OFFERED,
  });
  if (!visits.length) return { text: ctx.t('visits.delete.none', { name: who.name, fileNo: who.fileNo }) };
  return {
    text: ctx.t('visits.delete.pick', { name: who.name, fileNo: who.fileNo }),
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
 * `删除走访 张三` offers that person's latest visits; the one picked is shown with a button to
 * confirm, and only the confirmation deletes it. The audit entry keeps what it said.
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

import type { Command } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/** `完成 N` (/done N): the call was made; the task leaves the digest. Audited, one transaction. */
export function doneCommand(db: Db): Command {
  return {
    id: 'done',
    keywords: ['完成'],
    slash: 'done',
    roles: ['staff'],
    where: 'any',
    async run(ctx, args) {
      const m = /^#?(\d{1,9})$/.exec(args.normalize('NFKC').trim());
      if (!m) return { text: ctx.t('phone_tasks.done_usage') };
      const id = Number(m[1]);
      const now = ctx.now();
      const closed = await db.$transaction(async (tx) => {
        const before = await tx.phoneTask.findUnique({ where: { id } });
        if (!before || before.status !== 'open') return null;
        const after = await tx.phoneTask.update({ where: { id }, data: { status: 'done', doneById: ctx.account.id, doneAt: now } });
        await recordAudit(tx, ctx.actor, 'phone_task', id, 'update', { status: before.status }, { status: after.status, doneById: after.doneById });
        return after;
      });
      return { text: closed ? ctx.t('phone_tasks.done', { id }) : ctx.t('phone_tasks.not_open', { id }) };
    },
  };
}

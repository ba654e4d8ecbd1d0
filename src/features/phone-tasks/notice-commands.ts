import type { Command, CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/** What an admin can settle: a pending row is on its way, a sent one is done. */
const UNDELIVERED = ['failed', 'skipped'];

/** A notification number as typed: `12`, `#12`. */
function idOf(args: string): number | null {
  const m = /^#?(\d{1,9})$/.exec(args.normalize('NFKC').trim());
  return m ? Number(m[1]) : null;
}

/**
 * `重发 N`: a notification that failed or was skipped goes out again (from now, with a fresh
 * count of attempts). `作废 N`: it is given up for good. Admins only, in a private chat (the
 * list they come from is an admin's). Only failed or skipped rows. Audited, in the transaction
 * of the change.
 */
function settleCommand(db: Db, o: { id: string; keyword: string; slash: string; to: 'pending' | 'cancelled' }): Command {
  return {
    id: o.id,
    keywords: [o.keyword],
    slash: o.slash,
    roles: ['admin'],
    where: 'private',
    async run(ctx: CommandContext, args: string) {
      const id = idOf(args);
      if (id === null) return { text: ctx.t(`phone_tasks.${o.id}_usage`) };
      const now = ctx.now();
      const data = o.to === 'pending' ? { status: 'pending', attempts: 0, nextAttemptAt: now, dueAt: now, lastError: null, updatedAt: now } : { status: 'cancelled', updatedAt: now };
      const changed = await db.$transaction(async (tx) => {
        const before = await tx.notification.findUnique({ where: { id }, select: { status: true } });
        if (!before || !UNDELIVERED.includes(before.status)) return false;
        // Only from the status just read: a row another admin settled meanwhile is not settled twice.
        const done = await tx.notification.updateMany({ where: { id, status: before.status }, data });
        if (done.count) await recordAudit(tx, ctx.actor, 'notification', id, 'update', before, { status: data.status });
        return done.count > 0;
      });
      return { text: ctx.t(changed ? `phone_tasks.${o.id}_done` : 'phone_tasks.notice_not_found', { id }) };
    },
  };
}

export const noticeCommands = (db: Db): Command[] => [
  settleCommand(db, { id: 'resend', keyword: '重发', slash: 'resend', to: 'pending' }),
  settleCommand(db, { id: 'drop', keyword: '作废', slash: 'drop', to: 'cancelled' }),
];

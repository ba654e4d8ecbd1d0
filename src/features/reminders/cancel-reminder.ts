import type { CommandContext, Outcome } from '../../core/command.ts';
import { recordAudit } from '../audit/index.ts';
import { groupOf, type ReminderDeps } from './reminder-deps.ts';

/**
 * `取消提醒 N`: a one-off, or every future occurrence of a repeating one, and whatever of it waits
 * in the outbox. A one-off already sent cannot be taken back: the answer says so, and nothing
 * changes. Audited, in the transaction of the change.
 */
export async function cancelReminder(deps: ReminderDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const m = /^#?(\d{1,9})$/.exec(args.normalize('NFKC').trim());
  if (!m) return { text: ctx.t('reminders.cancel_usage') };
  const id = Number(m[1]);
  const group = ctx.isGroup ? await groupOf(deps.db, ctx) : null;
  const r = await deps.db.reminder.findUnique({ where: { id } });
  // Only one's own private reminders, or those of the group it is asked in; anything else is "not found".
  const yours = r && (group ? r.groupId === group.id : r.groupId === null && r.ownerId === ctx.account.id);
  if (!yours || r.status === 'cancelled') return { text: ctx.t('reminders.cancel_not_found', { id }) };
  const now = ctx.now();
  const outcome = await deps.db.$transaction(async (tx) => {
    // An update that changes nothing, to lock the row first: a planning run under way finishes
    // before it is read again here, so what it handed to the outbox is seen (and stopped).
    await tx.reminder.updateMany({ where: { id }, data: { ownerId: r.ownerId } });
    const before = await tx.reminder.findUniqueOrThrow({ where: { id } });
    if (before.status === 'cancelled') return 'not_found' as const;
    // What has not gone out yet stops; a row being sent right now cannot be called back.
    const stopped = await tx.notification.updateMany({ where: { reminderId: id, status: 'pending' }, data: { status: 'cancelled', updatedAt: now } });
    if (before.nextAt === null && stopped.count === 0) return 'sent' as const;
    const after = await tx.reminder.update({ where: { id }, data: { status: 'cancelled', nextAt: null, updatedAt: now } });
    await recordAudit(tx, ctx.actor, 'reminder', id, 'update', { status: before.status, nextAt: before.nextAt }, { status: after.status, nextAt: after.nextAt });
    return 'cancelled' as const;
  });
  const key = { not_found: 'reminders.cancel_not_found', sent: 'reminders.cancel_already_sent', cancelled: 'reminders.cancelled' }[outcome];
  return { text: ctx.t(key, { id, text: r.text }) };
}

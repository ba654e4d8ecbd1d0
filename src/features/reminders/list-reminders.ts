import type { CommandContext, Outcome } from '../../core/command.ts';
import { openTaskLines } from '../phone-tasks/index.ts';
import { groupOf, type ReminderDeps } from './reminder-deps.ts';
import { ruleOf, shownAt, shownRepeat } from './when.ts';

/** Most reminders one list reads and shows. */
const MOST_READ = 200;
const MOST_LISTED = 30;

/**
 * The upcoming reminders of this person (private chat) or this group, with their numbers: those
 * with a time still to come, and those handed to the outbox that have not gone out yet (a
 * one-off due within the hour is done already, but still upcoming). A one-off sent is not listed.
 */
export async function listReminders(deps: ReminderDeps, ctx: CommandContext): Promise<Outcome> {
  const group = ctx.isGroup ? await groupOf(deps.db, ctx) : null;
  if (ctx.isGroup && !group) return { text: ctx.t('reminders.group_not_registered') };
  const mine = group ? { groupId: group.id } : { ownerId: ctx.account.id, groupId: null };
  const recipient = group ? { groupId: group.id } : { accountId: ctx.account.id };
  const waiting = await deps.db.notification.findMany({
    where: { ...recipient, reminderId: { not: null }, status: { in: ['pending', 'sending'] } },
    select: { reminderId: true, dueAt: true },
    orderBy: { dueAt: 'asc' },
    take: MOST_READ,
  });
  const handedOut = [...new Set(waiting.map((w) => w.reminderId as number))];
  const reminders = await deps.db.reminder.findMany({
    where: { ...mine, OR: [{ status: 'pending', nextAt: { not: null } }, { status: { in: ['pending', 'done'] }, id: { in: handedOut } }] },
    orderBy: { id: 'asc' },
    take: MOST_READ,
  });
  const upcoming = reminders
    .map((r) => {
      const times = [r.nextAt, ...waiting.filter((w) => w.reminderId === r.id).map((w) => w.dueAt)].filter((d): d is Date => d !== null);
      return { r, next: new Date(Math.min(...times.map((d) => d.getTime()))) };
    })
    .sort((a, b) => a.next.getTime() - b.next.getTime());
  const lines = [ctx.t(group ? 'reminders.list_group_title' : 'reminders.list_title', { count: upcoming.length })];
  for (const { r, next } of upcoming.slice(0, MOST_LISTED)) {
    const repeat = shownRepeat(ruleOf(r.rule), ctx.t);
    lines.push(ctx.t('reminders.list_line', { id: r.id, at: shownAt(next, deps.timeZone, ctx.t), repeat: repeat ? ctx.t('reminders.repeat_note', { repeat }) : '', text: r.text }));
  }
  if (!upcoming.length) lines.push(ctx.t('reminders.list_empty'));
  else lines.push(ctx.t('reminders.cancel_hint'));
  // Calls to make are everyone's work: listed with the reminders (whom to call; the words only to whom they were for).
  const calls = await openTaskLines(deps.db, ctx.t, ctx.isGroup ? null : { accountId: ctx.account.id, role: ctx.account.role });
  if (calls.length) lines.push('', ...calls);
  if (ctx.account.role === 'admin' && !ctx.isGroup) lines.push(...(await troubleLines(deps, ctx)));
  return { text: lines.join('\n') };
}

/** For admins: notifications that failed or were skipped in the last 30 days. */
async function troubleLines(deps: ReminderDeps, ctx: CommandContext): Promise<string[]> {
  const since = new Date(ctx.now().getTime() - 30 * 24 * 3600_000);
  const rows = await deps.db.notification.findMany({
    where: { status: { in: ['failed', 'skipped'] }, updatedAt: { gte: since } },
    orderBy: { dueAt: 'desc' },
    take: 20,
    select: { id: true, status: true, kind: true, dueAt: true, lastError: true },
  });
  if (!rows.length) return [];
  return [
    ctx.t('reminders.trouble_title', { count: rows.length }),
    ...rows.map((n) => ctx.t(`reminders.trouble_${n.status}`, { id: n.id, kind: ctx.t(`reminders.kinds.${n.kind}`), at: shownAt(n.dueAt, deps.timeZone, ctx.t) })),
    ctx.t('reminders.trouble_hint'),
  ];
}

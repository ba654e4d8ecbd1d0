import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { parseReminder } from '../../domain/index.ts';
import { findActiveGroup } from '../groups/index.ts';
import { openTaskLines } from '../phone-tasks/index.ts';
import { honoreeNamedIn } from './named-honoree.ts';
import { PLAN_AHEAD_MS, planOccurrences } from './plan-reminders.ts';
import { ruleOf, shownAt, shownRepeat, storedRule } from './when.ts';

export interface ReminderDeps {
  db: Db;
  timeZone: string;
}

/** The registered notification group a group chat is, if it is one. */
const groupOf = (db: Db, ctx: CommandContext) => findActiveGroup(db, ctx.incoming.chat);

/** `提醒 明天 9:00 给张三打电话`: saved with its first occurrence in the outbox, in one transaction. */
async function setReminder(deps: ReminderDeps, ctx: CommandContext, line: string): Promise<Outcome> {
  const group = ctx.isGroup ? await groupOf(deps.db, ctx) : null;
  if (ctx.isGroup && !group) return { text: ctx.t('reminders.group_not_registered') };
  const now = ctx.now();
  const parsed = parseReminder(line, now, deps.timeZone);
  if (!parsed.ok) {
    const params = { day: '', ...parsed.params, ...(parsed.params.unit ? { unit: ctx.t(`reminders.units.${parsed.params.unit}`) } : {}) };
    return { text: `${ctx.t(`reminders.invalid.${parsed.code}`, params)}\n${ctx.t('reminders.example')}` };
  }
  const honoree = await honoreeNamedIn(deps.db, parsed.text);
  const chat = ctx.incoming.chat;
  const saved = await deps.db.$transaction(async (tx) => {
    const r = await tx.reminder.create({
      data: {
        ownerId: ctx.account.id,
        groupId: group?.id ?? null,
        text: parsed.text,
        rule: storedRule(parsed.rule),
        honoreeId: honoree?.id ?? null,
        nextAt: parsed.first,
        status: 'pending',
        channel: chat.channel,
        via: chat.via ?? '',
        chatId: chat.id,
        createdAt: now,
        updatedAt: now,
      },
    });
    await planOccurrences(tx, { ...r, fileNo: honoree?.fileNo ?? null }, new Date(now.getTime() + PLAN_AHEAD_MS), now, deps.timeZone);
    return r;
  });
  const repeat = shownRepeat(parsed.rule, ctx.t);
  const lines = [
    ctx.t(repeat ? 'reminders.set_repeating' : 'reminders.set', { id: saved.id, at: shownAt(parsed.first, deps.timeZone, ctx.t), repeat, text: parsed.text }),
  ];
  if (honoree) lines.push(ctx.t('reminders.linked', { name: honoree.name, fileNo: honoree.fileNo }));
  lines.push(ctx.t(group ? 'reminders.goes_to_group' : 'reminders.goes_to_you', { id: saved.id }));
  return { text: lines.join('\n') };
}

/** The upcoming reminders of this person (private chat) or this group, with their numbers. */
async function listReminders(deps: ReminderDeps, ctx: CommandContext): Promise<Outcome> {
  const group = ctx.isGroup ? await groupOf(deps.db, ctx) : null;
  if (ctx.isGroup && !group) return { text: ctx.t('reminders.group_not_registered') };
  const mine = group ? { groupId: group.id } : { ownerId: ctx.account.id, groupId: null };
  const reminders = await deps.db.reminder.findMany({ where: { ...mine, status: 'pending' }, orderBy: { id: 'asc' }, take: 200 });
  const waiting = await deps.db.notification.findMany({
    where: { reminderId: { in: reminders.map((r) => r.id) }, status: { in: ['pending', 'sending'] } },
    select: { reminderId: true, dueAt: true },
  });
  const upcoming = reminders
    .map((r) => {
      const times = [r.nextAt, ...waiting.filter((w) => w.reminderId === r.id).map((w) => w.dueAt)].filter((d): d is Date => d !== null);
      return { r, next: times.length ? new Date(Math.min(...times.map((d) => d.getTime()))) : null };
    })
    .filter((x): x is { r: (typeof reminders)[number]; next: Date } => x.next !== null)
    .sort((a, b) => a.next.getTime() - b.next.getTime());
  const lines = [ctx.t(group ? 'reminders.list_group_title' : 'reminders.list_title', { count: upcoming.length })];
  for (const { r, next } of upcoming.slice(0, 30)) {
    const repeat = shownRepeat(ruleOf(r.rule), ctx.t);
    lines.push(ctx.t('reminders.list_line', { id: r.id, at: shownAt(next, deps.timeZone, ctx.t), repeat: repeat ? ctx.t('reminders.repeat_note', { repeat }) : '', text: r.text }));
  }
  if (!upcoming.length) lines.push(ctx.t('reminders.list_empty'));
  else lines.push(ctx.t('reminders.cancel_hint'));
  // Calls to make are everyone's work: listed with the reminders (a group sees whom to call, not the words).
  const calls = await openTaskLines(deps.db, ctx.t, !ctx.isGroup);
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

/** `取消提醒 N`: a one-off, or every future occurrence of a repeating one. */
async function cancelReminder(deps: ReminderDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const m = /^#?(\d{1,9})$/.exec(args.trim());
  if (!m) return { text: ctx.t('reminders.cancel_usage') };
  const id = Number(m[1]);
  const group = ctx.isGroup ? await groupOf(deps.db, ctx) : null;
  const r = await deps.db.reminder.findUnique({ where: { id } });
  // Only one's own private reminders, or those of the group it is asked in; anything else is "not found".
  const yours = r && r.status === 'pending' && (group ? r.groupId === group.id : r.groupId === null && r.ownerId === ctx.account.id);
  if (!yours) return { text: ctx.t('reminders.cancel_not_found', { id }) };
  const now = ctx.now();
  await deps.db.$transaction([
    deps.db.reminder.update({ where: { id }, data: { status: 'cancelled', nextAt: null, updatedAt: now } }),
    deps.db.notification.updateMany({ where: { reminderId: id, status: 'pending' }, data: { status: 'cancelled', updatedAt: now } }),
  ]);
  return { text: ctx.t('reminders.cancelled', { id, text: r.text }) };
}

export function reminderCommands(deps: ReminderDeps): Command[] {
  return [
    {
      id: 'remind',
      keywords: ['提醒'],
      slash: 'remind',
      roles: ['staff'],
      where: 'any',
      run: (ctx, args) => (args.trim() ? setReminder(deps, ctx, args) : listReminders(deps, ctx)),
    },
    {
      id: 'reminders',
      keywords: ['我的提醒'],
      slash: 'reminders',
      roles: ['staff'],
      where: 'any',
      run: (ctx) => listReminders(deps, ctx),
    },
    {
      id: 'unremind',
      keywords: ['取消提醒'],
      slash: 'unremind',
      roles: ['staff'],
      where: 'any',
      run: (ctx, args) => cancelReminder(deps, ctx, args),
    },
  ];
}

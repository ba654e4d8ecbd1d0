import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import { parseReminder } from '../../domain/index.ts';
import { recordAudit } from '../audit/index.ts';
import { cancelReminder } from './cancel-reminder.ts';
import { listReminders } from './list-reminders.ts';
import { honoreeNamedIn } from './named-honoree.ts';
import { PLAN_AHEAD_MS, planOccurrences } from './plan-reminders.ts';
import { groupOf, type ReminderDeps } from './reminder-deps.ts';
import { shownAt, shownRepeat, storedRule } from './when.ts';

/** `提醒 明天 9:00 给张三打电话`: saved with its first occurrence in the outbox, and audited, in one transaction. */
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
    await recordAudit(tx, ctx.actor, 'reminder', r.id, 'create', null, r);
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

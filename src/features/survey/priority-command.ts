import type { Command, CommandContext } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Db } from '../../db/client.ts';

/**
 * Most people one group lists. A county has a handful; a province's register would not fit in
 * one chat message (Telegram stops at 4,096 characters), so the rest is counted, not listed.
 */
export const PRIORITY_LIST_LIMIT = 100;

const GROUPS = [
  { flag: 'priorityHardship', label: 'survey.flags.hardship' },
  { flag: 'priorityHealth', label: 'survey.flags.health' },
] as const;

/** `重点登记`, `重点登记 2025`, `重点登记 2025年`: the year asked for, this year by default. */
function yearOf(ctx: CommandContext, args: string): number {
  if (!args) return Number(ctx.today().slice(0, 4));
  const m = /^(\d{4})\s*年?$/.exec(args.normalize('NFKC').trim());
  const year = m ? Number(m[1]) : NaN;
  if (!(year >= 1950 && year <= 2100)) throw new UserError('survey.priority.usage');
  return year;
}

/** 重点登记 /priority: who is in hardship or in poor health by a year's survey, by group. */
export function priorityCommand(db: Db): Command {
  return {
    id: 'priority',
    keywords: ['重点登记', 'priority'],
    slash: 'priority',
    roles: ['staff'],
    // The reasons are about income and health: private chats only.
    where: 'private',
    async run(ctx, args) {
      const year = yearOf(ctx, args);
      const rows = await db.survey.findMany({
        where: { year, OR: [{ priorityHardship: true }, { priorityHealth: true }] },
        select: { priorityHardship: true, priorityHealth: true, priorityReason: true, honoree: { select: { name: true, fileNo: true } } },
        orderBy: { honoree: { fileNo: 'asc' } },
      });
      if (!rows.length) return { text: ctx.t('survey.priority.none', { year }) };
      const lines = [ctx.t('survey.priority.title', { year, count: rows.length })];
      for (const group of GROUPS) {
        const members = rows.filter((r) => r[group.flag]);
        if (!members.length) continue;
        lines.push(ctx.t('survey.priority.group', { group: ctx.t(group.label), count: members.length }));
        for (const r of members.slice(0, PRIORITY_LIST_LIMIT)) {
          lines.push(ctx.t('survey.priority.line', { name: r.honoree.name, fileNo: r.honoree.fileNo, reason: r.priorityReason ?? '' }).trimEnd());
        }
        if (members.length > PRIORITY_LIST_LIMIT) lines.push(ctx.t('survey.priority.more', { count: members.length - PRIORITY_LIST_LIMIT }));
      }
      lines.push(ctx.t('survey.priority.hint'));
      return { text: lines.join('\n') };
    },
  };
}

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

/** How many of a year's surveys carry `flag`, and the first PRIORITY_LIST_LIMIT of them by file number. */
async function groupPage(db: Db, year: number, flag: (typeof GROUPS)[number]['flag']) {
  const where = { year, [flag]: true };
  const [count, members] = await Promise.all([
    db.survey.count({ where }),
    db.survey.findMany({
      where,
      select: { priorityReason: true, honoree: { select: { name: true, fileNo: true } } },
      orderBy: { honoree: { fileNo: 'asc' } },
      take: PRIORITY_LIST_LIMIT,
    }),
  ]);
  return { count, members };
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
      // Counted and listed by the database, a page per group: a province's register is read
      // 100 names at a time, never whole.
      const [total, ...groups] = await Promise.all([
        db.survey.count({ where: { year, OR: [{ priorityHardship: true }, { priorityHealth: true }] } }),
        ...GROUPS.map((g) => groupPage(db, year, g.flag)),
      ]);
      if (!total) return { text: ctx.t('survey.priority.none', { year }) };
      const lines = [ctx.t('survey.priority.title', { year, count: total })];
      for (const [i, group] of GROUPS.entries()) {
        const { count, members } = groups[i];
        if (!count) continue;
        lines.push(ctx.t('survey.priority.group', { group: ctx.t(group.label), count }));
        for (const r of members) {
          lines.push(ctx.t('survey.priority.line', { name: r.honoree.name, fileNo: r.honoree.fileNo, reason: r.priorityReason ?? '' }).trimEnd());
        }
        if (count > members.length) lines.push(ctx.t('survey.priority.more', { count: count - members.length }));
      }
      lines.push(ctx.t('survey.priority.hint'));
      return { text: lines.join('\n') };
    },
  };
}

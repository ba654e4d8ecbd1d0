import type { Command, CommandContext } from '../../core/command.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { money, visitLine } from './format.ts';
import { parsePeriod, type Period } from './period.ts';

/** Lines one list shows; more would not fit one chat message. */
export const LIST_LIMIT = 30;

type Where = NonNullable<Parameters<Db['visit']['findMany']>[0]>['where'];

const periodLabel = (ctx: CommandContext, p: Period) => ctx.t(`visits.period.${p.label.key}`, p.label.params);

/** Count, money total, distinct people and the newest LIST_LIMIT visits matching `where`. */
async function load(db: Db, where: Where) {
  const [totals, people, rows] = await Promise.all([
    db.visit.aggregate({ where, _count: { _all: true }, _sum: { moneyFen: true } }),
    db.visit.findMany({ where, distinct: ['honoreeId'], select: { honoreeId: true } }),
    db.visit.findMany({
      where,
      include: { honoree: { select: { name: true, fileNo: true } } },
      orderBy: [{ visitDate: 'desc' }, { id: 'desc' }],
      take: LIST_LIMIT,
    }),
  ]);
  return { count: totals._count._all, fen: totals._sum.moneyFen ?? 0, people: people.length, rows };
}

function listText(ctx: CommandContext, head: string, found: Awaited<ReturnType<typeof load>>): Reply {
  const lines = [head, ...found.rows.map((v) => visitLine(ctx.t, ctx.locale, v))];
  if (found.count > found.rows.length) lines.push(ctx.t('visits.list.more', { more: found.count - found.rows.length }));
  return { text: lines.join('\n') };
}

async function byPeriod(db: Db, ctx: CommandContext, period: Period): Promise<Reply> {
  const found = await load(db, { visitDate: { gte: period.from, lte: period.to } });
  const label = periodLabel(ctx, period);
  if (!found.count) return { text: ctx.t('visits.list.empty', { label }) };
  return listText(ctx, ctx.t('visits.list.summary', { label, count: found.count, people: found.people, money: money(ctx.locale, found.fen) }), found);
}

async function byPerson(db: Db, ctx: CommandContext, query: string, period: Period | undefined, periodText: string): Promise<Reply> {
  let resolved;
  try {
    resolved = await resolveHonoree(db, ctx.t, query, (ref) => `/visits ${ref} ${periodText}`.trim());
  } catch (err) {
    if (isUserError(err) && err.key === 'honorees.not_found') throw new UserError('visits.list.not_found', { query: query.length > 20 ? `${query.slice(0, 20)}…` : query });
    throw err;
  }
  if (resolved.pick) return resolved.pick;
  const who = resolved.one;
  const found = await load(db, { honoreeId: who.id, ...(period ? { visitDate: { gte: period.from, lte: period.to } } : {}) });
  const within = period ? ctx.t('visits.list.within', { label: periodLabel(ctx, period) }) : '';
  if (!found.count) return { text: ctx.t('visits.list.person_empty', { name: who.name, fileNo: who.fileNo, within }) };
  const head = ctx.t('visits.list.person_summary', { name: who.name, fileNo: who.fileNo, within, count: found.count, money: money(ctx.locale, found.fen) });
  return listText(ctx, head, found);
}

/**
 * 走访记录 /visits: by period (`走访记录 2026-11`, `本月`, `上月`, `2026-11-01 2026-11-30`; nothing =
 * this month) or by person (`走访记录 张三`, optionally followed by a period).
 */
export function visitsCommand(db: Db): Command {
  return {
    id: 'visits',
    keywords: ['走访记录', '慰问记录', 'visits'],
    slash: 'visits',
    roles: ['staff'],
    // Notes often hold health details: kept out of group chats.
    where: 'private',
    async run(ctx, args) {
      const whole = parsePeriod(args, ctx.today());
      if (whole.ok) return byPeriod(db, ctx, whole.period);
      if (whole.reason !== 'not_period') throw new UserError(`visits.list.period_${whole.reason}`, { text: args });
      // A person, perhaps followed by a period. If what follows is no period, the whole text
      // names the person (pinyin with a space: `zhang san`).
      const [first, ...more] = args.split(/\s+/);
      const periodText = more.join(' ');
      const after = periodText ? parsePeriod(periodText, ctx.today()) : undefined;
      if (after && !after.ok && after.reason !== 'not_period') throw new UserError(`visits.list.period_${after.reason}`, { text: periodText });
      if (after?.ok) return byPerson(db, ctx, first, after.period, periodText);
      return byPerson(db, ctx, args, undefined, '');
    },
  };
}

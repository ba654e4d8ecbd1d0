import type { Command, CommandContext } from '../../core/command.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { resolveHonoree } from '../honorees/index.ts';
import { money, visitLine } from './format.ts';
import { parsePeriod, parsePersonPeriod, splitPage, type Period } from './period.ts';
import { newestVisits, visitTotals, type VisitFilter, type VisitTotals } from './visit-queries.ts';

/** Lines one list shows; more would not fit one chat message. */
export const LIST_LIMIT = 30;
/**
 * Pages one can turn to: 3,000 lines is more than anyone reads in a chat, and a page deep in a
 * decade of a province's visits would cost the database a walk past every line before it.
 */
export const MAX_PAGES = 100;

const periodLabel = (ctx: CommandContext, p: Period) => ctx.t(`visits.period.${p.label.key}`, p.label.params);

/** What a list is asked for: `text` is the command's words without the page, to ask for another page. */
interface Request {
  filter: VisitFilter;
  text: string;
  page: number;
}

/**
 * The totals and one page of the visits a request names. Both are answered by the database with
 * a limit, so a year of a province's visits costs what a month of a county's does.
 */
async function load(db: Db, r: Request) {
  const totals = await visitTotals(db, r.filter);
  const pages = Math.max(1, Math.ceil(totals.count / LIST_LIMIT));
  if (r.page > pages) return { totals, pages, rows: [] };
  const rows = await newestVisits(db, r.filter, LIST_LIMIT, (r.page - 1) * LIST_LIMIT);
  return { totals, pages, rows };
}

type Found = Awaited<ReturnType<typeof load>>;

function listText(ctx: CommandContext, head: string, r: Request, found: Found): Reply {
  if (r.page > found.pages) throw new UserError('visits.list.no_page', { page: r.page, pages: found.pages });
  const lines = [head, ...found.rows.map((v) => visitLine(ctx.t, ctx.locale, v))];
  const after = found.totals.count - (r.page - 1) * LIST_LIMIT - found.rows.length;
  if (after <= 0) {
    if (r.page > 1) lines.push(ctx.t('visits.list.last_page', { page: r.page, pages: found.pages }));
    return { text: lines.join('\n') };
  }
  if (r.page >= MAX_PAGES) {
    lines.push(ctx.t('visits.list.more_narrow', { more: after, page: r.page }));
    return { text: lines.join('\n') };
  }
  // The next page is a button and a command to type (`走访记录 2026 第2页`), with the same words.
  const next = `${r.text} ${ctx.t('visits.list.page_word', { page: r.page + 1 })}`.trim();
  lines.push(ctx.t('visits.list.more', { more: after, page: r.page, pages: found.pages, next }));
  return { text: lines.join('\n'), choices: [{ id: `/visits ${next}`, label: ctx.t('visits.list.next_button', { page: r.page + 1 }) }] };
}

const summary = (ctx: CommandContext, label: string, t: VisitTotals) =>
  ctx.t('visits.list.summary', { label, count: t.count, people: t.people, money: money(ctx.locale, t.fen) });

async function byPeriod(db: Db, ctx: CommandContext, r: Request & { filter: { period: Period } }): Promise<Reply> {
  const found = await load(db, r);
  const label = periodLabel(ctx, r.filter.period);
  if (!found.totals.count) return { text: ctx.t('visits.list.empty', { label }) };
  return listText(ctx, summary(ctx, label, found.totals), r, found);
}

async function byPerson(db: Db, ctx: CommandContext, query: string, period: Period | undefined, periodText: string, page: number): Promise<Reply> {
  let resolved;
  try {
    const pageWord = page > 1 ? ` ${ctx.t('visits.list.page_word', { page })}` : '';
    resolved = await resolveHonoree(db, ctx.t, query, (ref) => `/visits ${ref} ${periodText}${pageWord}`.trim());
  } catch (err) {
    if (!isUserError(err) || err.key !== 'honorees.not_found') throw err;
    throw new UserError('visits.list.not_found', { query: query.length > 20 ? `${query.slice(0, 20)}…` : query });
  }
  if (resolved.pick) return resolved.pick;
  const who = resolved.one;
  const r: Request = { filter: { honoreeId: who.id, period }, text: `${who.fileNo} ${periodText}`.trim(), page };
  const found = await load(db, r);
  const within = period ? ctx.t('visits.list.within', { label: periodLabel(ctx, period) }) : '';
  if (!found.totals.count) return { text: ctx.t('visits.list.person_empty', { name: who.name, fileNo: who.fileNo, within }) };
  const { count, fen } = found.totals;
  const head = ctx.t('visits.list.person_summary', { name: who.name, fileNo: who.fileNo, within, count, money: money(ctx.locale, fen) });
  return listText(ctx, head, r, found);
}

/**
 * 走访记录 /visits: by period (`走访记录 2026-11`, `本月`, `上月`, `2026-11-01 2026-11-30`; nothing =
 * this month) or by person (`走访记录 张三`, optionally followed by a period); `第2页` at the end
 * shows the next 30.
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
      const { text, page } = splitPage(args);
      if (page < 1) throw new UserError('visits.list.no_page', { page, pages: 1 });
      if (page > MAX_PAGES) throw new UserError('visits.list.page_too_far', { max: MAX_PAGES });
      const whole = parsePeriod(text, ctx.today());
      if (whole.ok) return byPeriod(db, ctx, { filter: { period: whole.period }, text, page });
      if (whole.reason !== 'not_period') throw new UserError(`visits.list.period_${whole.reason}`, { text });
      const who = parsePersonPeriod(text, ctx.today());
      if (!who.ok) throw new UserError(`visits.list.period_${who.reason}`, { text: who.text });
      return byPerson(db, ctx, who.query, who.period, who.periodText, page);
    },
  };
}

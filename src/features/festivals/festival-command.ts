import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import type { Tx } from '../../db/client.ts';
import { addDays, isRealDate, weekdayOf, yearWord } from '../../domain/dates.ts';
import { HOLIDAY_DATA_LAST_YEAR, libraryFestivalDate, officialDay } from '../../domain/festivals.ts';
import { DEFAULT_PLAN_LEAD_DAYS } from '../../domain/visit-need.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { loadCalendar, type FestivalCalendar } from './calendar.ts';

const ON_WORDS = new Set(['开', '开启', 'on']);
const OFF_WORDS = new Set(['关', '关闭', 'off']);
const MOVE_WORDS = new Set(['改', '改期', 'move']);
const ADD_WORDS = new Set(['新增', '添加', 'add']);
const DAY_OFF_WORDS = new Set(['放假', 'off-days']);
const WORKDAY_WORDS = new Set(['上班', '调休', 'workdays']);
/** The longest stretch of days off one line enters. */
const MAX_DAYS_OFF = 31;


/**
 * 节日 (/festivals) [年份]: the year's festivals with their dates and whether holiday-visit plans
 * are drafted for them, and whether the year's official days off are known. Admins: 开 / 关 a
 * festival's plans, 改 its date for a year, 新增 a festival of their own, 放假 / 上班 enter the
 * official days off and make-up workdays of a year the library has no data for. Their entries win.
 */
export function festivalCommand(deps: FeatureDeps): Command {
  return {
    id: 'festivals',
    keywords: ['节日', 'festivals'],
    slash: 'festivals',
    roles: ['staff'],
    where: 'any',
    run: async (ctx, args) => {
      const [sub = '', ...rest] = args.trim().split(/\s+/);
      const word = sub.toLowerCase();
      const change = [ON_WORDS, OFF_WORDS, MOVE_WORDS, ADD_WORDS, DAY_OFF_WORDS, WORKDAY_WORDS].some((w) => w.has(word));
      if (change && ctx.account.role !== 'admin') return { text: ctx.t('festivals.admins_only') };
      const calendar = await loadCalendar(deps.db, libraryFestivalDate);
      if (ON_WORDS.has(word) || OFF_WORDS.has(word)) return switchPlans(deps, ctx, calendar, rest.join(' '), ON_WORDS.has(word));
      if (MOVE_WORDS.has(word)) return moveFestival(deps, ctx, calendar, rest);
      if (ADD_WORDS.has(word)) return addFestival(deps, ctx, calendar, rest);
      if (DAY_OFF_WORDS.has(word) || WORKDAY_WORDS.has(word)) return enterDays(deps, ctx, rest.join(' '), DAY_OFF_WORDS.has(word));
      const year = yearWord(sub);
      if (sub && !year) return { text: ctx.t('festivals.usage') };
      return { text: await yearText(deps, ctx, calendar, year ?? Number(ctx.today().slice(0, 4))) };
    },
  };
}

async function yearText(deps: FeatureDeps, ctx: CommandContext, calendar: FestivalCalendar, year: number): Promise<string> {
  const t = ctx.t;
  const lines = [t('festivals.title', { year })];
  // The admins' days off and make-up workdays of the year win over the library's.
  const entered = new Map((await deps.db.holidayDay.findMany({ where: { date: { startsWith: `${year}-` } } })).map((d) => [d.date, d.off ? 'off' : 'work']));
  for (const key of calendar.keys()) {
    const date = calendar.dateOf(key, year);
    if (date === 'unknown' && key.startsWith('custom_')) continue;
    const day = date === 'unknown' ? 'unknown' : (entered.get(date) ?? officialDay(date));
    lines.push(
      t('festivals.line', {
        name: calendar.nameOf(t, key),
        date: date === 'unknown' ? t('festivals.unknown_date') : t('festivals.date', { date, weekday: t(`reminders.weekdays.${weekdayOf(date)}`) }),
        day: t(`festivals.day.${day}`),
        plans: t(calendar.isPlanned(key) ? 'festivals.plans_on' : 'festivals.plans_off'),
        entered: calendar.isEntered(key, year) ? t('festivals.entered') : '',
      }),
    );
  }
  lines.push(await holidayDataLine(deps, ctx, year));
  lines.push(t('festivals.hint', { days: deps.planLeadDays ?? DEFAULT_PLAN_LEAD_DAYS }));
  return lines.join('\n');
}

/** Whether the year's official days off are known: the library's, the admins' entries, or not at all. */
async function holidayDataLine(deps: FeatureDeps, ctx: CommandContext, year: number): Promise<string> {
  const last = HOLIDAY_DATA_LAST_YEAR;
  const entered = await deps.db.holidayDay.count({ where: { date: { startsWith: `${year}-` } } });
  if (entered) return ctx.t('festivals.holidays_entered', { year, count: entered });
  if (year <= last) return ctx.t('festivals.holidays_known', { year });
  return ctx.t('festivals.holidays_unknown', { year, last });
}

/** A festival's plans switched on or off, for every year (a setting row of year 0). */
async function switchPlans(deps: FeatureDeps, ctx: CommandContext, calendar: FestivalCalendar, word: string, on: boolean): Promise<Outcome> {
  const key = calendar.keyNamed(ctx.t, word);
  if (!key) return { text: ctx.t('festivals.no_such', { name: word }) };
  await writeEntry(deps, ctx, key, 0, { enabled: on });
  return { text: ctx.t(on ? 'festivals.switched_on' : 'festivals.switched_off', { name: calendar.nameOf(ctx.t, key), days: deps.planLeadDays ?? DEFAULT_PLAN_LEAD_DAYS }) };
}

/** 节日 改 春节 2027-02-07: the festival's date for that year, over the library's. */
async function moveFestival(deps: FeatureDeps, ctx: CommandContext, calendar: FestivalCalendar, words: string[]): Promise<Outcome> {
  const [name = '', date = ''] = words;
  const key = calendar.keyNamed(ctx.t, name);
  if (!key) return { text: `${ctx.t('festivals.no_such', { name })}\n${ctx.t('festivals.move_usage')}` };
  if (!isRealDate(date)) return { text: ctx.t('festivals.move_usage') };
  await writeEntry(deps, ctx, key, Number(date.slice(0, 4)), { date });
  return { text: ctx.t('festivals.moved', { name: calendar.nameOf(ctx.t, key), date }) };
}

/** 节日 新增 建党节 2027-07-01: a festival of the office's own, with plans, on that date of that year. */
async function addFestival(deps: FeatureDeps, ctx: CommandContext, calendar: FestivalCalendar, words: string[]): Promise<Outcome> {
  const [name = '', date = ''] = words;
  if (!name || name.length > 20 || !isRealDate(date)) return { text: ctx.t('festivals.add_usage') };
  const known = calendar.keyNamed(ctx.t, name);
  if (known && !known.startsWith('custom_')) return { text: ctx.t('festivals.add_known', { name }) };
  const key = known ?? `custom_${(await deps.db.festivalEntry.count({ where: { year: 0, key: { startsWith: 'custom_' } } })) + 1}`;
  await deps.db.$transaction(async (tx) => {
    await upsertEntry(tx, ctx, key, 0, { name, enabled: true });
    await upsertEntry(tx, ctx, key, Number(date.slice(0, 4)), { date });
  });
  return { text: ctx.t('festivals.added', { name, date }) };
}

/** 节日 放假 2027-02-05至2027-02-13 / 节日 上班 2027-02-14、2027-02-20: the official days, over the library's. */
async function enterDays(deps: FeatureDeps, ctx: CommandContext, text: string, off: boolean): Promise<Outcome> {
  const usage = ctx.t(off ? 'festivals.off_usage' : 'festivals.work_usage');
  const days: string[] = [];
  for (const part of text.normalize('NFKC').split(/[、,，;；\s]+/).filter(Boolean)) {
    const range = /^(\d{4}-\d{2}-\d{2})(?:(?:至|到|~|--)(\d{4}-\d{2}-\d{2}))?$/.exec(part);
    if (!range || !isRealDate(range[1]) || (range[2] && !isRealDate(range[2]))) return { text: usage };
    const [from, to = range[1]] = [range[1], range[2]];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      days.push(d);
      if (days.length > MAX_DAYS_OFF) return { text: usage };
    }
  }
  if (!days.length) return { text: usage };
  const now = ctx.now();
  await deps.db.$transaction(async (tx) => {
    for (const date of days) {
      const before = await tx.holidayDay.findUnique({ where: { date } });
      const after = await tx.holidayDay.upsert({ where: { date }, create: { date, off, createdById: ctx.account.id, createdAt: now }, update: { off } });
      await recordAudit(tx, ctx.actor, 'holiday_day', Number(date.replaceAll('-', '')), before ? 'update' : 'create', before, after);
    }
  });
  return { text: ctx.t(off ? 'festivals.days_off_entered' : 'festivals.workdays_entered', { count: days.length, first: days[0], last: days.at(-1)! }) };
}

async function writeEntry(deps: FeatureDeps, ctx: CommandContext, key: string, year: number, data: { enabled?: boolean; date?: string; name?: string }): Promise<void> {
  await deps.db.$transaction((tx) => upsertEntry(tx, ctx, key, year, data));
}

async function upsertEntry(tx: Tx, ctx: CommandContext, key: string, year: number, data: { enabled?: boolean; date?: string; name?: string }): Promise<void> {
  const now = ctx.now();
  const before = await tx.festivalEntry.findUnique({ where: { key_year: { key, year } } });
  const after = await tx.festivalEntry.upsert({ where: { key_year: { key, year } }, create: { key, year, ...data, createdById: ctx.account.id, createdAt: now, updatedAt: now }, update: { ...data, updatedAt: now } });
  await recordAudit(tx, ctx.actor, 'festival_entry', after.id, before ? 'update' : 'create', before, after);
}

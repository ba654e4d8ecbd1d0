import type { Db } from '../../db/client.ts';
import type { FestivalCalendar } from '../festivals/index.ts';
import type { Translate } from '../../core/i18n.ts';

export type PlanRow = NonNullable<Awaited<ReturnType<Db['visitPlan']['findFirst']>>>;

/**
 * The plan a command is about: the festival named first (春节, 中秋 …, or an admins' own by its
 * name), its latest plan; else the open plan whose festival comes first, or with none open the
 * latest (to look back at). `rest`: the words after the festival's name.
 */
export async function findPlan(db: Db, t: Translate, calendar: FestivalCalendar, words: string[]): Promise<{ plan: PlanRow | null; rest: string[]; named: string | null }> {
  const first = (words[0] ?? '').replace(/节$/, '');
  const named = calendar.keys().find((k) => first && calendar.nameOf(t, k).replace(/节$/, '') === first) ?? null;
  const rest = named ? words.slice(1) : words;
  const plan = named
    ? await db.visitPlan.findFirst({ where: { festival: named }, orderBy: { year: 'desc' } })
    : ((await db.visitPlan.findFirst({ where: { status: 'open' }, orderBy: { festivalDate: 'asc' } })) ?? (await db.visitPlan.findFirst({ orderBy: { festivalDate: 'desc' } })));
  return { plan, rest, named };
}

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
  // A festival's name may be several words in English ("Spring Festival", "the Lantern Festival").
  let named: string | null = null;
  let rest = words;
  for (let n = Math.min(3, words.length); n > 0 && !named; n--) {
    named = calendar.keyNamed(t, words.slice(0, n).join(' '));
    if (named) rest = words.slice(n);
  }
  // A plan still being written (a draft) is nobody's to see.
  const written = { status: { not: 'draft' } };
  const plan = named
    ? await db.visitPlan.findFirst({ where: { festival: named, ...written }, orderBy: { year: 'desc' } })
    : ((await db.visitPlan.findFirst({ where: { status: 'open' }, orderBy: { festivalDate: 'asc' } })) ?? (await db.visitPlan.findFirst({ where: written, orderBy: { festivalDate: 'desc' } })));
  return { plan, rest, named };
}

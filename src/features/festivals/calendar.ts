import type { Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { FESTIVAL_WORDS, type FestivalDateOf } from '../../domain/subsidy.ts';

/** The festivals the library knows, in the order of the year. */
export const LIBRARY_FESTIVALS = ['new_year', 'spring_festival', 'lantern', 'may_day', 'dragon_boat', 'mid_autumn', 'chongyang', 'national_day'] as const;
/** Holiday-visit plans are drafted for these unless admins switch them off. */
export const PLANNED_BY_DEFAULT: ReadonlySet<string> = new Set(['spring_festival', 'may_day', 'mid_autumn', 'chongyang']);

export interface FestivalCalendar {
  /** A festival's date in a year: the admins' entry, else the library's, else 'unknown'. */
  dateOf: FestivalDateOf;
  /** Whether the date of a year is the admins' (moved or added) rather than the library's. */
  isEntered(key: string, year: number): boolean;
  /** The festivals with holiday-visit plans: the library's switched on, and the admins' own. */
  planned(): string[];
  /** Every festival key: the library's, then the admins' own. */
  keys(): string[];
  /** The festival's name in the reader's language (an admin's own festival: as they wrote it). */
  nameOf(t: Translate, key: string): string;
  /** The festival a word names (春节, 中秋节, 中秋, an admin's own by its name), or null. */
  keyNamed(t: Translate, word: string): string | null;
  /** Whether holiday-visit plans are drafted for it. */
  isPlanned(key: string): boolean;
}

/**
 * The festival calendar as it stands now: the library's dates (a pure function of the domain)
 * with the admins' entries over them. Read afresh for each use, so a change made on another
 * instance counts at once.
 */
export async function loadCalendar(db: Db, library: FestivalDateOf): Promise<FestivalCalendar> {
  const entries = await db.festivalEntry.findMany({ orderBy: { id: 'asc' } });
  const settings = new Map(entries.filter((e) => e.year === 0).map((e) => [e.key, e]));
  const dated = new Map(entries.filter((e) => e.year > 0 && e.date).map((e) => [`${e.key}:${e.year}`, e.date!]));
  const own = [...settings.values()].filter((e) => e.key.startsWith('custom_')).map((e) => e.key);
  const isOn = (key: string) => settings.get(key)?.enabled ?? (PLANNED_BY_DEFAULT.has(key) || key.startsWith('custom_'));
  const nameOf = (t: Translate, key: string) => settings.get(key)?.name ?? t(`festivals.names.${key}`);
  // 中秋节 = 中秋; "the Lantern Festival" = "lantern festival" = lantern_festival.
  const bare = (w: string) =>
    w.normalize('NFKC').trim().toLowerCase().replace(/_/g, ' ').replace(/^the\s+/, '').replace(/(节|\s+festival)$/, '').replace(/\s+/g, ' ');
  const alias = (w: string) => FESTIVAL_WORDS.find(([word]) => bare(word) === bare(w))?.[1];
  const keys = () => [...LIBRARY_FESTIVALS, ...own];
  return {
    dateOf: (key, year) => dated.get(`${key}:${year}`) ?? ((LIBRARY_FESTIVALS as readonly string[]).includes(key) ? library(key, year) : 'unknown'),
    isEntered: (key, year) => dated.has(`${key}:${year}`),
    planned: () => keys().filter(isOn),
    keys,
    nameOf,
    keyNamed: (t, word) => (word.trim() ? (keys().find((k) => bare(nameOf(t, k)) === bare(word) || bare(k) === bare(word)) ?? alias(word) ?? null) : null),
    isPlanned: isOn,
  };
}

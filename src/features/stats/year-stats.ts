import { loopTurn } from '../../core/loop-turn.ts';
import type { Db } from '../../db/client.ts';
import { empty, sql, type Sql } from '../../db/sql.ts';
import { HONOUR_CATEGORIES, LEVELS, type HonourCategory, type Level } from '../../domain/vocabulary.ts';

/** Whom the figures are about: a year, and optionally one honour level, one category, an employer. */
export interface StatsFilter {
  year: number;
  level?: Level;
  category?: HonourCategory;
  /** Part of the employer's name. */
  employer?: string;
}

/** The year's figures, as a union office reports them upward. */
export interface YearStats {
  /** Honorees on the roll holding a matching honour awarded by the year. */
  honorees: number;
  /** The same people by their highest matching level. */
  byLevel: Record<Level, number>;
  /** People by category and level (a person with two categories counts in both). */
  byCategory: Record<HonourCategory, Record<Level, number>>;
  /** Collective honours awarded that year (not filtered by person). */
  collective: { worker_pioneer: number; may_day_award: number };
  visits: { total: number; people: number; moneyFen: number; byKind: Record<string, number> };
  checkups: { invited: number; attended: number };
  subsidies: { paid: number; paidFen: number; unpaid: number; unpaidFen: number };
  priority: { people: number; hardship: number; health: number };
}

/** Honoree ids after `after`, up to and including `upTo` (to the last when null): one slice of the people counted. */
interface Slice {
  after: number;
  upTo: number | null;
}

/**
 * People counted per statement. On SQLite a statement holds the bot's one thread while it runs:
 * a city's figures are counted a slice of people at a time (no statement over 50 ms at 100,000
 * people and a million visits, where the whole year's visits took 180 ms in one), other chats
 * answered between. Every figure is a sum over people, so the slices add up.
 */
const PEOPLE_PER_SLICE = 20_000;

/**
 * The people counted, as a condition on "Honoree" h: in the slice, on the roll (not died, not
 * left), with a matching honour awarded by the year, working where the filter says. Set-based:
 * the figures are counted by the database, whatever the size.
 */
function population(f: StatsFilter, s: Slice): Sql {
  return sql`h."id" > ${s.after} ${s.upTo === null ? empty : sql`AND h."id" <= ${s.upTo}`} AND h."employmentStatus" NOT IN ('deceased', 'left')
    AND EXISTS (SELECT 1 FROM "Honour" o WHERE o."honoreeId" = h."id" AND ${matchingHonour(f)})
    ${f.employer ? sql`AND h."employer" LIKE ${`%${f.employer}%`}` : empty}`;
}

/** An honour "Honour" o that counts: awarded by the year, of the level and category asked for. */
function matchingHonour(f: StatsFilter): Sql {
  return sql`o."year" <= ${f.year} ${f.level ? sql`AND o."level" = ${f.level}` : empty} ${f.category ? sql`AND o."category" = ${f.category}` : empty}`;
}

const n = (v: unknown) => Number(v ?? 0);

/** The figures of one slice of people (the collective honours, not a person's, left at zero). */
async function sliceStats(db: Db, f: StatsFilter, slice: Slice): Promise<YearStats> {
  const who = population(f, slice);
  const honour = matchingHonour(f);
  const levels = await db.$queryRaw<Array<{ level: string; people: unknown }>>(sql`
    SELECT top."level" AS "level", COUNT(*) AS "people" FROM (
      SELECT h."id", CASE MIN(CASE o."level" WHEN 'national' THEN 1 WHEN 'provincial' THEN 2 WHEN 'municipal' THEN 3 ELSE 4 END)
          WHEN 1 THEN 'national' WHEN 2 THEN 'provincial' WHEN 3 THEN 'municipal' ELSE 'county' END AS "level"
      FROM "Honoree" h JOIN "Honour" o ON o."honoreeId" = h."id" AND ${honour}
      WHERE ${who} GROUP BY h."id") top
    GROUP BY top."level"`);
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, n(levels.find((r) => r.level === l)?.people)])) as Record<Level, number>;
  const categories = await db.$queryRaw<Array<{ category: string; level: string; people: unknown }>>(sql`
    SELECT o."category" AS "category", o."level" AS "level", COUNT(DISTINCT h."id") AS "people"
    FROM "Honoree" h JOIN "Honour" o ON o."honoreeId" = h."id" AND ${honour}
    WHERE ${who} GROUP BY o."category", o."level"`);
  const byCategory = Object.fromEntries(
    HONOUR_CATEGORIES.map((c) => [c, Object.fromEntries(LEVELS.map((l) => [l, n(categories.find((r) => r.category === c && r.level === l)?.people)]))]),
  ) as YearStats['byCategory'];
  const inYear = sql`v."visitDate" >= ${`${f.year}-01-01`} AND v."visitDate" <= ${`${f.year}-12-31`}`;
  const visits = await db.$queryRaw<Array<{ kind: string; visits: unknown; money: unknown }>>(sql`
    SELECT v."kind" AS "kind", COUNT(*) AS "visits", SUM(v."moneyFen") AS "money"
    FROM "Honoree" h JOIN "Visit" v ON v."honoreeId" = h."id" AND ${inYear}
    WHERE ${who} GROUP BY v."kind"`);
  const [reached] = await db.$queryRaw<Array<{ people: unknown }>>(sql`
    SELECT COUNT(*) AS "people" FROM "Honoree" h
    WHERE ${who} AND EXISTS (SELECT 1 FROM "Visit" v WHERE v."honoreeId" = h."id" AND ${inYear})`);
  const [checkups] = await db.$queryRaw<Array<{ invited: unknown; attended: unknown }>>(sql`
    SELECT COUNT(*) AS "invited", SUM(CASE WHEN a."status" = 'attended' THEN 1 ELSE 0 END) AS "attended"
    FROM "CheckupAppointment" a JOIN "CheckupCampaign" c ON c."id" = a."campaignId" JOIN "Honoree" h ON h."id" = a."honoreeId"
    WHERE c."year" = ${f.year} AND c."status" <> 'draft' AND ${who}`);
  const subsidies = await db.$queryRaw<Array<{ status: string; payments: unknown; fen: unknown }>>(sql`
    SELECT p."status" AS "status", COUNT(*) AS "payments", SUM(p."amountFen") AS "fen"
    FROM "SubsidyPayment" p JOIN "Honoree" h ON h."id" = p."honoreeId"
    WHERE p."period" = ${f.year} AND p."status" IN ('paid', 'unpaid') AND ${who} GROUP BY p."status"`);
  const [priority] = await db.$queryRaw<Array<{ people: unknown; hardship: unknown; health: unknown }>>(sql`
    SELECT COUNT(*) AS "people", SUM(CASE WHEN s."priorityHardship" THEN 1 ELSE 0 END) AS "hardship", SUM(CASE WHEN s."priorityHealth" THEN 1 ELSE 0 END) AS "health"
    FROM "Survey" s JOIN "Honoree" h ON h."id" = s."honoreeId"
    WHERE s."year" = ${f.year} AND (s."priorityHardship" OR s."priorityHealth") AND ${who}`);
  const paid = subsidies.find((s) => s.status === 'paid');
  const unpaid = subsidies.find((s) => s.status === 'unpaid');
  return {
    honorees: LEVELS.reduce((sum, l) => sum + byLevel[l], 0),
    byLevel,
    byCategory,
    collective: { worker_pioneer: 0, may_day_award: 0 },
    visits: { total: visits.reduce((s, v) => s + n(v.visits), 0), people: n(reached?.people), moneyFen: visits.reduce((s, v) => s + n(v.money), 0), byKind: Object.fromEntries(visits.map((v) => [v.kind, n(v.visits)])) },
    checkups: { invited: n(checkups?.invited), attended: n(checkups?.attended) },
    subsidies: { paid: n(paid?.payments), paidFen: n(paid?.fen), unpaid: n(unpaid?.payments), unpaidFen: n(unpaid?.fen) },
    priority: { people: n(priority?.people), hardship: n(priority?.hardship), health: n(priority?.health) },
  };
}

/** `b`'s figures added into `a`'s (each is a sum over people). */
function addInto(a: YearStats, b: YearStats): void {
  a.honorees += b.honorees;
  for (const l of LEVELS) a.byLevel[l] += b.byLevel[l];
  for (const c of HONOUR_CATEGORIES) for (const l of LEVELS) a.byCategory[c][l] += b.byCategory[c][l];
  for (const [kind, count] of Object.entries(b.visits.byKind)) a.visits.byKind[kind] = (a.visits.byKind[kind] ?? 0) + count;
  a.visits.total += b.visits.total;
  a.visits.people += b.visits.people;
  a.visits.moneyFen += b.visits.moneyFen;
  a.checkups.invited += b.checkups.invited;
  a.checkups.attended += b.checkups.attended;
  for (const k of ['paid', 'paidFen', 'unpaid', 'unpaidFen'] as const) a.subsidies[k] += b.subsidies[k];
  for (const k of ['people', 'hardship', 'health'] as const) a.priority[k] += b.priority[k];
}

/** The id that ends the slice of `size` people after `after`; null when fewer are left (the last slice). */
async function sliceEnd(db: Db, after: number, size: number): Promise<number | null> {
  const [end] = await db.$queryRaw<Array<{ id: unknown }>>(sql`SELECT "id" FROM "Honoree" WHERE "id" > ${after} ORDER BY "id" LIMIT 1 OFFSET ${size - 1}`);
  return end ? n(end.id) : null;
}

/**
 * The year's figures over everyone the filter takes, counted `peoplePerSlice` people at a time:
 * each slice ends at a real id, so ids far apart make no empty slices.
 */
export async function yearStats(db: Db, f: StatsFilter, peoplePerSlice = PEOPLE_PER_SLICE): Promise<YearStats> {
  let stats: YearStats | null = null;
  for (let after = 0; ; ) {
    const upTo = await sliceEnd(db, after, peoplePerSlice);
    const slice = await sliceStats(db, f, { after, upTo });
    if (stats) addInto(stats, slice);
    else stats = slice;
    if (upTo === null) break;
    after = upTo;
    await loopTurn();
  }
  const collective = await db.collectiveHonour.groupBy({ by: ['category'], where: { year: f.year }, _count: { _all: true } });
  return { ...stats!, collective: { worker_pioneer: collective.find((c) => c.category === 'worker_pioneer')?._count._all ?? 0, may_day_award: collective.find((c) => c.category === 'may_day_award')?._count._all ?? 0 } };
}

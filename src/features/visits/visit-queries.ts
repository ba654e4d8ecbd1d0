import type { Db } from '../../db/client.ts';
import { empty, sql, type Sql } from '../../db/sql.ts';
import type { Period } from './period.ts';

/** Which visits a list or a deletion is about: one person's, a period's, or both. */
export interface VisitFilter {
  honoreeId?: number;
  period?: Period;
}

export interface VisitTotals {
  count: number;
  /** 慰问金 in all, fen. */
  fen: number;
  /** Different people visited. */
  people: number;
}

type Where = NonNullable<Parameters<Db['visit']['findMany']>[0]>['where'];

const prismaWhere = (f: VisitFilter): Where => ({
  ...(f.honoreeId !== undefined ? { honoreeId: f.honoreeId } : {}),
  ...(f.period ? { visitDate: { gte: f.period.from, lte: f.period.to } } : {}),
});

/** The period part of a filter; `on` names the table (`v.`) when the query has two. */
const periodOf = (f: VisitFilter, on: Sql = empty) =>
  f.period ? sql`${on}"visitDate" >= ${f.period.from} AND ${on}"visitDate" <= ${f.period.to}` : sql`1 = 1`;

function sqlWhere(f: VisitFilter): Sql {
  return f.honoreeId !== undefined ? sql`"honoreeId" = ${f.honoreeId} AND ${periodOf(f)}` : periodOf(f);
}

type Big = number | bigint;

/**
 * Beyond this many visits per file on record, people are counted file by file rather than by
 * sorting the visits' person ids (see visitTotals).
 */
const VISITS_PER_FILE_FOR_PROBES = 3;

/**
 * Count, money and people of the visits matching `f`, added up by the database: a row or two
 * come back however many visits there are. Count and money walk the (visitDate, honoreeId,
 * moneyFen) index once. Different people cost more: COUNT(DISTINCT) sorts the matching visits'
 * person ids, which for a decade of a province's visits (a million) takes seconds, while asking
 * each file whether it has a visit in the period costs one index probe per file. The cheaper of
 * the two is chosen by the sizes the first query returns, so a day, a year and ten years all
 * answer within a second. (`h."id" > 0` has SQLite walk the files in id order, so the probes
 * into the (honoreeId, visitDate) index go forward: four times faster than in name order.)
 */
export async function visitTotals(db: Db, f: VisitFilter): Promise<VisitTotals> {
  // Each figure is a number on both databases: PostgreSQL answers COUNT and SUM as bigint.
  const [row] = await db.$queryRaw<{ count: Big; fen: Big; files: Big }[]>`
    SELECT COUNT(*) AS "count", COALESCE(SUM("moneyFen"), 0) AS "fen", (SELECT COUNT(*) FROM "Honoree") AS "files"
    FROM "Visit" WHERE ${sqlWhere(f)}`;
  const count = Number(row.count);
  const fen = Number(row.fen);
  if (f.honoreeId !== undefined || !count) return { count, fen, people: count ? 1 : 0 };
  const [{ people }] =
    count > Number(row.files) * VISITS_PER_FILE_FOR_PROBES
      ? await db.$queryRaw<{ people: Big }[]>`
          SELECT COUNT(*) AS "people" FROM "Honoree" h
          WHERE h."id" > 0 AND EXISTS (SELECT 1 FROM "Visit" v WHERE v."honoreeId" = h."id" AND ${periodOf(f, sql`v.`)})`
      : await db.$queryRaw<{ people: Big }[]>`SELECT COUNT(DISTINCT "honoreeId") AS "people" FROM "Visit" WHERE ${sqlWhere(f)}`;
  return { count, fen, people: Number(people) };
}

/** One page of the visits matching `f`, newest first, with the person's name and file number. */
export function newestVisits(db: Db, f: VisitFilter, take: number, skip = 0) {
  return db.visit.findMany({
    where: prismaWhere(f),
    include: { honoree: { select: { name: true, fileNo: true } } },
    orderBy: [{ visitDate: 'desc' }, { id: 'desc' }],
    take,
    skip,
  });
}

import type { Db } from '../../db/client.ts';
import { sql, type Sql } from '../../db/sql.ts';
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

function sqlWhere(f: VisitFilter): Sql {
  const person = f.honoreeId !== undefined ? sql`"honoreeId" = ${f.honoreeId}` : sql`1 = 1`;
  return f.period ? sql`${person} AND "visitDate" >= ${f.period.from} AND "visitDate" <= ${f.period.to}` : person;
}

/**
 * Count, money and people of the visits matching `f`, added up by the database: one row comes
 * back however many visits there are (a year's, from the (visitDate, honoreeId, moneyFen) index alone).
 */
export async function visitTotals(db: Db, f: VisitFilter): Promise<VisitTotals> {
  // Each total is a number on both databases: PostgreSQL answers COUNT and SUM as bigint.
  const [row] = await db.$queryRaw<{ count: number | bigint; fen: number | bigint; people: number | bigint }[]>`
    SELECT COUNT(*) AS "count", COALESCE(SUM("moneyFen"), 0) AS "fen", COUNT(DISTINCT "honoreeId") AS "people"
    FROM "Visit" WHERE ${sqlWhere(f)}`;
  return { count: Number(row.count), fen: Number(row.fen), people: Number(row.people) };
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

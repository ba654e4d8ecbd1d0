import type { Db } from '../src/db/client.ts';

/** The first visit day of the seeded history; visits are spread over the 3,600 days after it. */
export const FIRST_DAY = '2017-01-01';
/** The one person visited far more often than the rest (a person's list with many pages). */
export const BUSY_FILE = 'B0000001';
const BUSY_VISITS = 2000;

/**
 * Fills a SQLite bench database set-based, one statement per table: `visits` visits spread over
 * `honorees` people and ten years (the first BUSY_VISITS to one person), a survey per person for
 * `year` (a fifth of them on the priority register), and `teams` teams holding two honours each.
 * Expects honorees with ids 1..honorees (bench/seed.ts).
 */
export async function seedVisitsEtc(db: Db, opts: { honorees: number; visits: number; year: number; teams: number }) {
  const { honorees, visits, year, teams } = opts;
  await db.$executeRawUnsafe(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${visits - 1})
    INSERT INTO "Visit" ("honoreeId", "kind", "visitDate", "moneyFen", "notes")
    SELECT CASE WHEN i < ${BUSY_VISITS} THEN 1 ELSE (i * 7919) % ${honorees} + 1 END,
           CASE i % 4 WHEN 0 THEN 'in_person' WHEN 1 THEN 'phone' WHEN 2 THEN 'letter' ELSE 'hospital' END,
           date('${FIRST_DAY}', '+' || (i % 3600) || ' days'),
           (i % 5) * 10000,
           CASE WHEN i % 3 = 0 THEN '身体恢复良好，家属表示感谢，节前再来看望' END
    FROM n`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Survey" ("honoreeId", "year", "priorityHardship", "priorityHealth", "priorityReason", "updatedAt")
    SELECT "id", ${year}, "id" % 5 = 0, "id" % 7 = 0, CASE WHEN "id" % 5 = 0 THEN '家庭收入低于当地低保标准' END, '${year}-06-01T00:00:00.000+00:00'
    FROM "Honoree" WHERE "id" <= ${honorees}`);
  await db.$executeRawUnsafe(`
    WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${teams * 2 - 1})
    INSERT INTO "CollectiveHonour" ("teamName", "category", "level", "year")
    SELECT '示例班组' || (i % ${teams}), CASE WHEN i < ${teams} THEN 'worker_pioneer' ELSE 'may_day_award' END, 'county', 2000 + (i * 13) % 27
    FROM n`);
}

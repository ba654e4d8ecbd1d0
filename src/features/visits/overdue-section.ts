import type { Db } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';
import { addDays } from '../../domain/index.ts';
import type { DigestSection } from '../feature.ts';

/** Most names one digest lists; the rest is counted. */
const MOST_LISTED = 30;

interface Overdue {
  name: string;
  fileNo: string;
  lastVisit: string | null;
  total: number | bigint;
}

/**
 * The digest's reminder of who is waiting too long: honorees on this year's priority register
 * (hardship or poor health) with no visit of any kind for `gapDays` days, never visited first.
 * Only name, file number and the last visit's date: why someone is on the register (income,
 * health) is never said, since the digest goes to groups. Counted and cut in the database.
 */
export function overdueVisitsSection(db: Db, gapDays: number): DigestSection {
  return {
    id: 'overdue_visits',
    async collect(q) {
      const year = Number(q.today.slice(0, 4));
      const before = addDays(q.today, -gapDays);
      const rows = await db.$direct.query<Overdue>(sql`
        SELECT h."name", h."fileNo", MAX(v."visitDate") AS "lastVisit", COUNT(*) OVER () AS "total"
        FROM "Survey" s
        JOIN "Honoree" h ON h."id" = s."honoreeId"
        LEFT JOIN "Visit" v ON v."honoreeId" = h."id"
        WHERE s."year" = ${year} AND (s."priorityHardship" = TRUE OR s."priorityHealth" = TRUE) AND h."employmentStatus" NOT IN ('deceased', 'left')
        GROUP BY h."id", h."name", h."fileNo"
        HAVING MAX(v."visitDate") IS NULL OR MAX(v."visitDate") <= ${before}
        ORDER BY "lastVisit" ASC NULLS FIRST, h."fileNo" ASC
        LIMIT ${MOST_LISTED}`);
      if (!rows.length) return [];
      const total = Number(rows[0].total);
      const lines = [q.t('visits.digest.title', { count: total, days: gapDays })];
      for (const r of rows) {
        lines.push(r.lastVisit ? q.t('visits.digest.line', { name: r.name, fileNo: r.fileNo, date: r.lastVisit }) : q.t('visits.digest.line_never', { name: r.name, fileNo: r.fileNo }));
      }
      if (total > rows.length) lines.push(q.t('visits.digest.more', { count: total - rows.length }));
      return lines;
    },
  };
}

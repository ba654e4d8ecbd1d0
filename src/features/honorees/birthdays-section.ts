import type { Db } from '../../db/client.ts';
import { milestoneBirthDates } from '../../domain/index.ts';
import { OFF_ROLL_STATUSES } from '../../domain/vocabulary.ts';
import type { DigestSection } from '../feature.ts';

/** Milestone birthdays are announced this many days ahead (today included). */
const DAYS_AHEAD = 7;
const MOST_LISTED = 30;

/**
 * Milestone birthdays (70, 80, 90, 100) in the next 7 days: the office visits on those. The
 * database is asked for the exact birth dates that qualify (an index-friendly IN list), not
 * for every birthday. Names, file numbers, the day and the age only.
 */
export function milestoneBirthdaysSection(db: Db): DigestSection {
  return {
    id: 'birthdays',
    async collect(q) {
      const dates = milestoneBirthDates(q.today, DAYS_AHEAD);
      const byBirth = new Map(dates.map((d) => [d.birthDate, d]));
      const people = await db.honoree.findMany({
        where: { birthDate: { in: [...byBirth.keys()] }, employmentStatus: { notIn: [...OFF_ROLL_STATUSES] } },
        select: { name: true, fileNo: true, birthDate: true },
        take: 500,
      });
      if (!people.length) return [];
      const listed = people
        .map((p) => ({ ...p, ...byBirth.get(p.birthDate as string)! }))
        .sort((a, b) => a.on.localeCompare(b.on) || a.fileNo.localeCompare(b.fileNo));
      const lines = [q.t('honorees.digest.birthdays_title', { count: listed.length })];
      for (const p of listed.slice(0, MOST_LISTED)) {
        const when = p.on === q.today ? q.t('honorees.digest.today') : p.on.slice(5);
        lines.push(q.t('honorees.digest.birthday_line', { when, name: p.name, fileNo: p.fileNo, age: p.age }));
      }
      if (listed.length > MOST_LISTED) lines.push(q.t('honorees.digest.more', { count: listed.length - MOST_LISTED }));
      return lines;
    },
  };
}

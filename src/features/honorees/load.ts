import type { Db } from '../../db/client.ts';

/** How many recent visits a file shows. */
const RECENT_VISITS = 5;

/** Everything a file view needs, in one query. */
export function loadFile(db: Db, id: number) {
  return db.honoree.findUnique({
    where: { id },
    include: {
      honours: { orderBy: [{ year: 'desc' }, { id: 'asc' }] },
      surveys: { orderBy: { year: 'desc' }, take: 1 },
      visits: { orderBy: [{ visitDate: 'desc' }, { id: 'desc' }], take: RECENT_VISITS },
      teamMemberships: { include: { collectiveHonour: true } },
    },
  });
}

export type HonoreeFile = NonNullable<Awaited<ReturnType<typeof loadFile>>>;

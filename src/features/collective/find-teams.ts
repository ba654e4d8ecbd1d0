import type { Db } from '../../db/client.ts';
import { empty, sql } from '../../db/sql.ts';

export interface TeamSummary {
  teamName: string;
  /** How many collective honours the team holds. */
  honours: number;
  latest: { category: string; level: string; year: number };
}

export interface TeamList {
  /** Teams matching in all, of which `teams` are the newest. */
  total: number;
  teams: TeamSummary[];
}

type GroupRow = { teamName: string; honours: number | bigint };

/**
 * Teams (not honours: a team may hold several) whose name contains `fragment`, or all of
 * them, the team with the newest honour first. The database groups, counts and sorts, and
 * hands over one page of teams and one number, however many teams a province records.
 */
export async function findTeams(db: Db, fragment: string | undefined, limit: number): Promise<TeamList> {
  // LIKE with its wildcards escaped: `%` or `_` in a typed name are letters, not patterns.
  const where = fragment ? sql`WHERE "teamName" LIKE ${`%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'` : empty;
  const [[{ total }], groups] = await Promise.all([
    db.$queryRaw<{ total: number | bigint }[]>`SELECT COUNT(DISTINCT "teamName") AS "total" FROM "CollectiveHonour" ${where}`,
    db.$queryRaw<GroupRow[]>`
      SELECT "teamName", COUNT(*) AS "honours" FROM "CollectiveHonour" ${where}
      GROUP BY "teamName" ORDER BY MAX("year") DESC, MAX("id") DESC, "teamName" LIMIT ${limit}`,
  ]);
  const latest = await db.collectiveHonour.findMany({
    where: { teamName: { in: groups.map((g) => g.teamName) } },
    select: { teamName: true, category: true, level: true, year: true },
    orderBy: [{ year: 'desc' }, { id: 'desc' }],
  });
  const latestOf = new Map<string, TeamSummary['latest']>();
  for (const h of latest) if (!latestOf.has(h.teamName)) latestOf.set(h.teamName, { category: h.category, level: h.level, year: h.year });
  return {
    total: Number(total),
    teams: groups.map((g) => ({ teamName: g.teamName, honours: Number(g.honours), latest: latestOf.get(g.teamName)! })),
  };
}

/** One team with every honour it holds and each honour's members (linked ones with their file number). */
export function loadTeam(db: Db, teamName: string) {
  return db.collectiveHonour.findMany({
    where: { teamName },
    orderBy: [{ year: 'desc' }, { id: 'desc' }],
    include: { members: { orderBy: { id: 'asc' }, select: { name: true, honoree: { select: { fileNo: true } } } } },
  });
}

export type TeamHonours = Awaited<ReturnType<typeof loadTeam>>;

import type { Db } from '../../db/client.ts';

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

/**
 * Teams (not honours: a team may hold several) whose name contains `fragment`, or all of
 * them, the team with the newest honour first. The database groups; every group is read to
 * count them, which is one short row per team (a few thousand even for a province).
 */
export async function findTeams(db: Db, fragment: string | undefined, limit: number): Promise<TeamList> {
  const where = fragment ? { teamName: { contains: fragment } } : {};
  const groups = await db.collectiveHonour.groupBy({
    by: ['teamName'],
    where,
    _count: { _all: true },
    _max: { year: true, id: true },
    orderBy: [{ _max: { year: 'desc' } }, { _max: { id: 'desc' } }, { teamName: 'asc' }],
  });
  const shown = groups.slice(0, limit);
  const latest = await db.collectiveHonour.findMany({
    where: { teamName: { in: shown.map((g) => g.teamName) } },
    select: { teamName: true, category: true, level: true, year: true },
    orderBy: [{ year: 'desc' }, { id: 'desc' }],
  });
  const latestOf = new Map<string, TeamSummary['latest']>();
  for (const h of latest) if (!latestOf.has(h.teamName)) latestOf.set(h.teamName, { category: h.category, level: h.level, year: h.year });
  return {
    total: groups.length,
    teams: shown.map((g) => ({ teamName: g.teamName, honours: g._count._all, latest: latestOf.get(g.teamName)! })),
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

import type { Db } from '../../db/client.ts';

export interface EntryProgress {
  honoreeId: number;
  assigneeId: number | null;
  /** The first visit logged in the window, of any kind; null: not yet. */
  visitedOn: string | null;
}

/**
 * Which of a plan's people were visited in its window: any visit logged with 走访 counts by
 * itself, whoever logged it and however. Computed when asked, so a visit deleted by mistake
 * stops counting too.
 */
export async function planProgress(db: Db, plan: { id: number; windowStart: string; windowEnd: string }): Promise<EntryProgress[]> {
  const entries = await db.visitPlanEntry.findMany({ where: { planId: plan.id, removed: false }, orderBy: { rank: 'asc' }, select: { honoreeId: true, assigneeId: true } });
  const visited = new Map<number, string>();
  // SQLite takes at most 999 values a statement.
  for (let i = 0; i < entries.length; i += 500) {
    const rows = await db.visit.groupBy({
      by: ['honoreeId'],
      where: { honoreeId: { in: entries.slice(i, i + 500).map((e) => e.honoreeId) }, visitDate: { gte: plan.windowStart, lte: plan.windowEnd } },
      _min: { visitDate: true },
    });
    for (const r of rows) if (r._min.visitDate) visited.set(r.honoreeId, r._min.visitDate);
  }
  return entries.map((e) => ({ ...e, visitedOn: visited.get(e.honoreeId) ?? null }));
}

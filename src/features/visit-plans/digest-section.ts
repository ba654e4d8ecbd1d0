import type { Db } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';
import { addDays, daysBetween } from '../../domain/dates.ts';
import { formatMoney } from '../../domain/money.ts';
import type { DigestQuery, DigestSection, FeatureDeps } from '../feature.ts';
import { festivalCalendar } from '../festivals/index.ts';
import { REMIND_DAYS } from './plan-window.ts';
import { planProgress } from './progress.ts';

/** Names of the missed listed in the summary; the rest are counted. */
const MAX_MISSED = 20;

/**
 * The digest's holiday-visit part: during a plan's window, the progress (visited / planned, by
 * staff member), with a reminder 14 and 3 days before the festival; the day after the window, a
 * summary: who was visited and how, money and gifts given, and who was missed, by name.
 */
export function visitPlanDigestSection(deps: FeatureDeps): DigestSection {
  const db = deps.db;
  return {
    id: 'visit_plans',
    async collect(q) {
      const t = q.t;
      const plans = await db.visitPlan.findMany({ where: { status: { not: 'draft' }, windowStart: { lte: q.today }, windowEnd: { gte: addDays(q.today, -1) } }, orderBy: { festivalDate: 'asc' } });
      if (!plans.length) return [];
      const calendar = await festivalCalendar(deps);
      const lines = [t('visit_plans.digest.title')];
      for (const plan of plans) {
        const festival = calendar.nameOf(t, plan.festival);
        const progress = await planProgress(db, plan);
        const visited = progress.filter((p) => p.visitedOn).length;
        if (plan.windowEnd < q.today) {
          lines.push(...(await summary(db, q, plan, progress, festival)));
          continue;
        }
        const daysLeft = daysBetween(q.today, plan.festivalDate);
        lines.push(t(REMIND_DAYS.includes(daysLeft) ? 'visit_plans.digest.days_left' : 'visit_plans.digest.progress', { festival, date: plan.festivalDate, days: daysLeft, visited, count: progress.length }));
        const byStaff = new Map<number | null, { visited: number; count: number }>();
        for (const p of progress) {
          const s = byStaff.get(p.assigneeId) ?? { visited: 0, count: 0 };
          s.count += 1;
          if (p.visitedOn) s.visited += 1;
          byStaff.set(p.assigneeId, s);
        }
        const names = new Map((await db.account.findMany({ where: { id: { in: [...byStaff.keys()].filter((k): k is number => k !== null) } }, select: { id: true, displayName: true } })).map((a) => [a.id, a.displayName]));
        const parts = [...byStaff].map(([id, s]) => t('visit_plans.digest.staff', { who: id === null ? t('visit_plans.unassigned') : (names.get(id) ?? ''), visited: s.visited, count: s.count }));
        if (parts.length) lines.push(`  ${parts.join(t('visit_plans.separator'))}`);
      }
      return lines;
    },
  };
}

/**
 * The window is over: visited and how, the gifts, and the missed by name (carried to this digest).
 * The money given is told only in a private chat: in a group one person's 慰问金 could be read off it.
 */
async function summary(db: Db, q: DigestQuery, plan: { id: number; windowStart: string; windowEnd: string }, progress: Awaited<ReturnType<typeof planProgress>>, festival: string): Promise<string[]> {
  const t = q.t;
  // The plan's visits in the window, by a join (a plan may hold tens of thousands of people).
  const visits = await db.$queryRaw<Array<{ kind: string; visits: bigint | number; money: bigint | number | null; gifts: bigint | number }>>(sql`
    SELECT v."kind" AS "kind", COUNT(*) AS "visits", SUM(v."moneyFen") AS "money", SUM(CASE WHEN v."gifts" IS NULL THEN 0 ELSE 1 END) AS "gifts"
    FROM "Visit" v JOIN "VisitPlanEntry" e ON e."honoreeId" = v."honoreeId"
    WHERE e."planId" = ${plan.id} AND NOT e."removed" AND v."visitDate" >= ${plan.windowStart} AND v."visitDate" <= ${plan.windowEnd}
    GROUP BY v."kind" ORDER BY v."kind"`);
  const kinds = visits.map((v) => t('visit_plans.digest.kind_count', { kind: t(`vocab.visit_kinds.${v.kind}`), count: Number(v.visits) })).join(t('visit_plans.separator'));
  const money = visits.reduce((n, v) => n + Number(v.money ?? 0), 0);
  const gifts = visits.reduce((n, v) => n + Number(v.gifts), 0);
  const missed = progress.filter((p) => !p.visitedOn);
  const inGroup = 'groupId' in q.for;
  const lines = [
    t(inGroup ? 'visit_plans.digest.summary_group' : 'visit_plans.digest.summary', { festival, visited: progress.length - missed.length, count: progress.length, kinds: kinds || '—', money: formatMoney(money, q.locale), gifts }),
  ];
  if (missed.length) {
    const files = await db.honoree.findMany({ where: { id: { in: missed.slice(0, MAX_MISSED).map((m) => m.honoreeId) } }, select: { id: true, name: true, fileNo: true } });
    const byId = new Map(files.map((f) => [f.id, f]));
    lines.push(t('visit_plans.digest.missed', { count: missed.length, names: missed.slice(0, MAX_MISSED).map((m) => t('visit_plans.digest.missed_one', byId.get(m.honoreeId)!)).join(t('visit_plans.separator')) }));
    if (missed.length > MAX_MISSED) lines.push(t('visit_plans.digest.missed_more', { more: missed.length - MAX_MISSED }));
  }
  return lines;
}

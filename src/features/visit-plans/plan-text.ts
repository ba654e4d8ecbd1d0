import type { CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import type { FestivalCalendar } from '../festivals/index.ts';
import type { PlanRow } from './find-plan.ts';
import { planProgress } from './progress.ts';

/** Entries a page shows. */
export const PAGE_SIZE = 30;

/** A plan's people with everything a line or a sheet shows. */
export async function planLines(db: Db, plan: PlanRow) {
  const entries = await db.visitPlanEntry.findMany({ where: { planId: plan.id, removed: false }, orderBy: [{ rank: 'asc' }, { id: 'asc' }] });
  const progress = new Map((await planProgress(db, plan)).map((p) => [p.honoreeId, p.visitedOn]));
  const files = new Map<number, { id: number; name: string; fileNo: string }>();
  // SQLite takes at most 999 values a statement.
  for (let i = 0; i < entries.length; i += 500) {
    for (const h of await db.honoree.findMany({ where: { id: { in: entries.slice(i, i + 500).map((e) => e.honoreeId) } }, select: { id: true, name: true, fileNo: true } })) files.set(h.id, h);
  }
  const assignees = [...new Set(entries.flatMap((e) => (e.assigneeId ? [e.assigneeId] : [])))];
  const staff = new Map((await db.account.findMany({ where: { id: { in: assignees } }, select: { id: true, displayName: true } })).map((a) => [a.id, a.displayName]));
  return entries.map((e) => ({
    ...e,
    file: files.get(e.honoreeId)!,
    reasons: JSON.parse(e.reasons) as string[],
    assignee: e.assigneeId ? (staff.get(e.assigneeId) ?? '') : null,
    visitedOn: progress.get(e.honoreeId) ?? null,
  }));
}

/** 走访计划: a page of the plan, the neediest first, with why, how, who goes and whether done. */
export async function planText(db: Db, ctx: CommandContext, calendar: FestivalCalendar, plan: PlanRow, page: number): Promise<string> {
  const t = ctx.t;
  const lines = await planLines(db, plan);
  const visited = lines.filter((l) => l.visitedOn).length;
  const pages = Math.max(1, Math.ceil(lines.length / PAGE_SIZE));
  const p = Math.min(Math.max(page, 1), pages);
  const out = [t('visit_plans.title', { year: plan.year, festival: calendar.nameOf(t, plan.festival), date: plan.festivalDate, count: lines.length, visited, status: t(`visit_plans.status.${plan.status}`) })];
  for (const [i, l] of lines.slice((p - 1) * PAGE_SIZE, p * PAGE_SIZE).entries()) {
    out.push(
      t('visit_plans.line', {
        n: (p - 1) * PAGE_SIZE + i + 1,
        name: l.file.name,
        fileNo: l.file.fileNo,
        kind: t(`vocab.visit_kinds.${l.kind}`),
        reasons: l.reasons.length ? l.reasons.map((r) => t(`visit_plans.reasons.${r}`)).join(t('visit_plans.separator')) : t('visit_plans.added_by_hand'),
        assignee: l.assignee ?? t('visit_plans.unassigned'),
        done: l.visitedOn ? t('visit_plans.done', { day: l.visitedOn }) : '',
      }),
    );
  }
  if (pages > 1) out.push(t('visit_plans.page', { page: p, pages, next: Math.min(p + 1, pages) }));
  if (plan.status === 'open') out.push(t('visit_plans.hint'));
  return out.join('\n');
}

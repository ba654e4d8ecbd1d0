import { loopTurn } from '../../core/loop-turn.ts';
import type { Db } from '../../db/client.ts';
import { join, sql } from '../../db/sql.ts';
import { daysBetween } from '../../domain/dates.ts';
import { milestoneBirthDates } from '../../domain/milestones.ts';
import { planVisits, type VisitCandidate } from '../../domain/visit-need.ts';
import { OFF_ROLL_STATUSES } from '../../domain/vocabulary.ts';
import { recordAudit } from '../audit/index.ts';
import type { FestivalCalendar } from '../festivals/index.ts';
import { windowOf } from './plan-window.ts';

/** Files read per statement while drafting (a province has tens of thousands); their surveys and visits are read by a range of ids (two values), never a list (SQLite takes at most 999 values a statement). */
const PEOPLE_PER_READ = 2_000;
/** Entries per INSERT (8 values each). */
const ENTRIES_PER_STATEMENT = 100;
/** A plan being written: nobody sees it until it opens. */
const DRAFT = 'draft';

/**
 * Drafts the plan of each festival with plans whose window has begun and has none yet (this year's
 * or, for a festival early in January, next year's), and closes the plans whose window is over.
 * Idempotent: a festival has one plan a year.
 */
export async function draftPlans(db: Db, today: string, calendar: FestivalCalendar, now: Date, leadDays?: number): Promise<{ drafted: number[]; closed: number }> {
  const year = Number(today.slice(0, 4));
  const drafted: number[] = [];
  for (const festival of calendar.planned()) {
    for (const y of [year, year + 1]) {
      const date = calendar.dateOf(festival, y);
      if (date === 'unknown') continue;
      const w = windowOf(date, leadDays);
      if (today < w.start || today > w.end) continue;
      const existing = await db.visitPlan.findUnique({ where: { festival_year: { festival, year: y } } });
      // A draft left by a run that died (the planner's lease keeps two runs apart) is written anew.
      if (existing?.status === DRAFT) await discardDraft(db, existing.id);
      else if (existing) continue;
      drafted.push(await draftPlan(db, { festival, year: y, festivalDate: date, ...w }, today, now));
    }
  }
  // An open plan keeps in step with its festival's date (an admin moved it with 节日 改).
  for (const plan of await db.visitPlan.findMany({ where: { status: 'open' } })) {
    const date = calendar.dateOf(plan.festival, plan.year);
    if (date === 'unknown' || date === plan.festivalDate) continue;
    const w = windowOf(date, leadDays);
    const after = await db.visitPlan.update({ where: { id: plan.id }, data: { festivalDate: date, windowStart: w.start < plan.windowStart ? w.start : plan.windowStart, windowEnd: w.end } });
    await recordAudit(db, null, 'visit_plan', plan.id, 'update', plan, after);
  }
  const { count: closed } = await db.visitPlan.updateMany({ where: { status: 'open', windowEnd: { lt: today } }, data: { status: 'closed', closedAt: now } });
  return { drafted, closed };
}

interface PlanHead {
  festival: string;
  year: number;
  festivalDate: string;
  start: string;
  end: string;
}

/** Who is on it and why, read a chunk of files at a time; then the plan in one transaction. */
async function draftPlan(db: Db, head: PlanHead, today: string, now: Date): Promise<number> {
  const milestones = new Set(milestoneBirthDates(head.start, daysBetween(head.start, head.end)).map((m) => m.birthDate));
  const candidates: VisitCandidate[] = [];
  for (let after = 0; ; ) {
    const people = await db.honoree.findMany({
      where: { id: { gt: after }, employmentStatus: { notIn: [...OFF_ROLL_STATUSES] } },
      orderBy: { id: 'asc' },
      take: PEOPLE_PER_READ,
      select: { id: true, birthDate: true, employmentStatus: true },
    });
    if (!people.length) break;
    const ids = { gt: after, lte: people.at(-1)!.id };
    after = ids.lte;
    // The festival's year's survey, or last year's while this year's is not done: each person's older one first, so the map keeps the newer.
    const surveys = await db.survey.findMany({
      where: { honoreeId: ids, year: { gte: head.year - 1, lte: head.year } },
      orderBy: [{ honoreeId: 'asc' }, { year: 'asc' }],
      select: { honoreeId: true, priorityHardship: true, priorityHealth: true, workSituation: true, familyMembers: true, hardshipCauses: true },
    });
    const surveyOf = new Map(surveys.map((s) => [s.honoreeId, s]));
    const last = await db.visit.groupBy({ by: ['honoreeId'], where: { honoreeId: ids }, _max: { visitDate: true } });
    const lastOf = new Map(last.map((l) => [l.honoreeId, l._max.visitDate]));
    for (const p of people) {
      const s = surveyOf.get(p.id);
      candidates.push({
        id: p.id,
        birthDate: p.birthDate,
        employmentStatus: p.employmentStatus,
        hardship: s?.priorityHardship ?? false,
        poorHealth: s?.priorityHealth ?? false,
        surveyText: [s?.workSituation, s?.familyMembers, s?.hardshipCauses].filter(Boolean).join('；'),
        lastVisit: lastOf.get(p.id) ?? null,
        milestone: p.birthDate !== null && milestones.has(p.birthDate),
      });
    }
    await loopTurn();
  }
  const planned = planVisits(candidates, today);
  // Written as a draft in short statements, other chats going on between them; then opened.
  const plan = await db.visitPlan.create({ data: { festival: head.festival, year: head.year, festivalDate: head.festivalDate, windowStart: head.start, windowEnd: head.end, status: DRAFT, createdAt: now } });
  for (let i = 0; i < planned.length; i += ENTRIES_PER_STATEMENT) {
    const rows = planned.slice(i, i + ENTRIES_PER_STATEMENT).map((v, j) => sql`(${plan.id}, ${v.id}, ${i + j + 1}, ${v.kind}, ${JSON.stringify(v.reasons)}, ${now}, ${now})`);
    await db.$direct.execute(sql`INSERT INTO "VisitPlanEntry" ("planId", "honoreeId", "rank", "kind", "reasons", "createdAt", "updatedAt") VALUES ${join(rows)}`);
    await loopTurn();
  }
  await db.$transaction(async (tx) => {
    const opened = await tx.visitPlan.updateMany({ where: { id: plan.id, status: DRAFT }, data: { status: 'open' } });
    if (opened.count !== 1) throw new Error(`visit plan ${plan.id} is no longer a draft`);
    await recordAudit(tx, null, 'visit_plan', plan.id, 'create', null, { ...plan, status: 'open', entries: planned.length });
  });
  return plan.id;
}

/** A draft's entries, then the draft. */
async function discardDraft(db: Db, planId: number): Promise<void> {
  await db.visitPlanEntry.deleteMany({ where: { planId } });
  await db.visitPlan.deleteMany({ where: { id: planId, status: DRAFT } });
}

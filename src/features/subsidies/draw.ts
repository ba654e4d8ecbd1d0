import { loopTurn } from '../../core/loop-turn.ts';
import type { Db } from '../../db/client.ts';
import { join, sql } from '../../db/sql.ts';
import { drawPayments, dueDateOf, periodsToDraw, type FestivalDateOf, type SubsidyCandidate, type SubsidyRule } from '../../domain/subsidy.ts';
import { OFF_ROLL_STATUSES } from '../../domain/vocabulary.ts';
import { auditEntryData, recordAudit } from '../audit/index.ts';
import { ruleOf } from './policy-rule.ts';

/** Files read per statement while drawing (a province has tens of thousands); SQLite takes at most 999 values a statement. */
const PEOPLE_PER_READ = 500;
/** Rows per INSERT: 8 values each, well inside both databases' limits on bound values. */
const ROWS_PER_STATEMENT = 500;

export interface DrawResult {
  /** Payments added, per policy and period. */
  added: Array<{ policyId: number; period: number; dueDate: string; count: number }>;
  /** Unpaid payments voided because the person died since they were drawn. */
  voided: number;
}

/**
 * Draws every active policy's open periods (see periodsToDraw): one payment per person, policy and
 * period, however often it runs (the unique key and ON CONFLICT DO NOTHING keep a second draw,
 * or two instances drawing at once, from adding any). Payments not yet due of people who died or
 * left since are voided; what was due stays owed, and paid ones are history. The people are read in chunks, letting other
 * chats in between.
 */
export async function drawSubsidies(db: Db, today: string, festivalDate: FestivalDateOf, now: Date, policyId?: number): Promise<DrawResult> {
  const policies = await db.subsidyPolicy.findMany({ where: { active: true, ...(policyId ? { id: policyId } : {}) }, orderBy: { id: 'asc' } });
  const added: DrawResult['added'] = [];
  for (const policy of policies) {
    const rule = ruleOf(policy);
    for (const { period, dueDate } of periodsToDraw(rule, today, festivalDate)) {
      const count = await drawPeriod(db, rule, period, dueDate, now);
      if (count) {
        added.push({ policyId: rule.id, period, dueDate, count });
        // One entry per draw, by the system: the payments themselves are audited as they are paid or reversed.
        await recordAudit(db, null, 'subsidy_policy', rule.id, 'update', null, { drawn: count, period, dueDate });
      }
    }
  }
  const voided = await voidForOffRoll(db, today, now);
  await redate(db, today, festivalDate);
  return { added, voided };
}

/** The people a policy pays for a period, a chunk at a time (read in id order, the loop turning between chunks). */
async function* qualifying(db: Db, rule: SubsidyRule, period: number): AsyncGenerator<SubsidyCandidate[]> {
  for (let after = 0; ; ) {
    const people = await db.honoree.findMany({
      where: {
        id: { gt: after },
        employmentStatus: rule.onlyRetired ? 'retired' : { notIn: [...OFF_ROLL_STATUSES] },
        // Only a pre-filter (drawPayments decides on the latest survey): a person on neither year's register is never paid.
        ...(rule.onlyHardship ? { surveys: { some: { year: { gte: period - 1, lte: period }, priorityHardship: true } } } : {}),
        honours: { some: { year: { lte: period }, OR: rule.honours.map((h) => ({ category: h.category, level: h.level })) } },
      },
      orderBy: { id: 'asc' },
      take: PEOPLE_PER_READ,
      // The period's hardship register, or last year's while this year's survey is not done (a
      // Spring Festival list is drawn in December).
      select: { id: true, employmentStatus: true, honours: { select: { category: true, level: true, year: true } }, surveys: { where: { year: { gte: period - 1, lte: period } }, orderBy: { year: 'desc' }, take: 1, select: { priorityHardship: true } } },
    });
    if (!people.length) return;
    after = people.at(-1)!.id;
    yield people.map((p) => ({ id: p.id, employmentStatus: p.employmentStatus, honours: p.honours, hardship: p.surveys.some((s) => s.priorityHardship) }));
    await loopTurn();
  }
}

/** How many a policy would pay for a period, and the total (the policy form's summary). */
export async function countQualifying(db: Db, rule: SubsidyRule, period: number): Promise<number> {
  let count = 0;
  for await (const chunk of qualifying(db, rule, period)) count += drawPayments(rule, chunk, period, '').length;
  return count;
}

async function drawPeriod(db: Db, rule: SubsidyRule, period: number, dueDate: string, now: Date): Promise<number> {
  let added = 0;
  for await (const chunk of qualifying(db, rule, period)) {
    const drawn = drawPayments(rule, chunk, period, dueDate);
    for (let i = 0; i < drawn.length; i += ROWS_PER_STATEMENT) {
      const rows = drawn.slice(i, i + ROWS_PER_STATEMENT).map((d) => sql`(${d.policyId}, ${d.honoreeId}, ${d.period}, ${d.amountFen}, ${d.dueDate}, 'unpaid', ${now}, ${now})`);
      added += await db.$direct.execute(sql`
        INSERT INTO "SubsidyPayment" ("policyId", "honoreeId", "period", "amountFen", "dueDate", "status", "createdAt", "updatedAt")
        VALUES ${join(rows)}
        ON CONFLICT ("policyId", "honoreeId", "period") DO NOTHING`);
    }
  }
  return added;
}

/**
 * Payments not yet due of people recorded as deceased or left are void (audited): they get no new
 * payments. One already due stays owed (unpaid) for staff to settle; nothing paid changes.
 */
async function voidForOffRoll(db: Db, today: string, now: Date): Promise<number> {
  const stale = await db.$queryRaw<Array<{ id: number }>>(sql`
    SELECT p."id" FROM "SubsidyPayment" p JOIN "Honoree" h ON h."id" = p."honoreeId"
    WHERE p."status" = 'unpaid' AND p."dueDate" > ${today} AND h."employmentStatus" IN (${join([...OFF_ROLL_STATUSES])})`);
  let voided = 0;
  for (let i = 0; i < stale.length; i += 500) {
    const ids = stale.slice(i, i + 500).map((r) => Number(r.id));
    voided += await db.$transaction(async (tx) => {
      // Read again in the transaction: one marked paid since the list above stays paid, unaudited.
      const still = (await tx.subsidyPayment.findMany({ where: { id: { in: ids }, status: 'unpaid' }, select: { id: true } })).map((p) => p.id);
      if (!still.length) return 0;
      const { count } = await tx.subsidyPayment.updateMany({ where: { id: { in: still }, status: 'unpaid' }, data: { status: 'void', updatedAt: now } });
      await tx.auditEntry.createMany({ data: still.map((id) => auditEntryData(null, 'subsidy_payment', id, 'update', { status: 'unpaid' }, { status: 'void' })!) });
      return count;
    });
  }
  return voided;
}

/**
 * Unpaid payments due before a festival keep in step with the calendar: an admin who moves the
 * festival (节日 改) moves their due date with it on the next draw. Paid ones are history.
 */
async function redate(db: Db, today: string, festivalDate: FestivalDateOf): Promise<void> {
  const year = Number(today.slice(0, 4));
  for (const policy of await db.subsidyPolicy.findMany({ where: { scheduleKind: 'festival' } })) {
    const rule = ruleOf(policy);
    for (const period of [year, year + 1]) {
      const due = dueDateOf(rule.schedule, period, festivalDate);
      if (due === 'unknown') continue;
      // The move and its audit together: a crash between them leaves neither.
      await db.$transaction(async (tx) => {
        const { count } = await tx.subsidyPayment.updateMany({ where: { policyId: rule.id, period, status: 'unpaid', dueDate: { not: due } }, data: { dueDate: due } });
        if (count) await recordAudit(tx, null, 'subsidy_policy', rule.id, 'update', null, { redated: count, period, dueDate: due });
      });
    }
  }
}

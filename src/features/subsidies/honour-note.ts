import type { Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { addDays } from '../../domain/dates.ts';
import { DRAW_AHEAD_DAYS, dueDateOf, inForce, qualifies, type FestivalDateOf } from '../../domain/subsidy.ts';
import { ruleOf } from './policy-rule.ts';

/**
 * When an honour is added: the active policies it makes the person qualify for, and from which
 * year's list (a list already past its due date is closed: the next one), said plainly.
 */
export async function subsidyHonourLines(db: Db, t: Translate, honoreeId: number, today: string, festivalDate: FestivalDateOf): Promise<string[]> {
  const person = await db.honoree.findUnique({ where: { id: honoreeId }, select: { id: true, employmentStatus: true, honours: { select: { category: true, level: true, year: true } } } });
  if (!person) return [];
  const lines: string[] = [];
  const year = Number(today.slice(0, 4));
  for (const policy of await db.subsidyPolicy.findMany({ where: { active: true }, orderBy: { id: 'asc' } })) {
    const rule = ruleOf(policy);
    for (const period of [year, year + 1, year + 2]) {
      if (!inForce(rule, period)) continue;
      const due = dueDateOf(rule.schedule, period, festivalDate);
      // A list is drawn until its due date, that day included: from the day after, the next year's.
      if (due === 'unknown' || due <= today) continue;
      const survey = await db.survey.findFirst({ where: { honoreeId, year: { gte: period - 1, lte: period } }, orderBy: { year: 'desc' }, select: { priorityHardship: true } });
      if (!qualifies(rule, { ...person, hardship: survey?.priorityHardship ?? false }, period)) continue;
      if (await db.subsidyPayment.findUnique({ where: { policyId_honoreeId_period: { policyId: rule.id, honoreeId, period } } })) break;
      // Lists are drawn each night from DRAW_AHEAD_DAYS before the due date: tonight at the earliest.
      const drawn = [addDays(today, 1), addDays(due, -DRAW_AHEAD_DAYS)].sort().at(-1)!;
      lines.push(t('subsidies.honour_note', { name: policy.name, period, day: drawn }));
      break;
    }
  }
  return lines;
}

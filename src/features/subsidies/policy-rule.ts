import type { SubsidyRule, SubsidySchedule } from '../../domain/subsidy.ts';
import type { HonourCategory, Level } from '../../domain/vocabulary.ts';

/** A policy row as stored. */
export interface PolicyRow {
  id: number;
  name: string;
  honours: string;
  onlyRetired: boolean;
  onlyHardship: boolean;
  amountFen: number;
  scheduleKind: string;
  festival: string | null;
  daysBefore: number | null;
  fixedDate: string | null;
  fromYear: number;
  toYear: number | null;
  active: boolean;
}

/** The stored columns of a schedule. */
export function scheduleColumns(s: SubsidySchedule) {
  return s.kind === 'festival'
    ? { scheduleKind: 'festival', festival: s.festival, daysBefore: s.daysBefore, fixedDate: null }
    : { scheduleKind: 'fixed', festival: null, daysBefore: null, fixedDate: `${String(s.month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}` };
}

export function scheduleOf(p: Pick<PolicyRow, 'scheduleKind' | 'festival' | 'daysBefore' | 'fixedDate'>): SubsidySchedule {
  if (p.scheduleKind === 'festival') return { kind: 'festival', festival: p.festival!, daysBefore: p.daysBefore! };
  const [month, day] = p.fixedDate!.split('-').map(Number);
  return { kind: 'fixed', month, day };
}

/** A policy row as the domain's rule. */
export function ruleOf(p: PolicyRow): SubsidyRule {
  return {
    id: p.id,
    honours: JSON.parse(p.honours) as Array<{ category: HonourCategory; level: Level }>,
    onlyRetired: p.onlyRetired,
    onlyHardship: p.onlyHardship,
    amountFen: p.amountFen,
    schedule: scheduleOf(p),
    fromYear: p.fromYear,
    toYear: p.toYear,
  };
}

import { describe, expect, it } from 'vitest';
import { daysBetween } from '../../src/domain/dates.ts';
import { dueDateOf, dueNotice, parseHonourKinds, parseSchedule, parseYears, periodsToDraw, qualifies, type SubsidyRule } from '../../src/domain/subsidy.ts';

/** A festival calendar for the tests: Spring Festival 2027 is 6 February, 2028 is 26 January; nothing else known. */
const SPRING: Record<number, string> = { 2027: '2027-02-06', 2028: '2028-01-26' };
const calendar = (festival: string, year: number) => (festival === 'spring_festival' && SPRING[year]) || 'unknown';

const rule = (o: Partial<SubsidyRule> = {}): SubsidyRule => ({
  id: 1,
  honours: [{ category: 'model_worker', level: 'provincial' }],
  onlyRetired: false,
  onlyHardship: false,
  amountFen: 200_000,
  schedule: { kind: 'festival', festival: 'spring_festival', daysBefore: 7 },
  fromYear: 2027,
  toYear: null,
  ...o,
});

describe('when a subsidy is due', () => {
  it('counts days before a festival, or takes a fixed day', () => {
    expect(dueDateOf({ kind: 'festival', festival: 'spring_festival', daysBefore: 7 }, 2027, calendar)).toBe('2027-01-30');
    expect(dueDateOf({ kind: 'festival', festival: 'spring_festival', daysBefore: 30 }, 2028, calendar)).toBe('2027-12-27');
    expect(dueDateOf({ kind: 'festival', festival: 'mid_autumn', daysBefore: 3 }, 2027, calendar)).toBe('unknown');
    expect(dueDateOf({ kind: 'fixed', month: 9, day: 1 }, 2027, calendar)).toBe('2027-09-01');
  });

  it('opens a period for drawing 45 days before it is due, until the due date', () => {
    expect(periodsToDraw(rule(), '2026-12-15', calendar)).toEqual([]);
    expect(periodsToDraw(rule(), '2026-12-16', calendar)).toEqual([{ period: 2027, dueDate: '2027-01-30' }]);
    expect(periodsToDraw(rule(), '2027-01-30', calendar)).toEqual([{ period: 2027, dueDate: '2027-01-30' }]);
    expect(periodsToDraw(rule(), '2027-01-31', calendar)).toEqual([]);
    // A due date in December of the year before: next year's period.
    expect(periodsToDraw(rule({ schedule: { kind: 'festival', festival: 'spring_festival', daysBefore: 30 } }), '2027-12-01', calendar)).toEqual([{ period: 2028, dueDate: '2027-12-27' }]);
    expect(periodsToDraw(rule({ toYear: 2027 }), '2027-12-20', calendar)).toEqual([]);
    expect(periodsToDraw(rule({ fromYear: 2028 }), '2027-01-10', calendar)).toEqual([]);
  });

  it('reminds 14 and 3 days before, and counts the days overdue', () => {
    expect(dueNotice('2027-01-30', '2027-01-16')).toEqual({ kind: 'ahead', days: 14 });
    expect(dueNotice('2027-01-30', '2027-01-17')).toBeNull();
    expect(dueNotice('2027-01-30', '2027-01-27')).toEqual({ kind: 'ahead', days: 3 });
    expect(dueNotice('2027-01-30', '2027-01-30')).toBeNull();
    expect(dueNotice('2027-01-30', '2027-03-01')).toEqual({ kind: 'overdue', days: 30 });
    expect(daysBetween('2027-12-30', '2028-03-01')).toBe(62);
  });
});

describe('who a policy pays', () => {
  const person = { id: 1, employmentStatus: 'retired', honours: [{ category: 'model_worker', level: 'provincial', year: 2020 }], hardship: false };
  it('pays a qualifying honour awarded in or before the period, alive, retired or on the register when asked', () => {
    expect(qualifies(rule(), person, 2027)).toBe(true);
    expect(qualifies(rule(), { ...person, honours: [{ category: 'model_worker', level: 'provincial', year: 2028 }] }, 2027)).toBe(false);
    expect(qualifies(rule(), { ...person, employmentStatus: 'deceased' }, 2027)).toBe(false);
    expect(qualifies(rule({ onlyRetired: true }), { ...person, employmentStatus: 'employed' }, 2027)).toBe(false);
    expect(qualifies(rule({ onlyHardship: true }), person, 2027)).toBe(false);
    expect(qualifies(rule({ onlyHardship: true }), { ...person, hardship: true }, 2027)).toBe(true);
    expect(qualifies(rule(), { ...person, honours: [{ category: 'advanced_worker', level: 'provincial', year: 2020 }] }, 2027)).toBe(false);
  });
});

describe('reading what staff type', () => {
  it('reads honours with their levels, and "and above"', () => {
    expect(parseHonourKinds('全国劳动模范、省级劳动模范')).toEqual({ ok: true, honours: [{ category: 'model_worker', level: 'national' }, { category: 'model_worker', level: 'provincial' }] });
    expect(parseHonourKinds('市级以上劳模，县级工匠')).toEqual({
      ok: true,
      honours: [
        { category: 'model_worker', level: 'national' },
        { category: 'model_worker', level: 'provincial' },
        { category: 'model_worker', level: 'municipal' },
        { category: 'craftsman', level: 'county' },
      ],
    });
    expect(parseHonourKinds('劳模')).toEqual({ ok: false, piece: '劳模' });
    expect(parseHonourKinds('省级、市级劳模')).toEqual({ ok: false, piece: '省级' });
  });

  it('reads a schedule: days before a festival, or a fixed day', () => {
    expect(parseSchedule('春节前7天')).toEqual({ ok: true, schedule: { kind: 'festival', festival: 'spring_festival', daysBefore: 7 } });
    expect(parseSchedule('中秋节前 ３ 天')).toEqual({ ok: true, schedule: { kind: 'festival', festival: 'mid_autumn', daysBefore: 3 } });
    expect(parseSchedule('每年 9月1日')).toEqual({ ok: true, schedule: { kind: 'fixed', month: 9, day: 1 } });
    expect(parseSchedule('09-01')).toEqual({ ok: true, schedule: { kind: 'fixed', month: 9, day: 1 } });
    expect(parseSchedule('春节前')).toEqual({ ok: false, problem: 'format' });
    expect(parseSchedule('春节前90天')).toEqual({ ok: false, problem: 'days' });
    expect(parseSchedule('2月29日')).toEqual({ ok: false, problem: 'date' });
    expect(parseSchedule('下个月')).toEqual({ ok: false, problem: 'format' });
  });

  it('reads the years in force', () => {
    expect(parseYears('2027')).toEqual({ ok: true, fromYear: 2027, toYear: null });
    expect(parseYears('2027年起')).toEqual({ ok: true, fromYear: 2027, toYear: null });
    expect(parseYears('2027-2029')).toEqual({ ok: true, fromYear: 2027, toYear: 2029 });
    expect(parseYears('2027 至 2029 年')).toEqual({ ok: true, fromYear: 2027, toYear: 2029 });
    expect(parseYears('2029-2027')).toEqual({ ok: false });
    expect(parseYears('明年')).toEqual({ ok: false });
  });
});

import { describe, expect, it } from 'vitest';
import { milestoneBirthDates } from '../../src/domain/index.ts';

describe('milestone birthdays', () => {
  it('lists the birth dates turning 70, 80, 90 or 100 on each of the next days', () => {
    const dates = milestoneBirthDates('2026-11-28', 1);
    expect(dates).toEqual([
      { birthDate: '1956-11-28', on: '2026-11-28', age: 70 },
      { birthDate: '1946-11-28', on: '2026-11-28', age: 80 },
      { birthDate: '1936-11-28', on: '2026-11-28', age: 90 },
      { birthDate: '1926-11-28', on: '2026-11-28', age: 100 },
      { birthDate: '1956-11-29', on: '2026-11-29', age: 70 },
      { birthDate: '1946-11-29', on: '2026-11-29', age: 80 },
      { birthDate: '1936-11-29', on: '2026-11-29', age: 90 },
      { birthDate: '1926-11-29', on: '2026-11-29', age: 100 },
    ]);
  });

  it('crosses the year end, and a 29 February birthday is kept on 28 February in other years', () => {
    const dates = milestoneBirthDates('2027-12-30', 3, [80]).map((d) => `${d.birthDate}>${d.on}`);
    expect(dates).toEqual(['1947-12-30>2027-12-30', '1947-12-31>2027-12-31', '1948-01-01>2028-01-01', '1948-01-02>2028-01-02']);
    // 1948 was a leap year; 2027 (turning 79) is not the milestone, 2028 (80) is a leap year itself.
    expect(milestoneBirthDates('2026-02-28', 0, [70]).map((d) => d.birthDate)).toEqual(['1956-02-28', '1956-02-29']);
    expect(milestoneBirthDates('2028-02-28', 0, [80]).map((d) => d.birthDate)).toEqual(['1948-02-28']);
  });
});

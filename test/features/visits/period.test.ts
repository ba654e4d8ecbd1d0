import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../../src/features/visits/period.ts';

const TODAY = '2026-11-23';

function range(text: string, today = TODAY) {
  const r = parsePeriod(text, today);
  if (!r.ok) throw new Error(`expected a period for "${text}", got ${r.reason}`);
  return [r.period.from, r.period.to];
}

const reason = (text: string) => {
  const r = parsePeriod(text, TODAY);
  return r.ok ? 'ok' : r.reason;
};

describe('parsePeriod', () => {
  it('is this month when nothing is given', () => {
    expect(parsePeriod('', TODAY)).toEqual({
      ok: true,
      period: { from: '2026-11-01', to: '2026-11-30', label: { key: 'month', params: { year: 2026, month: 11 } } },
    });
  });

  it('reads words for this month, last month, this year and last year, in Chinese and English', () => {
    expect(range('本月')).toEqual(['2026-11-01', '2026-11-30']);
    expect(range('This Month')).toEqual(['2026-11-01', '2026-11-30']);
    expect(range('上月')).toEqual(['2026-10-01', '2026-10-31']);
    expect(range('last month')).toEqual(['2026-10-01', '2026-10-31']);
    expect(range('上个月', '2026-01-15')).toEqual(['2025-12-01', '2025-12-31']);
    // A month without its year is the nearest: December typed in January is last year's.
    expect(range('12月', '2027-01-10')).toEqual(['2026-12-01', '2026-12-31']);
    expect(range('12月', '2026-11-10')).toEqual(['2026-12-01', '2026-12-31']);
    expect(range('上月', '2026-03-31')).toEqual(['2026-02-01', '2026-02-28']);
    expect(range('今年')).toEqual(['2026-01-01', '2026-12-31']);
    expect(range('this year')).toEqual(['2026-01-01', '2026-12-31']);
    expect(range('去年')).toEqual(['2025-01-01', '2025-12-31']);
  });

  it('reads months and years as typed', () => {
    expect(range('2026-11')).toEqual(['2026-11-01', '2026-11-30']);
    expect(range('2026/2')).toEqual(['2026-02-01', '2026-02-28']);
    expect(range('2024-02')).toEqual(['2024-02-01', '2024-02-29']);
    expect(range('2026年12月')).toEqual(['2026-12-01', '2026-12-31']);
    expect(range('3月')).toEqual(['2026-03-01', '2026-03-31']);
    expect(range('2026')).toEqual(['2026-01-01', '2026-12-31']);
    expect(range('2025年')).toEqual(['2025-01-01', '2025-12-31']);
  });

  it('reads one day, relative or not', () => {
    expect(range('2026-11-20')).toEqual(['2026-11-20', '2026-11-20']);
    expect(range('昨天')).toEqual(['2026-11-22', '2026-11-22']);
  });

  it('reads a range of two dates or months, even one ending after today', () => {
    expect(parsePeriod('2026-11-01 2026-11-30', TODAY)).toEqual({
      ok: true,
      period: { from: '2026-11-01', to: '2026-11-30', label: { key: 'range', params: { from: '2026-11-01', to: '2026-11-30' } } },
    });
    expect(range('2026-11-01至2026-11-30')).toEqual(['2026-11-01', '2026-11-30']);
    expect(range('2026-11-01 到 12-05')).toEqual(['2026-11-01', '2026-12-05']);
    expect(range('2026-09 ~ 2026-11')).toEqual(['2026-09-01', '2026-11-30']);
    expect(range('2026-11-01 to 2027-01-31')).toEqual(['2026-11-01', '2027-01-31']);
  });

  it('refuses impossible periods and ranges that end before they start', () => {
    expect(reason('2026-13')).toBe('invalid');
    expect(reason('2026-02-30')).toBe('invalid');
    expect(reason('13月')).toBe('invalid');
    expect(reason('1800年')).toBe('invalid');
    expect(reason('2026-11-30 2026-11-01')).toBe('reversed');
    expect(reason('2026-11-01 2026-02-30')).toBe('invalid');
  });

  it('says "not a period" for names, file numbers and phone tails, so they can be a person', () => {
    for (const text of ['张三', 'zs', 'LM00012', '1234', '张三 2026', 'zhang san']) expect(reason(text)).toBe('not_period');
  });
});

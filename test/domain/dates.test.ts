import { describe, it, expect } from 'vitest';
import { isRealDate, todayIn, addDays, parseDateWord, looksLikeDate, ageOn, weekdayOf, daysInMonth, yearWord, takeYear } from '../../src/domain/dates.ts';

describe('isRealDate', () => {
  it('accepts real days', () => {
    expect(isRealDate('2026-11-20')).toBe(true);
    expect(isRealDate('2024-02-29')).toBe(true); // leap year
    expect(isRealDate('2000-02-29')).toBe(true); // divisible by 400
    expect(isRealDate('2026-12-31')).toBe(true);
  });

  it('refuses impossible days and other shapes', () => {
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('1900-02-29')).toBe(false); // divisible by 100, not 400
    expect(isRealDate('2026-02-30')).toBe(false);
    expect(isRealDate('2026-04-31')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('2026-00-10')).toBe(false);
    expect(isRealDate('2026-01-00')).toBe(false);
    expect(isRealDate('2026-1-5')).toBe(false);
    expect(isRealDate('2026-01-05T00:00')).toBe(false);
    expect(isRealDate('')).toBe(false);
  });
});

describe('todayIn', () => {
  it('uses the given zone, not the server clock', () => {
    // 17:30 UTC on 20 Nov is already 01:30 on 21 Nov in Shanghai.
    const now = new Date('2026-11-20T17:30:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-11-21');
    expect(todayIn('UTC', now)).toBe('2026-11-20');
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-20');
  });

  it('pads months and days', () => {
    expect(todayIn('Asia/Shanghai', new Date('2026-01-04T20:00:00Z'))).toBe('2026-01-05');
  });
});

describe('weekdayOf', () => {
  it('numbers the days Monday 1 to Sunday 7', () => {
    expect(weekdayOf('2026-11-30')).toBe(1);
    expect(weekdayOf('2026-11-28')).toBe(6);
    expect(weekdayOf('2026-11-29')).toBe(7);
    expect(weekdayOf('2028-02-29')).toBe(2);
  });

  it('refuses impossible days', () => {
    expect(() => weekdayOf('2026-02-29')).toThrow(RangeError);
  });
});

describe('daysInMonth', () => {
  it('knows February by the leap rule and the 30-day months', () => {
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-11-20', 1)).toBe('2026-11-21');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-01-01', 365)).toBe('2027-01-01');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('refuses bad input', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-01-01', 0.5)).toThrow(RangeError);
  });
});

describe('parseDateWord', () => {
  const today = '2026-11-20';
  const ok = (date: string) => ({ ok: true, date });

  it('takes a day without its year as the nearest one: last December in January, still ahead in November', () => {
    expect(parseDateWord('12-28', '2027-01-03')).toEqual(ok('2026-12-28'));
    expect(parseDateWord('12月30日', '2027-01-03')).toEqual(ok('2026-12-30'));
    expect(parseDateWord('12月1日', '2026-11-29')).toEqual({ ok: false, reason: 'future' });
    expect(parseDateWord('1-5', '2026-12-30')).toEqual(ok('2026-01-05'));
  });

  it('reads relative words', () => {
    expect(parseDateWord('今天', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('今日', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('Today', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('昨天', today)).toEqual(ok('2026-11-19'));
    expect(parseDateWord('昨日', today)).toEqual(ok('2026-11-19'));
    expect(parseDateWord('yesterday', today)).toEqual(ok('2026-11-19'));
    expect(parseDateWord('前天', today)).toEqual(ok('2026-11-18'));
    expect(parseDateWord('昨天', '2026-03-01')).toEqual(ok('2026-02-28'));
  });

  it('reads dates with a year', () => {
    expect(parseDateWord('2026-11-20', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('2026-1-5', today)).toEqual(ok('2026-01-05'));
    expect(parseDateWord('2026/11/20', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('2026.11.20', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('2026年11月20日', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('2025年3月8号', today)).toEqual(ok('2025-03-08'));
    expect(parseDateWord('20261120', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord(' ２０２６－１１－２０ ', today)).toEqual(ok('2026-11-20'));
  });

  it('reads dates without a year in the year of today', () => {
    expect(parseDateWord('11月20日', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('3月8日', today)).toEqual(ok('2026-03-08'));
    expect(parseDateWord('11-20', today)).toEqual(ok('2026-11-20'));
    expect(parseDateWord('1-5', today)).toEqual(ok('2026-01-05'));
  });

  it('handles Feb 29 by year', () => {
    expect(parseDateWord('2024-02-29', today)).toEqual(ok('2024-02-29'));
    expect(parseDateWord('2026-02-29', today)).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateWord('2月29日', today)).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateWord('2月29日', '2024-12-01')).toEqual(ok('2024-02-29'));
  });

  it('reports impossible dates', () => {
    expect(parseDateWord('2026-02-30', today)).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateWord('2026-13-01', today)).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateWord('20260230', today)).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateWord('4月31日', today)).toEqual({ ok: false, reason: 'impossible' });
    expect(parseDateWord('0000-01-01', today)).toEqual({ ok: false, reason: 'impossible' });
  });

  it('reports future dates', () => {
    expect(parseDateWord('2026-11-21', today)).toEqual({ ok: false, reason: 'future' });
    expect(parseDateWord('12月1日', today)).toEqual({ ok: false, reason: 'future' });
    expect(parseDateWord('2027年1月1日', today)).toEqual({ ok: false, reason: 'future' });
  });

  it('throws on a bad today (a caller bug)', () => {
    expect(() => parseDateWord('昨天', '2026-02-30')).toThrow(RangeError);
    expect(() => parseDateWord('11-20', '')).toThrow(RangeError);
  });

  it('reports other text as format', () => {
    for (const text of ['', '明天后', 'tomorrow', '张三', '2026-11', '2026-11.20', '2026/11-20', '11.20', '500', '2026112', '67891234', 'constructor']) {
      expect(parseDateWord(text, today)).toEqual({ ok: false, reason: 'format' });
    }
  });
});

describe('looksLikeDate', () => {
  it('is true for every accepted shape, even impossible dates', () => {
    for (const token of ['今天', '昨日', 'Yesterday', '前天', '2026-11-20', '2026-1-5', '2026/11/20', '2026.11.20',
      '2026年11月20日', '11月20日', '11-20', '20261120', '2026-02-30', '13-45', '20260231']) {
      expect(looksLikeDate(token), token).toBe(true);
    }
  });

  it('is false for other words and numbers', () => {
    // 8-digit landline numbers and amounts must not pass for compact dates.
    for (const token of ['张三', '500', '500元', '13812341234', '67891234', '20000000', '20261320', '11.20', 'zs', '', 'toString']) {
      expect(looksLikeDate(token), token).toBe(false);
    }
  });
});

describe('ageOn', () => {
  it('counts whole years', () => {
    expect(ageOn('1950-06-15', '2026-06-14')).toBe(75);
    expect(ageOn('1950-06-15', '2026-06-15')).toBe(76);
    expect(ageOn('1950-06-15', '2026-12-31')).toBe(76);
    expect(ageOn('2026-01-01', '2026-01-01')).toBe(0);
  });

  it('ages a Feb 29 birthday on Mar 1 in non-leap years', () => {
    expect(ageOn('1960-02-29', '2026-02-28')).toBe(65);
    expect(ageOn('1960-02-29', '2026-03-01')).toBe(66);
    expect(ageOn('1960-02-29', '2028-02-29')).toBe(68);
  });

  it('refuses bad dates', () => {
    expect(() => ageOn('1960-02-30', '2026-01-01')).toThrow(RangeError);
    expect(() => ageOn('1960-01-01', 'today')).toThrow(RangeError);
  });
});

describe('yearWord and takeYear', () => {
  it('reads a year as typed, with 年 or full-width digits', () => {
    expect(yearWord('2026')).toBe(2026);
    expect(yearWord('2027年')).toBe(2027);
    expect(yearWord('２０２６')).toBe(2026);
  });

  it('takes no other word for a year', () => {
    for (const word of ['1999', '2026-01-01', '26', '20260', '第2026', '']) expect(yearWord(word)).toBeNull();
  });

  it('takes the first year out of the words and leaves the rest in order', () => {
    expect(takeYear(['全部', '2026年', 'PB1', '2027'])).toEqual({ year: 2026, rest: ['全部', 'PB1', '2027'] });
    expect(takeYear(['张三', 'PB1'])).toEqual({ year: null, rest: ['张三', 'PB1'] });
  });
});

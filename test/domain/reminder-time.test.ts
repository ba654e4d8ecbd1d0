import { describe, it, expect } from 'vitest';
import {
  parseReminder,
  REMINDER_MAX_COUNT,
  REMINDER_TEXT_MAX,
  type ParsedReminder,
} from '../../src/domain/reminder-time.ts';
import { wallClock } from '../../src/domain/zoned-time.ts';

const ZONE = 'Asia/Shanghai';
/** Saturday 2026-11-28, 09:00 in Shanghai. */
const SAT_9 = new Date('2026-11-28T01:00:00Z');
const DAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** What the bot would confirm: `2026-12-01 周二 14:30`, with `:SS` when the seconds are not zero. */
function shown(at: Date, zone = ZONE): string {
  const w = wallClock(at, zone);
  const seconds = w.seconds ? `:${String(w.seconds).padStart(2, '0')}` : '';
  return `${w.date} ${DAYS[w.weekday]} ${w.time}${seconds}`;
}

/** Parses a line that must be accepted and returns the reminder. */
function accepted(input: string, now = SAT_9, zone = ZONE): Extract<ParsedReminder, { ok: true }> {
  const r = parseReminder(input, now, zone);
  if (!r.ok) throw new Error(`"${input}" refused: ${r.code} ${JSON.stringify(r.params)}`);
  return r;
}

/** When a line accepted at `now` fires first, as the confirmation shows it. */
const firstOf = (input: string, now = SAT_9, zone = ZONE) => shown(accepted(input, now, zone).first, zone);

const refused = (code: string, params: Record<string, string | number> = {}) => ({ ok: false, code, params });

describe('parseReminder: one-off reminders on a named day', () => {
  it('reads 今天, 明天, 后天 and 大后天 with a time, and the text after it', () => {
    expect(accepted('明天 9:00 给张三打电话')).toEqual({
      ok: true,
      rule: { kind: 'once', at: new Date('2026-11-29T01:00:00Z') },
      text: '给张三打电话',
      first: new Date('2026-11-29T01:00:00Z'),
    });
    expect(firstOf('今天 18:00 开会')).toBe('2026-11-28 周六 18:00');
    expect(firstOf('后天 8:30 慰问')).toBe('2026-11-30 周一 08:30');
    expect(firstOf('大后天 8:30 慰问')).toBe('2026-12-01 周二 08:30');
    expect(firstOf('明日 7:05 慰问')).toBe('2026-11-29 周日 07:05');
  });

  it('crosses month and year ends', () => {
    const dec31 = new Date('2026-12-31T02:00:00Z'); // 10:00 in Shanghai
    expect(firstOf('明天 9:00 新年慰问', dec31)).toBe('2027-01-01 周五 09:00');
    expect(firstOf('后天 9:00 x', new Date('2026-11-29T02:00:00Z'))).toBe('2026-12-01 周二 09:00');
    // 23:30 on 28 Feb 2028 (a leap year): tomorrow is the 29th.
    expect(firstOf('明天 9:00 x', new Date('2028-02-28T15:30:00Z'))).toBe('2028-02-29 周二 09:00');
  });

  it('uses the office zone for "today", not UTC: 01:30 in Shanghai is still the UTC day before', () => {
    const early = new Date('2026-11-27T17:30:00Z'); // 2026-11-28 01:30 in Shanghai
    expect(firstOf('今天 20:00 x', early)).toBe('2026-11-28 周六 20:00');
    expect(firstOf('今天 20:00 x', early, 'UTC')).toBe('2026-11-27 周五 20:00');
  });
});

describe('parseReminder: one-off reminders on a date', () => {
  it('reads a full date in every accepted shape', () => {
    for (const date of ['2026-12-01', '2026-12-1', '2026/12/1', '2026.12.01', '2026年12月1日', '2026年12月1号', '２０２６－１２－０１']) {
      const r = accepted(`${date} 14:30 慰问金到账核对`);
      expect(shown(r.first)).toBe('2026-12-01 周二 14:30');
      expect(r.text).toBe('慰问金到账核对');
    }
    expect(firstOf('2026-11-30 23:59 月底核对')).toBe('2026-11-30 周一 23:59');
  });

  it('reads the leap day of a leap year', () => {
    expect(firstOf('2028-02-29 9:00 闰日慰问')).toBe('2028-02-29 周二 09:00');
  });

  it('reads a date without a year as its next occurrence', () => {
    for (const date of ['12-01', '12/1', '12月1日', '12月1号', '12月1']) {
      expect(firstOf(`${date} 9:00 x`)).toBe('2026-12-01 周二 09:00');
    }
    expect(firstOf('1月5日 9:00 x')).toBe('2027-01-05 周二 09:00'); // already gone this year
    expect(firstOf('11月28日 10:00 x')).toBe('2026-11-28 周六 10:00'); // today, still ahead
    // 29 February: the next one is 2028's when the coming February is a leap one, else refused.
    expect(firstOf('2月29日 9:00 x', new Date('2027-03-01T01:00:00Z'))).toBe('2028-02-29 周二 09:00');
    expect(parseReminder('2月29日 9:00 x', SAT_9, ZONE)).toEqual(refused('invalid_date', { value: '2月29日' }));
  });

  it('refuses a date without a year whose day is today but whose time has passed (no silent year jump)', () => {
    expect(parseReminder('11月28日 8:00 x', SAT_9, ZONE)).toEqual(refused('past', { date: '2026-11-28', time: '08:00' }));
  });
});

describe('parseReminder: counted from now', () => {
  const now = new Date('2026-11-28T01:00:17.250Z'); // 09:00:17.250 in Shanghai

  it('adds minutes and hours exactly, to the second', () => {
    const r = accepted('30分钟后 回电话', now);
    expect(r.rule).toEqual({ kind: 'once', at: new Date('2026-11-28T01:30:17.250Z') });
    expect(r.first).toEqual(new Date('2026-11-28T01:30:17.250Z'));
    expect(r.text).toBe('回电话');
    expect(shown(r.first)).toBe('2026-11-28 周六 09:30:17');
    expect(accepted('1分钟后 回电话', now).first).toEqual(new Date('2026-11-28T01:01:17.250Z'));
    expect(accepted('2小时后 x', now).first).toEqual(new Date('2026-11-28T03:00:17.250Z'));
    expect(accepted('2个小时后 x', now).first).toEqual(new Date('2026-11-28T03:00:17.250Z'));
    expect(accepted('90 分钟以后 x', now).first).toEqual(new Date('2026-11-28T02:30:17.250Z'));
    expect(accepted('15分钟后回电话', now).text).toBe('回电话');
  });

  it('reads N天后 as the same clock time N days on, or the time given', () => {
    expect(firstOf('3天后 复诊', now)).toBe('2026-12-01 周二 09:00:17');
    expect(firstOf('3天后 9:00 复诊', now)).toBe('2026-12-01 周二 09:00');
    expect(firstOf('3天后 8:00 复诊', now)).toBe('2026-12-01 周二 08:00');
    expect(firstOf('3天后9点复诊', now)).toBe('2026-12-01 周二 09:00');
    expect(firstOf('730天后 x', now)).toBe('2028-11-27 周一 09:00:17');
  });

  it('keeps "N hours" an exact span across a daylight-saving change, but "N days" the clock time', () => {
    const berlin = 'Europe/Berlin';
    const sat = new Date('2026-03-28T11:00:00Z'); // 12:00 CET, the day before clocks go forward
    expect(firstOf('24小时后 x', sat, berlin)).toBe('2026-03-29 周日 13:00');
    expect(firstOf('1天后 x', sat, berlin)).toBe('2026-03-29 周日 12:00');
  });
});

describe('parseReminder: weekdays', () => {
  it('reads 周五, 星期五 and 礼拜五 as the coming Friday', () => {
    for (const day of ['周五', '星期五', '礼拜五']) expect(firstOf(`${day} 10:00 x`)).toBe('2026-12-04 周五 10:00');
  });

  it('reads Sunday as 日 or 天', () => {
    for (const day of ['周日', '周天', '星期日', '星期天', '礼拜天']) expect(firstOf(`${day} 10:00 x`)).toBe('2026-11-29 周日 10:00');
  });

  it('means today when today is that weekday and the time is still ahead, else next week', () => {
    expect(firstOf('周六 10:00 x')).toBe('2026-11-28 周六 10:00');
    expect(firstOf('周六 8:00 x')).toBe('2026-12-05 周六 08:00');
    expect(firstOf('周六 9:00 x')).toBe('2026-12-05 周六 09:00'); // exactly now is no longer ahead
  });

  it('reads 下周X as that day of next week (weeks start on Monday)', () => {
    expect(firstOf('下周一 9:00 x')).toBe('2026-11-30 周一 09:00');
    expect(firstOf('下周六 9:00 x')).toBe('2026-12-05 周六 09:00');
    expect(firstOf('下星期三 9:00 x')).toBe('2026-12-02 周三 09:00');
  });
});

describe('parseReminder: a bare time', () => {
  it('means today if still ahead, else tomorrow', () => {
    expect(firstOf('10:00 x')).toBe('2026-11-28 周六 10:00');
    expect(firstOf('8:00 x')).toBe('2026-11-29 周日 08:00');
    expect(firstOf('9:00 x')).toBe('2026-11-29 周日 09:00'); // exactly now: passed
    expect(firstOf('9:01 x')).toBe('2026-11-28 周六 09:01');
  });

  it('rolls over the end of a month late in the evening', () => {
    const late = new Date('2026-11-30T15:30:00Z'); // 23:30 on 30 Nov in Shanghai
    expect(firstOf('8:00 x', late)).toBe('2026-12-01 周二 08:00');
    expect(firstOf('23:45 x', late)).toBe('2026-11-30 周一 23:45');
  });
});

describe('parseReminder: ways of writing the time', () => {
  it('accepts digits, 点, 半, 分, leading zeros and full-width forms', () => {
    const cases: [string, string][] = [
      ['9:00', '09:00'], ['09:00', '09:00'], ['9点', '09:00'], ['9点钟', '09:00'], ['9点半', '09:30'],
      ['9点30分', '09:30'], ['9点5分', '09:05'], ['9点30', '09:30'], ['９：００', '09:00'], ['9：00', '09:00'],
      ['0:00', '00:00'], ['23:59', '23:59'],
    ];
    for (const [typed, time] of cases) expect(firstOf(`明天 ${typed} x`)).toBe(`2026-11-29 周日 ${time}`);
  });

  it('accepts a part of the day before the hour', () => {
    const cases: [string, string][] = [
      ['下午3点', '15:00'], ['下午 3:30', '15:30'], ['下午15:00', '15:00'], ['晚上8点半', '20:30'], ['傍晚6点', '18:00'],
      ['上午11点', '11:00'], ['早上7点', '07:00'], ['凌晨2点', '02:00'], ['中午12点', '12:00'], ['中午1点', '13:00'],
      ['下午12点', '12:00'],
    ];
    for (const [typed, time] of cases) expect(firstOf(`明天${typed} x`)).toBe(`2026-11-29 周日 ${time}`);
  });

  it('needs no spaces and drops punctuation between time and text', () => {
    expect(accepted('明天9点给张三打电话').text).toBe('给张三打电话');
    expect(accepted('明天 9:00，给张三打电话').text).toBe('给张三打电话');
    expect(accepted('明天 9:00：给张三打电话').text).toBe('给张三打电话');
    expect(accepted('　明天　9:00　给张三打电话　').text).toBe('给张三打电话'); // ideographic spaces
  });

  it('keeps the text exactly as typed, full-width characters included', () => {
    expect(accepted('明天 9:00 给张三（１号楼）打电话 2次').text).toBe('给张三（１号楼）打电话 2次');
    expect(accepted('９：００ 核对：１２月慰问金').text).toBe('核对：１２月慰问金');
  });
});

describe('parseReminder: recurring reminders', () => {
  it('reads 每天 and 每日', () => {
    const r = accepted('每天 8:00 查看今日待办');
    expect(r.rule).toEqual({ kind: 'daily', time: '08:00' });
    expect(r.text).toBe('查看今日待办');
    expect(shown(r.first)).toBe('2026-11-29 周日 08:00'); // 08:00 today has passed
    expect(firstOf('每日 10:00 x')).toBe('2026-11-28 周六 10:00');
  });

  it('reads 每周X with Sunday as 日 or 天', () => {
    expect(accepted('每周一 9:00 例会').rule).toEqual({ kind: 'weekly', weekday: 1, time: '09:00' });
    expect(firstOf('每周一 9:00 例会')).toBe('2026-11-30 周一 09:00');
    for (const day of ['每周日', '每周天', '每星期天', '每礼拜日']) {
      expect(accepted(`${day} 9:00 x`).rule).toEqual({ kind: 'weekly', weekday: 7, time: '09:00' });
    }
    expect(firstOf('每周六 10:00 x')).toBe('2026-11-28 周六 10:00');
    expect(firstOf('每周六 9:00 x')).toBe('2026-12-05 周六 09:00');
  });

  it('reads 每月N日 and 每月N号; a day past the month end fires on its last day', () => {
    expect(accepted('每月1日 9:00 发放补贴').rule).toEqual({ kind: 'monthly', day: 1, time: '09:00' });
    expect(accepted('每月1号 9:00 发放补贴').rule).toEqual({ kind: 'monthly', day: 1, time: '09:00' });
    expect(firstOf('每月1日 9:00 x')).toBe('2026-12-01 周二 09:00');
    expect(firstOf('每月28日 10:00 x')).toBe('2026-11-28 周六 10:00');
    expect(accepted('每月31日 9:00 月底核对').rule).toEqual({ kind: 'monthly', day: 31, time: '09:00' });
    expect(firstOf('每月31日 9:00 x')).toBe('2026-11-30 周一 09:00'); // November has 30 days
  });
});

describe('parseReminder: refusals, each with a code and what the answer needs', () => {
  it('no_time: nothing that says when, or a day without a time', () => {
    expect(parseReminder('', SAT_9, ZONE)).toEqual(refused('no_time'));
    expect(parseReminder('给张三打电话', SAT_9, ZONE)).toEqual(refused('no_time'));
    expect(parseReminder('明天', SAT_9, ZONE)).toEqual(refused('no_time', { day: '明天' }));
    expect(parseReminder('明天 给张三打电话', SAT_9, ZONE)).toEqual(refused('no_time', { day: '明天' }));
    expect(parseReminder('明天下午 开会', SAT_9, ZONE)).toEqual(refused('no_time', { day: '明天' }));
    expect(parseReminder('周五 开会', SAT_9, ZONE)).toEqual(refused('no_time', { day: '周五' }));
    expect(parseReminder('2026-12-01 核对', SAT_9, ZONE)).toEqual(refused('no_time', { day: '2026-12-01' }));
    expect(parseReminder('每天 给张三打电话', SAT_9, ZONE)).toEqual(refused('no_time', { day: '每天' }));
    expect(parseReminder('每周一 例会', SAT_9, ZONE)).toEqual(refused('no_time', { day: '每周一' }));
  });

  it('no_text: a time and nothing to remind of', () => {
    for (const input of ['明天 9:00', '明天 9:00   ', '30分钟后', '每天 8:00 ，', '9点半']) {
      expect(parseReminder(input, SAT_9, ZONE)).toEqual(refused('no_text'));
    }
  });

  it('invalid_time: a time that does not exist', () => {
    const cases: [string, string][] = [
      ['25:00 x', '25:00'], ['9:60 x', '9:60'], ['24:00 x', '24:00'], ['9:5 x', '9:5'], ['123:00 x', '123:00'],
      ['明天 25:00 x', '25:00'], ['明天 25点 x', '25点'], ['每天 9:75 x', '9:75'], ['3天后 25:00 x', '25:00'],
      ['明天 晚上12点 x', '晚上12点'], ['明天上午15点 x', '上午15点'],
    ];
    for (const [input, value] of cases) expect(parseReminder(input, SAT_9, ZONE)).toEqual(refused('invalid_time', { value }));
  });

  it('invalid_date: a day that does not exist', () => {
    const cases: [string, string][] = [
      ['2026-02-30 9:00 x', '2026-02-30'], ['2026-13-01 9:00 x', '2026-13-01'], ['2027-02-29 9:00 x', '2027-02-29'],
      ['4月31日 9:00 x', '4月31日'], ['13月1日 9:00 x', '13月1日'], ['每月32日 9:00 x', '每月32日'], ['每月0号 9:00 x', '每月0号'],
    ];
    for (const [input, value] of cases) expect(parseReminder(input, SAT_9, ZONE)).toEqual(refused('invalid_date', { value }));
  });

  it('past: a moment already gone, even today', () => {
    expect(parseReminder('2020-01-01 9:00 x', SAT_9, ZONE)).toEqual(refused('past', { date: '2020-01-01', time: '09:00' }));
    expect(parseReminder('今天 8:00 x', SAT_9, ZONE)).toEqual(refused('past', { date: '2026-11-28', time: '08:00' }));
    expect(parseReminder('2026-11-28 8:59 x', SAT_9, ZONE)).toEqual(refused('past', { date: '2026-11-28', time: '08:59' }));
    expect(parseReminder('2026-11-28 9:00 x', SAT_9, ZONE)).toEqual(refused('past', { date: '2026-11-28', time: '09:00' }));
  });

  it(`too_far: more than 2 years ahead`, () => {
    expect(firstOf('2028-11-28 23:59 x')).toBe('2028-11-28 周二 23:59');
    expect(parseReminder('2028-11-29 0:00 x', SAT_9, ZONE)).toEqual(refused('too_far', { maxYears: 2, lastDate: '2028-11-28' }));
    expect(parseReminder('2099-01-01 9:00 x', SAT_9, ZONE)).toEqual(refused('too_far', { maxYears: 2, lastDate: '2028-11-28' }));
    // From a leap day the limit is the 28th of February two years on.
    const leap = new Date('2028-02-29T01:00:00Z');
    expect(parseReminder('2030-03-01 9:00 x', leap, ZONE)).toEqual(refused('too_far', { maxYears: 2, lastDate: '2030-02-28' }));
  });

  it('out_of_range: N below 1 or past its limit', () => {
    const { minutes, hours, days } = REMINDER_MAX_COUNT;
    const cases: [string, string, number][] = [
      ['0分钟后 x', 'minutes', minutes], ['100000天后 x', 'days', days], ['731天后 x', 'days', days],
      ['0天后 x', 'days', days], [`${hours + 1}小时后 x`, 'hours', hours], [`${minutes + 1}分钟后 x`, 'minutes', minutes],
      ['99999999999999999999分钟后 x', 'minutes', minutes],
    ];
    for (const [input, unit, max] of cases) {
      const value = input.slice(0, input.search(/[^\d]/));
      expect(parseReminder(input, SAT_9, ZONE)).toEqual(refused('out_of_range', { value, unit, min: 1, max }));
    }
    expect(days).toBe(730);
    expect(accepted(`${minutes}分钟后 x`).first).toEqual(new Date(SAT_9.getTime() + minutes * 60_000));
  });

  it('text_too_long: over 500 characters, counted as characters, not UTF-16 units', () => {
    expect(REMINDER_TEXT_MAX).toBe(500);
    expect(accepted(`明天 9:00 ${'慰'.repeat(500)}`).text).toHaveLength(500);
    expect(accepted(`明天 9:00 ${'🎉'.repeat(500)}`).text).toHaveLength(1000); // 500 characters, 1000 units
    expect(parseReminder(`明天 9:00 ${'慰'.repeat(501)}`, SAT_9, ZONE)).toEqual(refused('text_too_long', { max: 500, length: 501 }));
    expect(parseReminder(`明天 9:00 ${'x'.repeat(2000)}`, SAT_9, ZONE)).toEqual(refused('text_too_long', { max: 500, length: 2000 }));
  });

  it('throws on an invalid now or zone: the caller bugs, not the user typing', () => {
    expect(() => parseReminder('明天 9:00 x', new Date(NaN), ZONE)).toThrow(RangeError);
    expect(() => parseReminder('明天 9:00 x', SAT_9, 'Mars/Olympus')).toThrow(RangeError);
  });
});

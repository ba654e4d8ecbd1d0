import { describe, it, expect } from 'vitest';
import { readClockTime, toAsciiDigits } from '../../src/domain/clock-time.ts';

describe('readClockTime', () => {
  it('reads a time at a position and says where it ends', () => {
    expect(readClockTime('明天 9:00 给张三', 2)).toEqual({ ok: true, time: '09:00', end: 7 });
    expect(readClockTime('明天9点半给张三', 2)).toEqual({ ok: true, time: '09:30', end: 5 });
    expect(readClockTime('下午3点', 0)).toEqual({ ok: true, time: '15:00', end: 4 });
  });

  it('gives null where no time starts, and the typed value for a wrong one', () => {
    expect(readClockTime('明天 给张三', 2)).toBeNull();
    expect(readClockTime('30分钟后', 0)).toBeNull();
    expect(readClockTime(' 25:00 x', 0)).toEqual({ ok: false, value: '25:00', end: 6 });
  });
});

describe('toAsciiDigits', () => {
  it('turns full-width digits and separators into ASCII, one character for one', () => {
    const typed = '２０２６／１２－０１　９：００．核对（一）';
    const ascii = toAsciiDigits(typed);
    expect(ascii).toBe('2026/12-01 9:00.核对（一）');
    expect(ascii).toHaveLength(typed.length);
  });
});

import { describe, it, expect } from 'vitest';
import { nextOccurrence, type ReminderRule } from '../../src/domain/reminder-rule.ts';
import { wallClock, zonedInstant } from '../../src/domain/zoned-time.ts';

const ZONE = 'Asia/Shanghai';
/** An instant from Shanghai wall-clock time: `sh('2026-11-28 09:00')`. */
const sh = (s: string) => zonedInstant(s.slice(0, 10), s.slice(11), ZONE);
/** Shanghai wall-clock time of an instant, `YYYY-MM-DD HH:MM`. */
const shown = (at: Date | null, zone = ZONE) => (at ? `${wallClock(at, zone).date} ${wallClock(at, zone).time}` : null);

/** The first `n` firings of a rule after `from`, each found from the one before. */
function firings(rule: ReminderRule, from: Date, n: number, zone = ZONE): string[] {
  const out: string[] = [];
  let after = from;
  for (let i = 0; i < n; i++) {
    const next = nextOccurrence(rule, after, zone);
    if (!next) break;
    out.push(shown(next, zone)!);
    after = next;
  }
  return out;
}

describe('nextOccurrence: one-off', () => {
  const rule: ReminderRule = { kind: 'once', at: sh('2026-12-01 14:30') };

  it('gives its instant while it is ahead, then nothing', () => {
    expect(nextOccurrence(rule, sh('2026-11-28 09:00'), ZONE)).toEqual(sh('2026-12-01 14:30'));
    expect(nextOccurrence(rule, sh('2026-12-01 14:30'), ZONE)).toBeNull(); // strictly after
    expect(nextOccurrence(rule, sh('2026-12-02 00:00'), ZONE)).toBeNull();
  });

  it('returns a copy, so a caller cannot change the rule through it', () => {
    const next = nextOccurrence(rule, sh('2026-11-28 09:00'), ZONE)!;
    next.setTime(0);
    expect(rule.at).toEqual(sh('2026-12-01 14:30'));
  });
});

describe('nextOccurrence: daily', () => {
  const rule: ReminderRule = { kind: 'daily', time: '08:00' };

  it('fires today while the time is ahead, otherwise tomorrow', () => {
    expect(shown(nextOccurrence(rule, sh('2026-11-28 07:59'), ZONE))).toBe('2026-11-28 08:00');
    expect(shown(nextOccurrence(rule, sh('2026-11-28 08:00'), ZONE))).toBe('2026-11-29 08:00');
    expect(shown(nextOccurrence(rule, sh('2026-11-28 23:59'), ZONE))).toBe('2026-11-29 08:00');
  });

  it('steps over month and year ends in the office zone, whatever the UTC date', () => {
    expect(firings(rule, sh('2026-12-30 12:00'), 3)).toEqual(['2026-12-31 08:00', '2027-01-01 08:00', '2027-01-02 08:00']);
    // 00:30 on 1 Jan in Shanghai is still 31 Dec in UTC: the 08:00 of 1 Jan is next, not skipped.
    expect(shown(nextOccurrence(rule, sh('2027-01-01 00:30'), ZONE))).toBe('2027-01-01 08:00');
  });
});

describe('nextOccurrence: weekly', () => {
  const monday: ReminderRule = { kind: 'weekly', weekday: 1, time: '09:00' };

  it('fires on that weekday, today if it is that day and the time is ahead', () => {
    expect(shown(nextOccurrence(monday, sh('2026-11-28 09:00'), ZONE))).toBe('2026-11-30 09:00'); // Saturday
    expect(shown(nextOccurrence(monday, sh('2026-11-30 08:59'), ZONE))).toBe('2026-11-30 09:00'); // Monday, before
    expect(shown(nextOccurrence(monday, sh('2026-11-30 09:00'), ZONE))).toBe('2026-12-07 09:00'); // Monday, at/after
    expect(shown(nextOccurrence(monday, sh('2026-11-30 18:00'), ZONE))).toBe('2026-12-07 09:00');
  });

  it('treats 7 as Sunday', () => {
    const sunday: ReminderRule = { kind: 'weekly', weekday: 7, time: '10:00' };
    expect(firings(sunday, sh('2026-12-25 00:00'), 2)).toEqual(['2026-12-27 10:00', '2027-01-03 10:00']);
  });
});

describe('nextOccurrence: monthly', () => {
  it('fires on the day each month', () => {
    const first: ReminderRule = { kind: 'monthly', day: 1, time: '09:00' };
    expect(firings(first, sh('2026-11-28 09:00'), 3)).toEqual(['2026-12-01 09:00', '2027-01-01 09:00', '2027-02-01 09:00']);
    expect(shown(nextOccurrence(first, sh('2026-12-01 08:00'), ZONE))).toBe('2026-12-01 09:00');
  });

  it('on the 31st fires on the last day of shorter months: February of a non-leap year, April', () => {
    const rule: ReminderRule = { kind: 'monthly', day: 31, time: '09:00' };
    expect(firings(rule, sh('2027-01-01 00:00'), 6)).toEqual([
      '2027-01-31 09:00', '2027-02-28 09:00', '2027-03-31 09:00', '2027-04-30 09:00', '2027-05-31 09:00', '2027-06-30 09:00',
    ]);
  });

  it('on the 31st fires on 29 February in a leap year', () => {
    const rule: ReminderRule = { kind: 'monthly', day: 31, time: '09:00' };
    expect(firings(rule, sh('2028-01-31 10:00'), 3)).toEqual(['2028-02-29 09:00', '2028-03-31 09:00', '2028-04-30 09:00']);
  });

  it('on the 29th and 30th fires on the last day of February only when February is shorter', () => {
    const on29: ReminderRule = { kind: 'monthly', day: 29, time: '09:00' };
    const on30: ReminderRule = { kind: 'monthly', day: 30, time: '09:00' };
    expect(firings(on29, sh('2027-01-30 00:00'), 2)).toEqual(['2027-02-28 09:00', '2027-03-29 09:00']);
    expect(firings(on29, sh('2028-01-30 00:00'), 2)).toEqual(['2028-02-29 09:00', '2028-03-29 09:00']);
    expect(firings(on30, sh('2028-01-31 00:00'), 2)).toEqual(['2028-02-29 09:00', '2028-03-30 09:00']);
  });

  it('never fires twice in one month, even after firing on a clamped day', () => {
    const rule: ReminderRule = { kind: 'monthly', day: 31, time: '09:00' };
    const months = firings(rule, sh('2026-12-01 00:00'), 24).map((s) => s.slice(0, 7));
    expect(new Set(months).size).toBe(24);
  });
});

describe('nextOccurrence: daylight saving (Europe/Berlin)', () => {
  const BERLIN = 'Europe/Berlin';
  const daily230: ReminderRule = { kind: 'daily', time: '02:30' };

  it('a daily 02:30 on the spring-forward day (29 March 2026, no 02:30) fires at 03:30 summer time', () => {
    const next = nextOccurrence(daily230, new Date('2026-03-28T12:00:00Z'), BERLIN);
    expect(next).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(shown(next, BERLIN)).toBe('2026-03-29 03:30');
    // …and the day after at 02:30 again.
    expect(shown(nextOccurrence(daily230, next!, BERLIN), BERLIN)).toBe('2026-03-30 02:30');
  });

  it('a daily 02:30 on the fall-back day (25 October 2026, 02:30 twice) fires once, at the first', () => {
    const next = nextOccurrence(daily230, new Date('2026-10-24T12:00:00Z'), BERLIN);
    expect(next).toEqual(new Date('2026-10-25T00:30:00Z')); // 02:30 CEST
    expect(nextOccurrence(daily230, next!, BERLIN)).toEqual(new Date('2026-10-26T01:30:00Z')); // next day, 02:30 CET
  });

  it('keeps 08:00 on the wall clock across the change', () => {
    expect(firings({ kind: 'daily', time: '08:00' }, new Date('2026-03-28T00:00:00Z'), 3, BERLIN)).toEqual([
      '2026-03-28 08:00', '2026-03-29 08:00', '2026-03-30 08:00',
    ]);
  });
});

describe('nextOccurrence: malformed rules', () => {
  it('throws rather than loop or guess', () => {
    const after = sh('2026-11-28 09:00');
    expect(() => nextOccurrence({ kind: 'daily', time: '8:00' }, after, ZONE)).toThrow(RangeError);
    expect(() => nextOccurrence({ kind: 'daily', time: '25:00' }, after, ZONE)).toThrow(RangeError);
    expect(() => nextOccurrence({ kind: 'weekly', weekday: 0, time: '09:00' }, after, ZONE)).toThrow(RangeError);
    expect(() => nextOccurrence({ kind: 'weekly', weekday: 8, time: '09:00' }, after, ZONE)).toThrow(RangeError);
    expect(() => nextOccurrence({ kind: 'monthly', day: 32, time: '09:00' }, after, ZONE)).toThrow(RangeError);
    expect(() => nextOccurrence({ kind: 'monthly', day: 0, time: '09:00' }, after, ZONE)).toThrow(RangeError);
  });
});

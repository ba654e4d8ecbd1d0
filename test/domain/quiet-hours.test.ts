import { afterEach, describe, it, expect } from 'vitest';
import { isQuiet, outOfQuietHours, parseQuietHours, type QuietHours } from '../../src/domain/quiet-hours.ts';
import { wallClock, zonedInstant } from '../../src/domain/zoned-time.ts';

const NIGHT: QuietHours = { start: '21:00', end: '08:00' };
const NOON: QuietHours = { start: '12:00', end: '14:00' };

/** The office clock as staff read it, `YYYY-MM-DD HH:MM`. */
const shown = (at: Date, zone: string) => {
  const w = wallClock(at, zone);
  return `${w.date} ${w.time}`;
};
/** An instant from the office clock, `YYYY-MM-DD HH:MM`. */
const at = (dateTime: string, zone: string) => zonedInstant(dateTime.slice(0, 10), dateTime.slice(11), zone);

describe('parseQuietHours', () => {
  it.each([
    ['21:00-08:00', { start: '21:00', end: '08:00' }],
    ['21:00–08:00', { start: '21:00', end: '08:00' }],
    ['21:00—08:00', { start: '21:00', end: '08:00' }],
    ['21:00~08:00', { start: '21:00', end: '08:00' }],
    ['21:00～08:00', { start: '21:00', end: '08:00' }],
    ['21:00 至 08:00', { start: '21:00', end: '08:00' }],
    ['  21:00 - 8:00  ', { start: '21:00', end: '08:00' }],
    ['２１：００－０８：００', { start: '21:00', end: '08:00' }],
    ['12:00-14:00', { start: '12:00', end: '14:00' }],
    ['9:00-8:00', { start: '09:00', end: '08:00' }],
    ['0:00-6:30', { start: '00:00', end: '06:30' }],
    ['22:30-23:59', { start: '22:30', end: '23:59' }],
  ])('reads %j', (text, quiet) => {
    expect(parseQuietHours(text)).toEqual({ ok: true, quiet });
  });

  it.each(['', '   ', 'off', 'OFF', ' none ', '无', '关闭'])('reads %j as no quiet hours', (text) => {
    expect(parseQuietHours(text)).toEqual({ ok: true, quiet: null });
  });

  it.each([
    ['21:00', 'format'],
    ['晚上9点到早上8点', 'format'],
    ['21:00-08:00-09:00', 'format'],
    ['21-8', 'format'],
    ['yes', 'format'],
    ['24:00-08:00', 'invalid_time'],
    ['21:00-08:60', 'invalid_time'],
    ['21:0-08:00', 'invalid_time'],
    ['021:00-08:00', 'invalid_time'],
    ['21:00-21:00', 'empty_window'],
    ['8:00-08:00', 'empty_window'],
  ])('refuses %j as %s', (text, problem) => {
    const r = parseQuietHours(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problem).toBe(problem);
  });

  it('names the wrong time', () => {
    expect(parseQuietHours('21:00-25:00')).toEqual({ ok: false, problem: 'invalid_time', value: '25:00' });
  });
});

// The server may run in any zone; the answers are about the office's clock and must not move.
describe.each(['UTC', 'Asia/Shanghai', 'America/Los_Angeles'])('quiet hours with the process in %s', (processZone) => {
  const saved = process.env.TZ;
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
  const inProcessZone = (run: () => void) => {
    process.env.TZ = processZone;
    run();
  };

  it('leaves an instant outside the window alone', () => {
    inProcessZone(() => {
      const zone = 'Asia/Shanghai';
      for (const t of ['2026-12-01 08:00', '2026-12-01 12:00', '2026-12-01 20:59']) {
        const instant = at(t, zone);
        expect(outOfQuietHours(instant, NIGHT, zone)).toEqual(instant);
        expect(isQuiet(instant, NIGHT, zone)).toBe(false);
      }
      const evening = new Date('2026-12-01T12:59:59.999Z'); // 20:59:59.999 in Shanghai
      expect(outOfQuietHours(evening, NIGHT, zone)).toEqual(evening);
      expect(outOfQuietHours(at('2026-12-01 23:00', zone), null, zone)).toEqual(at('2026-12-01 23:00', zone));
      expect(isQuiet(at('2026-12-01 23:00', zone), null, zone)).toBe(false);
    });
  });

  it('moves an instant in a window crossing midnight to its end, the same or the next local day (Shanghai)', () => {
    inProcessZone(() => {
      const zone = 'Asia/Shanghai';
      // 23:00 on 1 Dec in Shanghai is 15:00 UTC, still 1 Dec in UTC and in Los Angeles.
      expect(outOfQuietHours(new Date('2026-12-01T15:00:00Z'), NIGHT, zone)).toEqual(new Date('2026-12-02T00:00:00Z'));
      // 06:00 on 2 Dec in Shanghai is 22:00 UTC on 1 Dec: the end is 08:00 on 2 Dec, not 3 Dec.
      expect(outOfQuietHours(new Date('2026-12-01T22:00:00Z'), NIGHT, zone)).toEqual(new Date('2026-12-02T00:00:00Z'));
      expect(outOfQuietHours(new Date('2026-12-01T13:00:00Z'), NIGHT, zone)).toEqual(new Date('2026-12-02T00:00:00Z')); // 21:00 sharp
      expect(outOfQuietHours(new Date('2026-12-01T23:59:59.500Z'), NIGHT, zone)).toEqual(new Date('2026-12-02T00:00:00Z')); // 07:59:59.5
      expect(outOfQuietHours(new Date('2026-12-01T16:00:00Z'), NIGHT, zone)).toEqual(new Date('2026-12-02T00:00:00Z')); // midnight
      expect(shown(outOfQuietHours(at('2026-12-31 22:00', zone), NIGHT, zone), zone)).toBe('2027-01-01 08:00');
      expect(shown(outOfQuietHours(at('2028-02-28 23:30', zone), NIGHT, zone), zone)).toBe('2028-02-29 08:00');
      expect(isQuiet(new Date('2026-12-01T15:00:00Z'), NIGHT, zone)).toBe(true);
      expect(isQuiet(new Date('2026-12-02T00:00:00Z'), NIGHT, zone)).toBe(false);
    });
  });

  it('moves an instant in a daytime window to its end the same day', () => {
    inProcessZone(() => {
      const zone = 'Asia/Shanghai';
      expect(outOfQuietHours(at('2026-12-01 12:30', zone), NOON, zone)).toEqual(at('2026-12-01 14:00', zone));
      expect(outOfQuietHours(at('2026-12-01 12:00', zone), NOON, zone)).toEqual(at('2026-12-01 14:00', zone));
      expect(outOfQuietHours(at('2026-12-01 14:00', zone), NOON, zone)).toEqual(at('2026-12-01 14:00', zone));
      expect(outOfQuietHours(at('2026-12-01 11:59', zone), NOON, zone)).toEqual(at('2026-12-01 11:59', zone));
      expect(outOfQuietHours(at('2026-12-01 23:00', zone), NOON, zone)).toEqual(at('2026-12-01 23:00', zone));
    });
  });

  it('follows New York across the spring-forward night (14 March 2027, 02:00 EST → 03:00 EDT)', () => {
    inProcessZone(() => {
      const zone = 'America/New_York';
      // 22:00 EST on the 13th; the night is an hour short, and 08:00 EDT is 12:00 UTC, not 13:00.
      expect(outOfQuietHours(new Date('2027-03-14T03:00:00Z'), NIGHT, zone)).toEqual(new Date('2027-03-14T12:00:00Z'));
      expect(outOfQuietHours(new Date('2027-03-14T10:30:00Z'), NIGHT, zone)).toEqual(new Date('2027-03-14T12:00:00Z')); // 06:30 EDT
      // A window ending in the skipped hour: daytime begins at the jump, 03:00 EDT (07:00 UTC).
      const toHalfPastTwo = { start: '22:00', end: '02:30' };
      expect(outOfQuietHours(new Date('2027-03-14T04:00:00Z'), toHalfPastTwo, zone)).toEqual(new Date('2027-03-14T07:00:00Z'));
      expect(outOfQuietHours(new Date('2027-03-14T06:59:00Z'), toHalfPastTwo, zone)).toEqual(new Date('2027-03-14T07:00:00Z')); // 01:59 EST
      expect(isQuiet(new Date('2027-03-14T07:00:00Z'), toHalfPastTwo, zone)).toBe(false);
    });
  });

  it('follows New York across the fall-back night (7 November 2027, 02:00 EDT → 01:00 EST)', () => {
    inProcessZone(() => {
      const zone = 'America/New_York';
      // 22:00 EDT on the 6th; the night is an hour long, and 08:00 EST is 13:00 UTC.
      expect(outOfQuietHours(new Date('2027-11-07T02:00:00Z'), NIGHT, zone)).toEqual(new Date('2027-11-07T13:00:00Z'));
      // A window whose end, 01:30, happens twice: each pass through it ends at its own 01:30.
      const small = { start: '00:30', end: '01:30' };
      expect(outOfQuietHours(new Date('2027-11-07T05:15:00Z'), small, zone)).toEqual(new Date('2027-11-07T05:30:00Z')); // 01:15 EDT
      expect(outOfQuietHours(new Date('2027-11-07T05:45:00Z'), small, zone)).toEqual(new Date('2027-11-07T05:45:00Z')); // 01:45 EDT
      expect(outOfQuietHours(new Date('2027-11-07T06:15:00Z'), small, zone)).toEqual(new Date('2027-11-07T06:30:00Z')); // 01:15 EST
    });
  });
});

describe('outOfQuietHours through a year', () => {
  it('always gives the first instant at or after the given one that the clocks show as daytime', () => {
    const cases: Array<[string, QuietHours]> = [
      ['America/New_York', NIGHT],
      ['America/New_York', { start: '01:00', end: '02:30' }], // ends in the skipped hour, and in the repeated one
      ['Europe/Berlin', { start: '22:00', end: '02:15' }],
      ['Asia/Shanghai', NOON],
    ];
    const wrong: string[] = [];
    // Every 97 minutes through 2027, so the instants fall on all sorts of clock times.
    for (const [zone, quiet] of cases) {
      for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2028, 0, 1); t += 97 * 60_000) {
        const out = outOfQuietHours(new Date(t), quiet, zone).getTime();
        const ok =
          out >= t &&
          out - t <= 24 * 3_600_000 &&
          !isQuiet(new Date(out), quiet, zone) &&
          (out === t || isQuiet(new Date(out - 60_000), quiet, zone)); // nothing earlier would do
        if (!ok) wrong.push(`${zone} ${new Date(t).toISOString()} → ${new Date(out).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

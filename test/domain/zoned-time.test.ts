import { describe, it, expect } from 'vitest';
import { wallClock, zonedInstant } from '../../src/domain/zoned-time.ts';

describe('zonedInstant', () => {
  it('turns office wall-clock time into the instant, independent of the server zone', () => {
    expect(zonedInstant('2026-12-01', '14:30', 'Asia/Shanghai')).toEqual(new Date('2026-12-01T06:30:00Z'));
    expect(zonedInstant('2026-12-01', '14:30', 'UTC')).toEqual(new Date('2026-12-01T14:30:00Z'));
    expect(zonedInstant('2026-01-01', '00:00', 'Asia/Shanghai')).toEqual(new Date('2025-12-31T16:00:00Z'));
    expect(zonedInstant('2026-07-01', '09:00', 'America/New_York')).toEqual(new Date('2026-07-01T13:00:00Z'));
    expect(zonedInstant('2026-12-01', '09:00', 'America/New_York')).toEqual(new Date('2026-12-01T14:00:00Z'));
    expect(zonedInstant('2026-12-01', '09:00:17', 'Asia/Shanghai')).toEqual(new Date('2026-12-01T01:00:17Z'));
  });

  it('moves a time skipped by spring-forward on by the gap', () => {
    // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST.
    expect(zonedInstant('2026-03-29', '02:30', 'Europe/Berlin')).toEqual(new Date('2026-03-29T01:30:00Z'));
    expect(zonedInstant('2026-03-29', '01:59', 'Europe/Berlin')).toEqual(new Date('2026-03-29T00:59:00Z'));
    expect(zonedInstant('2026-03-29', '03:00', 'Europe/Berlin')).toEqual(new Date('2026-03-29T01:00:00Z'));
  });

  it('takes the earlier of a time repeated by fall-back', () => {
    // Berlin, 25 October 2026: 03:00 CEST goes back to 02:00 CET.
    expect(zonedInstant('2026-10-25', '02:30', 'Europe/Berlin')).toEqual(new Date('2026-10-25T00:30:00Z'));
    expect(zonedInstant('2026-10-25', '03:00', 'Europe/Berlin')).toEqual(new Date('2026-10-25T02:00:00Z'));
  });

  it('round-trips every hour of a year with a daylight-saving zone, except the skipped hour', () => {
    const zone = 'Europe/Berlin';
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const w = wallClock(new Date(t), zone);
      const back = zonedInstant(w.date, w.time, zone);
      // In the repeated hour two instants show the same clock; the earlier is chosen.
      const repeated = t === Date.UTC(2026, 9, 25, 1);
      expect(back.getTime()).toBe(repeated ? t - 3_600_000 : t);
    }
  });

  it('refuses malformed input and unknown zones', () => {
    expect(() => zonedInstant('2026-02-30', '09:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedInstant('2026-12-01', '9:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedInstant('2026-12-01', '24:00', 'Asia/Shanghai')).toThrow(RangeError);
    expect(() => zonedInstant('2026-12-01', '09:00', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('wallClock', () => {
  it('gives date, weekday (1 = Monday … 7 = Sunday), time and seconds in the zone', () => {
    expect(wallClock(new Date('2026-12-01T06:30:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-12-01', weekday: 2, time: '14:30', seconds: 0 });
    expect(wallClock(new Date('2026-11-29T01:00:42.900Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-29', weekday: 7, time: '09:00', seconds: 42 });
  });

  it('shows midnight as 00:00 and crosses the date line with the zone', () => {
    expect(wallClock(new Date('2026-11-27T16:00:00Z'), 'Asia/Shanghai')).toEqual({ date: '2026-11-28', weekday: 6, time: '00:00', seconds: 0 });
    expect(wallClock(new Date('2026-11-27T16:00:00Z'), 'UTC')).toEqual({ date: '2026-11-27', weekday: 5, time: '16:00', seconds: 0 });
  });

  it('refuses an Invalid Date', () => {
    expect(() => wallClock(new Date(NaN), 'UTC')).toThrow(RangeError);
  });
});

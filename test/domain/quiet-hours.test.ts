import { describe, expect, it } from 'vitest';
import { isQuiet, outOfQuietHours, parseQuietHours } from '../../src/domain/quiet-hours.ts';

const NIGHT = { start: '21:00', end: '08:00' };

describe('quiet hours', () => {
  it('reads the setting, across midnight or not, and off', () => {
    expect(parseQuietHours('21:00-08:00')).toEqual({ ok: true, quiet: NIGHT });
    expect(parseQuietHours('２１：００～８：００')).toEqual({ ok: true, quiet: NIGHT });
    expect(parseQuietHours('12:00 - 14:00')).toEqual({ ok: true, quiet: { start: '12:00', end: '14:00' } });
    expect(parseQuietHours('off')).toEqual({ ok: true, quiet: null });
    expect(parseQuietHours('')).toEqual({ ok: true, quiet: null });
  });

  it('refuses what is not a window, saying which way', () => {
    expect(parseQuietHours('晚上')).toEqual({ ok: false, problem: 'format' });
    expect(parseQuietHours('25:00-08:00')).toEqual({ ok: false, problem: 'time' });
    expect(parseQuietHours('08:00-08:00')).toEqual({ ok: false, problem: 'empty_window' });
  });

  it('moves a message of the night to 08:00 the next morning in Shanghai, and leaves the day alone', () => {
    const tz = 'Asia/Shanghai';
    // 22:30 Shanghai = 14:30 UTC; 08:00 next day = 00:00 UTC.
    expect(outOfQuietHours(new Date('2026-11-23T14:30:00Z'), NIGHT, tz)).toEqual(new Date('2026-11-24T00:00:00Z'));
    // 03:00 Shanghai, after midnight: the same morning.
    expect(outOfQuietHours(new Date('2026-11-23T19:00:00Z'), NIGHT, tz)).toEqual(new Date('2026-11-24T00:00:00Z'));
    // 21:00 sharp is quiet; 08:00 sharp is not.
    expect(isQuiet(new Date('2026-11-23T13:00:00Z'), NIGHT, tz)).toBe(true);
    expect(isQuiet(new Date('2026-11-24T00:00:00Z'), NIGHT, tz)).toBe(false);
    const day = new Date('2026-11-23T02:00:00Z');
    expect(outOfQuietHours(day, NIGHT, tz)).toBe(day);
    expect(outOfQuietHours(new Date('2026-11-23T14:30:00Z'), null, tz)).toEqual(new Date('2026-11-23T14:30:00Z'));
  });

  it('keeps to the local clock across a daylight-saving change (New York, 1 November 2026)', () => {
    // 23:00 on 31 October EDT (UTC-4) = 03:00 UTC; the morning after is EST (UTC-5): 08:00 = 13:00 UTC.
    expect(outOfQuietHours(new Date('2026-11-01T03:00:00Z'), NIGHT, 'America/New_York')).toEqual(new Date('2026-11-01T13:00:00Z'));
  });

  it('handles a window within the day', () => {
    const noon = { start: '12:00', end: '14:00' };
    // 12:30 Shanghai = 04:30 UTC -> 14:00 Shanghai = 06:00 UTC.
    expect(outOfQuietHours(new Date('2026-11-23T04:30:00Z'), noon, 'Asia/Shanghai')).toEqual(new Date('2026-11-23T06:00:00Z'));
    expect(isQuiet(new Date('2026-11-23T14:30:00Z'), noon, 'Asia/Shanghai')).toBe(false);
  });
});

/**
 * Quiet hours (HONORCARE_QUIET_HOURS, e.g. `21:00-08:00`): when the bot starts no conversation
 * with an honoree. Many are elderly; a message at night wakes them or worries them. What falls in
 * the window waits for its end, in the office's time zone.
 */
import { toAsciiDigits } from './clock-time.ts';
import { addDays } from './dates.ts';
import { wallClock, zonedInstant } from './zoned-time.ts';

/** A daily window of local times `HH:MM`; it may run past midnight (21:00-08:00). */
export interface QuietHours {
  start: string;
  end: string;
}

export type QuietHoursResult = { ok: true; quiet: QuietHours | null } | { ok: false; problem: 'format' | 'time' | 'empty_window' };

const OFF = new Set(['', 'off', 'none', '无', '关']);
const WINDOW = /^(\d{1,2}):(\d{2})\s*[-–~～至到]\s*(\d{1,2}):(\d{2})$/;

/** Reads `21:00-08:00` (or `off`: none). */
export function parseQuietHours(text: string): QuietHoursResult {
  const s = toAsciiDigits(text).trim().toLowerCase().replace(/：/g, ':');
  if (OFF.has(s)) return { ok: true, quiet: null };
  const m = WINDOW.exec(s);
  if (!m) return { ok: false, problem: 'format' };
  const [h1, m1, h2, m2] = m.slice(1).map(Number);
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return { ok: false, problem: 'time' };
  const pad = (n: number) => String(n).padStart(2, '0');
  const quiet = { start: `${pad(h1)}:${pad(m1)}`, end: `${pad(h2)}:${pad(m2)}` };
  if (quiet.start === quiet.end) return { ok: false, problem: 'empty_window' };
  return { ok: true, quiet };
}

/** Whether a local time `HH:MM` falls in the window (its start included, its end not). */
const inWindow = (time: string, q: QuietHours) => (q.start < q.end ? time >= q.start && time < q.end : time >= q.start || time < q.end);

export function isQuiet(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  return quiet !== null && inWindow(wallClock(at, timeZone).time, quiet);
}

/**
 * The instant itself outside the window; inside it, the window's end (08:00 the same local
 * morning, or the next one when the window started the evening before).
 */
export function outOfQuietHours(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet || !isQuiet(at, quiet, timeZone)) return at;
  const local = wallClock(at, timeZone);
  // Past midnight the window ends this morning; before midnight, the next one.
  const endDay = quiet.start > quiet.end && local.time >= quiet.start ? addDays(local.date, 1) : local.date;
  return zonedInstant(endDay, quiet.end, timeZone);
}

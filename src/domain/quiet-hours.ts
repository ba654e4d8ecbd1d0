/**
 * Quiet hours: the part of the night in which the bot sends honorees nothing, so a checkup
 * invitation queued at 22:00 reaches an elderly model worker at 08:00 rather than waking them.
 * Staff set it as `21:00-08:00`; the window is read on the office's wall clock (an IANA zone),
 * never the server's, because the server may run in UTC.
 */
import { addDays } from './dates.ts';
import { clockFromDigits, toAsciiDigits } from './clock-time.ts';
import { wallClock, zonedInstant } from './zoned-time.ts';

/** A daily window on the wall clock, `HH:MM` each; it crosses midnight when `end` < `start`. */
export interface QuietHours {
  /** First quiet minute, `HH:MM`. */
  start: string;
  /** First minute of daytime again, `HH:MM` (not itself quiet). */
  end: string;
}

/** Why a quiet-hours setting was refused. */
export type QuietHoursProblem =
  | 'format' //          not shaped like `21:00-08:00` (nor off/none/empty)
  | 'invalid_time' //    `value`: a time that is not one (`25:00`, `8:5`, `123:00`)
  | 'empty_window'; //   start equals end: no window, or all day? Neither is meant.

/** Result of {@link parseQuietHours}; `quiet` is null when quiet hours are switched off. */
export type QuietHoursResult =
  | { ok: true; quiet: QuietHours | null }
  | { ok: false; problem: QuietHoursProblem; value?: string };

/** Words that switch quiet hours off. Chinese ones too: staff type in both. */
const OFF_WORDS = new Set(['off', 'none', '无', '关', '关闭']);

/**
 * Two times with any dash, tilde or 至/到 between. Digits are loose (`8:5`, `123:00`) so that
 * they are reported as a wrong time rather than a wrong shape. Expects ASCII digits and colon.
 */
const WINDOW = /^(\d+):(\d+)\s*(?:-|–|—|−|~|～|〜|至|到)\s*(\d+):(\d+)$/;

const pad2 = (n: number) => String(n).padStart(2, '0');


/**
 * Reads a quiet-hours setting: `21:00-08:00` (crosses midnight), `12:00-14:00` (does not),
 * `9:00-8:00`, with `–`, `—`, `~`, `～`, `至` or `到` for the dash and full-width digits and colon
 * accepted; `off`, `none`, `无`, `关闭` or an empty text switch quiet hours off (`quiet: null`).
 * Never throws: a wrong setting comes back as a {@link QuietHoursProblem}.
 */
export function parseQuietHours(text: string): QuietHoursResult {
  const t = toAsciiDigits(text).trim().toLowerCase();
  if (t === '' || OFF_WORDS.has(t)) return { ok: true, quiet: null };
  const m = WINDOW.exec(t);
  if (!m) return { ok: false, problem: 'format', value: text.trim() };
  const start = clockFromDigits(m[1], m[2]);
  const end = clockFromDigits(m[3], m[4]);
  if (!start) return { ok: false, problem: 'invalid_time', value: `${m[1]}:${m[2]}` };
  if (!end) return { ok: false, problem: 'invalid_time', value: `${m[3]}:${m[4]}` };
  if (start === end) return { ok: false, problem: 'empty_window', value: start };
  return { ok: true, quiet: { start, end } };
}

/** True when a wall-clock `HH:MM` is inside the window (start included, end not). */
function inWindow(time: string, quiet: QuietHours): boolean {
  // `HH:MM` strings compare like the times they name.
  return quiet.start < quiet.end
    ? time >= quiet.start && time < quiet.end
    : time >= quiet.start || time < quiet.end;
}

/**
 * True if `at` falls in the quiet hours on the wall clock of `timeZone`; always false for null.
 * Minutes decide: the window `21:00-08:00` holds 07:59:59 but not 08:00:00.
 * @throws RangeError on an invalid Date or an unknown zone (the caller's bugs).
 */
export function isQuiet(at: Date, quiet: QuietHours | null, timeZone: string): boolean {
  return quiet !== null && inWindow(wallClock(at, timeZone).time, quiet);
}

const MINUTE_MS = 60_000;

/**
 * When a message due at `at` may go out: `at` itself outside the quiet hours, else the instant
 * the window ends on the wall clock of `timeZone` (with `21:00-08:00`, 23:00 gives 08:00 the next
 * local day and 06:00 gives 08:00 the same day). Never earlier than `at`. Across daylight-saving
 * changes it is the first instant the clocks show daytime: if clocks spring forward over the end
 * (02:30 on a night that skips 02:00-03:00), daytime starts at the jump (03:00); if they fall
 * back and the end time happens twice, the one after `at`.
 * @throws RangeError on an invalid Date or an unknown zone (the caller's bugs).
 */
export function outOfQuietHours(at: Date, quiet: QuietHours | null, timeZone: string): Date {
  if (!quiet) return at;
  const shown = wallClock(at, timeZone);
  if (!inWindow(shown.time, quiet)) return at;
  // In the evening part of a window that crosses midnight, it ends tomorrow; otherwise today.
  const crossing = quiet.end < quiet.start;
  const endDate = crossing && shown.time >= quiet.start ? addDays(shown.date, 1) : shown.date;
  let end = zonedInstant(endDate, quiet.end, timeZone).getTime();
  if (end <= at.getTime()) {
    // Clocks fell back and `at` is in the repeated hour after the first end: the end comes again,
    // as far after the first as the clocks went back.
    end += offsetMs(new Date(end), timeZone) - offsetMs(at, timeZone);
  } else if (wallClock(new Date(end), timeZone).time !== quiet.end) {
    // The end time was skipped (zonedInstant moved it on by the gap): daytime began at the jump,
    // the first minute after `at` that is no longer quiet. A gap is an hour or so: a short walk back.
    while (end - MINUTE_MS > at.getTime() && !isQuiet(new Date(end - MINUTE_MS), quiet, timeZone)) end -= MINUTE_MS;
  }
  return new Date(end);
}

/** The zone's offset from UTC at an instant, in ms, from what its wall clock shows. */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const whole = Math.floor(at.getTime() / 1000) * 1000;
  return Date.parse(`${w.date}T${w.time}:${pad2(w.seconds)}Z`) - whole;
}

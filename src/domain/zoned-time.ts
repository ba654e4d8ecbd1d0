/**
 * Wall-clock times in an IANA time zone, to and from instants, with Intl only.
 * Staff type office times ("明天 9:00" in Asia/Shanghai) while the server may run in UTC and
 * reminders are stored as instants, so nothing here reads the process's own zone.
 */
import { isRealDate, weekdayOf } from './dates.ts';

const DAY_MS = 86_400_000;
/** `HH:MM` or `HH:MM:SS`, 00:00 to 23:59:59. */
const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** One formatter per zone: building an Intl.DateTimeFormat is far slower than using one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone: that is a configuration bug, not something to paper over.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23', // never "24:00" for midnight
      year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of an instant in a zone, as numbers. */
function fieldsAt(ms: number, timeZone: string): [number, number, number, number, number, number] {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
}

/** UTC milliseconds of wall-clock fields read as if they were UTC. */
function asUtc(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, s, 0);
  return t.getTime();
}

/** The zone's offset from UTC at an instant, in ms (Shanghai: +8 h). */
function offsetAt(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000; // Intl shows no milliseconds
  return asUtc(...fieldsAt(whole, timeZone)) - whole;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The instant at which a zone's clocks show `date` (`YYYY-MM-DD`) and `time` (`HH:MM` or
 * `HH:MM:SS`): `zonedInstant('2026-12-01', '14:30', 'Asia/Shanghai')` is 06:30 UTC.
 * Around daylight-saving changes it does what Temporal calls "compatible": a time skipped when
 * clocks spring forward (02:30 in Berlin on 29 March 2026) moves on by the gap (03:30 summer time);
 * a time that happens twice when they fall back is the earlier one. A reminder is never dropped.
 * @throws RangeError on a malformed date or time or an unknown zone.
 */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const t = TIME.exec(time);
  if (!isRealDate(date) || !t) throw new RangeError(`Not a date and time: ${date} ${time}`);
  const [y, mo, d] = date.split('-').map(Number);
  const local = asUtc(y, mo, d, Number(t[1]), Number(t[2]), Number(t[3] ?? 0));
  // The offsets a day either side cover both sides of any change near this time (zones change
  // at most once a day). Whichever candidate shows the wanted wall clock is the answer.
  const before = local - offsetAt(local - DAY_MS, timeZone);
  const after = local - offsetAt(local + DAY_MS, timeZone);
  const fits = [before, after].filter((ms) => ms + offsetAt(ms, timeZone) === local);
  // None fits: the time is in a spring-forward gap; the offset from before the gap carries it past.
  return new Date(fits.length ? Math.min(...fits) : before);
}

/** What the zone's clocks show at an instant; see {@link wallClock}. */
export interface WallClock {
  /** `YYYY-MM-DD` */
  date: string;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** `HH:MM` */
  time: string;
  /** 0-59, for reminders set "N分钟后", which are exact to the second */
  seconds: number;
}

/**
 * The date, weekday and time an instant shows in a zone, for confirmations such as
 * `2026-12-01 周二 14:30`: `wallClock(new Date('2026-12-01T06:30:00Z'), 'Asia/Shanghai')`.
 * @throws RangeError on an invalid Date or an unknown zone.
 */
export function wallClock(at: Date, timeZone: string): WallClock {
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  const [y, mo, d, h, mi, s] = fieldsAt(at.getTime(), timeZone);
  const date = `${String(y).padStart(4, '0')}-${pad2(mo)}-${pad2(d)}`;
  return { date, weekday: weekdayOf(date), time: `${pad2(h)}:${pad2(mi)}`, seconds: s };
}

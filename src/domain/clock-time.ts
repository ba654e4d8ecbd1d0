/**
 * A time of day as staff type it in a one-line command: `9:00`, `09:00`, `９：００`, `9点`,
 * `9点半`, `9点30分`, `下午3点`. Read from a position inside a longer line, because the words
 * after the time are the reminder's text and often follow with no space (`明天9点给张三打电话`).
 */

/** Result of {@link readClockTime}. `end` is where the time stops in the line. */
export type ClockTimeResult =
  | { ok: true; time: string; end: number }
  | { ok: false; value: string; end: number };

/**
 * Optional part of the day, hour, then `:MM` or `点` with 半, `MM` or `MM分`.
 * Digits are loose here (`9:5`, `123:00`) so that they are reported as a wrong time
 * instead of being taken for the start of the text. Expects ASCII digits and colon (see toAsciiDigits).
 */
const CLOCK = /\s*(上午|早上|早晨|凌晨|中午|下午|傍晚|晚上)?\s*(\d+)(?::(\d+)|点钟?(?:(半)|(\d{1,2})(?!\d)分?)?)/y;

/** The 24-hour hour meant by an hour after a part-of-day word, or null if the pair makes no sense. */
function hourOfDay(period: string | undefined, hour: number): number | null {
  if (!period) return hour;
  if (['上午', '早上', '早晨', '凌晨'].includes(period)) return hour <= 12 ? hour : null;
  if (period === '中午') return hour === 11 || hour === 12 ? hour : hour === 1 || hour === 2 ? hour + 12 : null;
  // 下午, 傍晚, 晚上: 3点 is 15:00; 15点 stays. 晚上12点 is refused: midnight belongs to the next day.
  if (hour >= 1 && hour <= 11) return hour + 12;
  if (hour === 12) return period === '下午' ? 12 : null;
  return hour >= 13 && hour <= 23 ? hour : null;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `HH:MM` from typed hour and minute digits, or null: hours 0-23 in one or two digits, minutes always two. */
export function clockFromDigits(hourDigits: string, minuteDigits: string): string | null {
  const hour = Number(hourDigits);
  const minute = Number(minuteDigits);
  if (hourDigits.length > 2 || minuteDigits.length !== 2 || hour > 23 || minute > 59) return null;
  return `${pad2(hour)}:${pad2(minute)}`;
}

/**
 * Reads a time of day at `pos` in `line` (leading spaces skipped): `{ ok: true, time: 'HH:MM' }`,
 * `{ ok: false, value }` for something shaped like a time that is not one (`25:00`, `9:60`, `9:5`,
 * `晚上12点`), or null when no time starts there.
 */
export function readClockTime(line: string, pos: number): ClockTimeResult | null {
  CLOCK.lastIndex = pos;
  const m = CLOCK.exec(line);
  if (!m) return null;
  const end = CLOCK.lastIndex;
  const [, period, hourDigits, colonMinutes, half, minuteDigits] = m;
  // After a colon the minutes are always two digits: "9:5" could be 9:05 or 9:50.
  const badShape = hourDigits.length > 2 || (colonMinutes !== undefined && colonMinutes.length !== 2);
  const minute = half ? 30 : Number(colonMinutes ?? minuteDigits ?? 0);
  const hour = hourOfDay(period, Number(hourDigits));
  if (badShape || hour === null || hour > 23 || minute > 59) {
    return { ok: false, value: line.slice(pos, end).trim(), end };
  }
  return { ok: true, time: `${pad2(hour)}:${pad2(minute)}`, end };
}

/**
 * Full-width digits, colon, slash, hyphen and full stop (from Chinese IMEs) and the ideographic
 * space become ASCII. One character for one, so positions in the result are positions in the
 * original: the reminder's text is then cut from what the user typed, untouched.
 */
export function toAsciiDigits(text: string): string {
  return text.replace(/[\uFF0D\uFF0E\uFF0F\uFF10-\uFF1A\u3000]/g, (c) =>
    c === '\u3000' ? ' ' : String.fromCharCode(c.charCodeAt(0) - 0xfee0),
  );
}

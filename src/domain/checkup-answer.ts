/**
 * An honoree's reply to a checkup invitation, read generously: many are elderly and answer as they
 * would a neighbour (`好的，谢谢！`, `２`, `去不了`). What cannot be read with confidence is null, so the
 * bot asks again or staff follow up: a wrong "confirm" would leave an empty place and an old person
 * expected who never knew.
 */
import { cleanLine } from './clean-text.ts';

/** What the honoree chose: 1 confirm, 2 another time, 3 not taking part. */
export type CheckupAnswer = 'confirm' | 'reschedule' | 'decline';

/** Why an honoree declines: 1 had a checkup elsewhere, 2 ill, 3 away, 4 something else. */
export type DeclineReason = 'elsewhere' | 'ill' | 'away' | 'other';

/** Result of {@link readDeclineReason}: `text` is what they wrote for `other` (null if only `4`/`其他`). */
export type DeclineReasonReading =
  | { reason: 'elsewhere' | 'ill' | 'away' }
  | { reason: 'other'; text: string | null };

/** Longest reason text kept, in characters (code points). */
export const DECLINE_TEXT_MAX = 100;

// Whole replies only: `不` and `不好` are in no table, so a refusal can never read as a yes.
const ANSWERS = new Map<string, CheckupAnswer>([
  ...['1', '确认', '确认参加', '确定', '是', '是的', '好', '好的', '可以', '行', '参加', '我参加', '去', '我去', '会去', '能去', '没问题', 'ok', 'okay', 'yes'].map(
    (w) => [w, 'confirm'] as const,
  ),
  ...['2', '改期', '换时间', '改时间', '换个时间', '改个时间', '换一天', '改天'].map((w) => [w, 'reschedule'] as const),
  ...['3', '不参加', '不去', '去不了', '参加不了', '来不了', '不参加了', '不去了', 'no'].map((w) => [w, 'decline'] as const),
]);

const REASONS = new Map<string, DeclineReason>([
  ...['1', '已在别处体检', '在别处体检', '别处体检', '体检过了', '已经体检过了', '已体检', '已经体检了'].map((w) => [w, 'elsewhere'] as const),
  ...['2', '生病', '生病了', '病了', '身体不适', '身体不好', '不舒服', '住院', '住院了', '在住院'].map((w) => [w, 'ill'] as const),
  ...['3', '外出', '不在家', '出门', '出门了', '在外地', '出远门'].map((w) => [w, 'away'] as const),
  ['4', 'other'],
  ['其他', 'other'],
  ['其它', 'other'],
]);

const OPT_OUT = new Set(['退订', 'td', '取消订阅', '不要再发', '不要再发了']);

/** Thanks and the like around an answer, which say nothing about it. */
const POLITENESS = /^(?:谢谢(?:你|您)?|多谢|感谢|麻烦(?:你|您)?了|辛苦(?:你|您)?了|thanks?)$/;
/**
 * Punctuation and emoji that may stand around a reply (`好的！`, `好的👍`, `“1”`, the keycap of `1️⃣`).
 * The emoji selector, joiner and keycap mark stand outside the class: inside it they would seem joined to their neighbours.
 */
const EDGE = String.raw`(?:[\s\p{P}\p{S}\p{Extended_Pictographic}]|\uFE0F|\u200D|\u20E3)+`;
const EDGES = new RegExp(`^${EDGE}|${EDGE}$`, 'gu');
/** Where a reply splits into phrases: `好的，谢谢`. */
const PHRASE_BREAK = /[\s,，、。.!！~～;；]+/;

/**
 * A reply as a list of its phrases, tidied: full-width letters and digits as ASCII (NFKC),
 * lower case, punctuation, emoji and thanks dropped. `好的，谢谢！` → [`好的`].
 */
function phrases(text: string): string[] {
  return cleanLine(text)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/thank\s+you/g, 'thanks')
    .split(PHRASE_BREAK)
    .map((p) => p.replace(EDGES, ''))
    .filter((p) => p !== '' && !POLITENESS.test(p));
}

/** `好的好的` and `去去去` are said for emphasis: the word once. Not digits: `11` or `12` is no option. */
function once(word: string): string {
  const m = /^(\D+?)\1+$/u.exec(word);
  return m ? m[1] : word;
}

/**
 * Reads a word from a table, also when it repeats and when the option number comes with it
 * (`1 确认`, `1.确认参加`: taken when both mean the same).
 */
function lookUp<T>(table: ReadonlyMap<string, T>, parts: string[]): T | null {
  if (!parts.length) return null;
  // Joined, since the IME or a shaky hand puts spaces anywhere (`好 的`); the whole must still be one entry.
  const joined = parts.join('');
  const direct = table.get(once(joined));
  if (direct !== undefined) return direct;
  const numbered = /^(\d)[.、:：)）]?(\D.*)$/u.exec(joined); // a word after it: `11` is no option
  if (!numbered) return null;
  const byNumber = table.get(numbered[1]);
  const byWord = table.get(once(numbered[2]));
  return byNumber !== undefined && byNumber === byWord ? byNumber : null;
}

/**
 * Reads a reply to a checkup invitation. `1` (or `１`), `确认`, `是`, `好`, `好的`, `可以`, `参加`,
 * `去`, `ok`, `yes` and the like → `confirm`; `2`, `改期`, `换时间`, `改时间` → `reschedule`;
 * `3`, `不参加`, `不去`, `去不了`, `no` → `decline`. Spaces, punctuation and emoji around it, thanks
 * (`好的，谢谢`), a repeated word (`好的好的`) and the option number with its word (`1 确认`) are
 * tolerated. Anything else, `不` and `不好` included, is null: it is not read as a yes.
 */
export function readCheckupAnswer(text: string): CheckupAnswer | null {
  return lookUp(ANSWERS, phrases(text));
}

/**
 * Reads why an honoree declines: `1`, `已在别处体检`, `体检过了` → `elsewhere`; `2`, `生病`,
 * `身体不适`, `住院` → `ill`; `3`, `外出`, `不在家`, `出门` → `away`; `4`, `其他` → `other`
 * (text null); any other text → `other` with that text kept as written (trimmed, control
 * characters out, at most {@link DECLINE_TEXT_MAX} characters), so staff read it. `4 要带孙子`
 * keeps `要带孙子`. Empty (or only punctuation) → null.
 */
export function readDeclineReason(text: string): DeclineReasonReading | null {
  const parts = phrases(text);
  if (!parts.length) return null;
  const reason = lookUp(REASONS, parts);
  if (reason && reason !== 'other') return { reason };
  if (reason === 'other') return { reason, text: null };
  // Free text, perhaps after the option number or 其他 (`4 要带孙子`, `其他：要带孙子`).
  const kept = cleanLine(text)
    .trim()
    // Only with a separator after it: `4岁的孙子没人带` and `其他人都去` are the reason itself.
    .replace(/^(?:[4４]|其他|其它)[\s.、:：,，)）]+/u, '')
    .trim();
  return { reason: 'other', text: [...kept].slice(0, DECLINE_TEXT_MAX).join('') || null };
}

/**
 * True if the whole message asks for no more messages: `退订`, `TD` (any case, full-width too),
 * `取消订阅`, `不要再发`; spaces inside and punctuation around it tolerated. `退订` inside a longer
 * sentence is not enough: stopping all messages to an honoree must be what they asked.
 */
export function readOptOut(text: string): boolean {
  return OPT_OUT.has(phrases(text.replace(/\s+/g, '')).join(''));
}

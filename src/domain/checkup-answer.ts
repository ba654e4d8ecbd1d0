/**
 * An honoree's reply to a checkup invitation, read generously: many are elderly, and answer
 * `好的，谢谢` or a full-width `１` as readily as the `1` the message asked for.
 */
import { toAsciiDigits } from './clock-time.ts';

export type CheckupAnswer = 'confirm' | 'reschedule' | 'decline';
export type DeclineReason = 'elsewhere' | 'ill' | 'away' | 'other';

const CONFIRM = new Set(['1', '确认', '确定', '是', '是的', '好', '好的', '行', '可以', '参加', '去', '能去', 'ok', 'yes', 'y', 'confirm']);
const RESCHEDULE = new Set(['2', '改期', '改时间', '换时间', '换个时间', '改日期', 'reschedule']);
const DECLINE = new Set(['3', '不参加', '不去', '去不了', '不能去', '不来', '不了', 'no', 'n', 'decline']);
/** Politeness around an answer: `好的，谢谢！` is still 好的. */
const POLITE = /[，,。.!！~～\s]*(谢谢(你|您|了)?|麻烦(你|您)了|辛苦了|thanks?( you)?)?[，,。.!！~～\s]*$/i;

/** The bare words of a reply: ASCII digits, no spaces, no closing punctuation or thanks. */
function bare(text: string): string {
  return toAsciiDigits(text).trim().toLowerCase().replace(POLITE, '').replace(/^[\s，,。.!！]+/, '');
}

/** confirm, reschedule, decline, or null for anything else (`不`, `不好` and a question are not answers). */
export function readCheckupAnswer(text: string): CheckupAnswer | null {
  const w = bare(text);
  if (CONFIRM.has(w)) return 'confirm';
  if (RESCHEDULE.has(w)) return 'reschedule';
  if (DECLINE.has(w)) return 'decline';
  return null;
}

const REASONS: Array<[DeclineReason, Set<string>]> = [
  ['elsewhere', new Set(['1', '已在别处体检', '在别处体检', '别处体检', '体检过了', '检查过了', '已体检', '已经体检'])],
  ['ill', new Set(['2', '生病', '病了', '身体不适', '身体不好', '住院', '生病了'])],
  ['away', new Set(['3', '外出', '不在家', '出门', '出门了', '在外地', '外地'])],
];

/** Longest free text kept as an "other" reason. */
const MAX_NOTE = 100;

/** Why an honoree declines: a listed reason (by its digit or words), or `other` with their words. */
export function readDeclineReason(text: string): { reason: DeclineReason; note?: string } | null {
  const w = bare(text);
  if (!w) return null;
  for (const [reason, words] of REASONS) if (words.has(w)) return { reason };
  if (w === '4' || w === '其他' || w === '其它' || w === 'other') return { reason: 'other' };
  return { reason: 'other', note: text.trim().slice(0, MAX_NOTE) };
}

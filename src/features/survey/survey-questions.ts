import { parseYuan } from '../../domain/index.ts';
import { SURVEY_TEXT_MAX } from './save-survey.ts';

/** One survey as the guided form holds it: every field present, null when nothing is known. */
export interface SurveyForm {
  workSituation: string | null;
  householdIncomeFen: number | null;
  perCapitaIncomeFen: number | null;
  familyMembers: string | null;
  hardshipCauses: string | null;
  healthStatus: string | null;
  priorityHardship: boolean;
  priorityHealth: boolean;
  priorityReason: string | null;
}

export const EMPTY_FORM: SurveyForm = {
  workSituation: null,
  householdIncomeFen: null,
  perCapitaIncomeFen: null,
  familyMembers: null,
  hardshipCauses: null,
  healthStatus: null,
  priorityHardship: false,
  priorityHealth: false,
  priorityReason: null,
};

/** The questions in the order of the five clears; the reason is asked only for flagged people. */
export const STEPS = [
  'workSituation',
  'householdIncome',
  'people',
  'familyMembers',
  'hardshipCauses',
  'healthStatus',
  'priorityHardship',
  'priorityHealth',
  'priorityReason',
  'confirm',
] as const;
export type Step = (typeof STEPS)[number];

export const TEXT_STEPS = ['workSituation', 'familyMembers', 'hardshipCauses', 'healthStatus', 'priorityReason'] as const;
export type TextStep = (typeof TEXT_STEPS)[number];
export const isTextStep = (s: Step): s is TextStep => (TEXT_STEPS as readonly string[]).includes(s);
export const isYesNoStep = (s: Step): s is 'priorityHardship' | 'priorityHealth' => s === 'priorityHardship' || s === 'priorityHealth';

/** Most people a household count accepts: beyond it, a typo (30 for 3) is more likely than a family. */
export const MAX_PEOPLE = 20;

/**
 * "Keep what is there" and "there is none" must differ here, unlike in the add form: a survey
 * is re-done every year, and 「无」 for causes of hardship means the hardship is over.
 */
const KEEP_WORDS = new Set(['跳过', '不变', '保持', 'skip', 'keep']);
const CLEAR_WORDS = new Set(['无', '没有', '-', '清空', 'none']);
const YES_WORDS = new Set(['是', '有', '对', '是的', 'yes', 'y']);
const NO_WORDS = new Set(['否', '不是', '无', '没有', '不', 'no', 'n', 'none']);
const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** What one answer means: keep the current value, set a new one, or an error message key. */
export type Answer<T> = { kind: 'keep' } | { kind: 'set'; value: T } | { kind: 'error'; error: string };

const keep = { kind: 'keep' } as const;
const set = <T>(value: T): Answer<T> => ({ kind: 'set', value });
const error = (key: string): Answer<never> => ({ kind: 'error', error: `survey.invalid.${key}` });

/** NFKC: full-width digits and letters from Chinese keyboards become ASCII. */
const normal = (raw: string) => raw.normalize('NFKC').trim();

export function parseTextAnswer(raw: string): Answer<string | null> {
  const a = raw.trim();
  if (a === '' || KEEP_WORDS.has(a.toLowerCase())) return keep;
  if (CLEAR_WORDS.has(a.toLowerCase())) return set(null);
  return a.length > SURVEY_TEXT_MAX ? error('too_long') : set(a);
}

/** A yearly amount in yuan, as parseYuan reads it (48000, 4.8万, ¥48,000元), to fen. */
export function parseIncomeAnswer(raw: string): Answer<number | null> {
  const a = normal(raw);
  if (a === '' || KEEP_WORDS.has(a.toLowerCase())) return keep;
  if (CLEAR_WORDS.has(a.toLowerCase())) return set(null);
  const r = parseYuan(a);
  return r.ok ? set(r.fen) : error(`income_${r.reason}`);
}

/** How many live in the household: 3, 3人, 3口, 三口人. */
export function parsePeopleAnswer(raw: string): Answer<number | null> {
  const a = normal(raw);
  if (a === '' || KEEP_WORDS.has(a.toLowerCase())) return keep;
  if (CLEAR_WORDS.has(a.toLowerCase())) return set(null);
  const m = /^(\d{1,3}|[一二两三四五六七八九十])\s*(人|口|口人|个人)?$/.exec(a);
  if (!m) return error('people');
  const n = CHINESE_DIGITS[m[1]] ?? Number(m[1]);
  return n >= 1 && n <= MAX_PEOPLE ? set(n) : error('people');
}

/** 是/否, as typed or pressed; 跳过 keeps the current answer (unflagged when there is none). */
export function parseYesNoAnswer(raw: string): Answer<boolean> {
  const a = normal(raw).toLowerCase();
  if (a === '' || KEEP_WORDS.has(a)) return keep;
  if (YES_WORDS.has(a)) return set(true);
  if (NO_WORDS.has(a)) return set(false);
  return error('yes_no');
}

/** Per-capita income in whole fen, rounded half up (amounts are never negative). */
export const perCapita = (householdFen: number, people: number) => Math.round(householdFen / people);

/**
 * The household size a stored survey implies, so 跳过 on that question can keep it: only when
 * dividing by it gives back exactly the stored per-capita amount.
 */
export function impliedPeople(form: SurveyForm): number | null {
  const { householdIncomeFen: h, perCapitaIncomeFen: p } = form;
  if (h === null || p === null || p === 0) return null;
  const n = Math.round(h / p);
  return n >= 1 && n <= MAX_PEOPLE && perCapita(h, n) === p ? n : null;
}

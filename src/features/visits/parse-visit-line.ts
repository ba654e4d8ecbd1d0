import { looksLikeDate, parseDateWord, parseYuan } from '../../domain/index.ts';
import { visitKindOf, type VisitKind } from '../../domain/vocabulary.ts';

/**
 * Reads one typed visit line, e.g. `张三 电话 慰问金500元 礼品:米一袋 身体恢复良好`. Pure: no
 * database, no clock (today is passed in), so every rule here is unit-tested on its own.
 */

/** Longest notes kept with a visit; the core already refuses whole messages over 2000 characters. */
export const MAX_NOTES = 500;
/** Longest gifts text: a list of things, not a story. */
export const MAX_GIFTS = 200;
/**
 * The earliest visit date taken. A date before it is a typo (`1926` for `2026`) or a paper record
 * decades old, which belongs in the file's notes: the lists and yearly totals are about the care
 * given since records were kept. With the rule that a visit is never in the future (no visit lies
 * ahead), a visit is dated from 2000-01-01 to today.
 */
export const EARLIEST_VISIT = '2000-01-01';

/** What a line says. Missing parts stay undefined so the command can ask for them. */
export interface VisitLine {
  /** The word naming the person (name, pinyin, initials or file number), if there is one. */
  who?: string;
  /**
   * The line without that word, to read again with the person's name once it is given. A typed
   * date is written out (`昨天` → `2026-11-22`): the answer may come on another day.
   */
  rest: string;
  /**
   * `rest` that always names the day (today's when no date was typed), for a pick-list whose
   * choice re-runs the command and may be picked days later.
   */
  restDated: string;
  kind?: VisitKind;
  /** YYYY-MM-DD; today when no date was typed. */
  date: string;
  /** 慰问金 in fen; 0 when none was typed. */
  moneyFen: number;
  gifts?: string;
  notes?: string;
}

/** A message key of the `visits.` namespace and its values, for the command to show. */
export interface LineError {
  key: string;
  params: Record<string, string | number>;
}

export type LineResult = { ok: true; line: VisitLine } | { ok: false; error: LineError };

// The labels the bot itself prints (上门走访, 电话慰问) are accepted back, so a confirmation can be
// copied and edited; vocabulary.ts holds the words every feature shares.
const KIND_ALIASES = new Map<string, VisitKind>([
  ['上门走访', 'in_person'],
  ['电话慰问', 'phone'],
]);

/** The kind a word names, e.g. 电话 → phone; also used for the answer to "which kind?". */
export const kindOf = (token: string): VisitKind | undefined => visitKindOf(token) ?? KIND_ALIASES.get(token.trim());

type Part =
  | { type: 'words'; text: string; at: number }
  | { type: 'gifts'; text: string }
  | { type: 'money'; text: string; explicit: boolean }
  | { type: 'date'; text: string; at: number }
  | { type: 'kind'; text: string; kind: VisitKind }
  | { type: 'unclear'; text: string }
  | { type: 'glued'; text: string };

/**
 * Days to come. parseDateWord does not read them (no visit lies ahead), but a line saying
 * 明天 is a planned visit: refused as a future date rather than saved today with 明天 as notes.
 */
const FUTURE_WORDS = new Set(['明天', '明日', '后天', '大后天', 'tomorrow']);

const GIFTS_PREFIX = /^(?:礼品|礼物|慰问品|gifts?)[:：](.*)$/i;
/** `慰问金500元`, `慰问金 500元`; not `慰问金已发放`, which is a note. `money:` needs its colon in English prose. */
const MONEY_PREFIX = /^(?:慰问金[:：]?|money[:：])([\x21-\x7e−¥零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟].*)?$/i;
const UNIT = '(?:元|块钱|块|万元|万块钱|万块|万)';
/**
 * An amount with a unit or a currency sign, meant as money even when it cannot be read (`abc元`,
 * `-5元`, `五百元`), so it is refused with an example instead of landing in the notes.
 * `3单元` (a flat number) is not: only ASCII or Chinese numerals may come before the unit.
 */
const EXPLICIT_MONEY = new RegExp(`^(?:[-−+]?\\s*¥.*|[\\x21-\\x7e−]+${UNIT}|[零〇一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]+(?:元|块))$`);
/**
 * An amount glued to other words (`500元慰问金`, `发放慰问金500元`): meant as money, yet it would
 * land in the notes and the visit be saved with none. Refused, with an example of the amount alone.
 * Not 块 alone: `蛋糕2块` counts cakes.
 */
const MONEY_IN_WORD = /\d[\d,.]*\s*(?:万?元|块钱)/;
/** A plain number: money only when the line has no amount with a unit (see parseVisitLine). */
const BARE_NUMBER = /^[-−+]?\d[\d,.]*$/;
/** `11.20` is 20 November as often as 11.20 yuan: asked about rather than guessed. */
const MONTH_DOT_DAY = /^(?:[1-9]|1[0-2])\.(?:[1-9]|[12]\d|3[01]|0[1-9])$/;

/**
 * Sorts each word of the line into what it is; a bare `礼品:` or `慰问金` takes the next word. A
 * plain number that is a file number on record (an imported roster may number files 1037) is
 * the person, not an amount.
 */
function classify(tokens: string[], fileNos: ReadonlySet<string>): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i];
    const token = raw.normalize('NFKC');
    const gifts = GIFTS_PREFIX.exec(token);
    if (gifts) {
      // `礼品: 米一袋` with a space after the colon: the gifts are the next word.
      parts.push({ type: 'gifts', text: gifts[1] || (i + 1 < tokens.length ? tokens[++i] : '') });
      continue;
    }
    const money = MONEY_PREFIX.exec(token);
    if (money) {
      parts.push({ type: 'money', text: money[1] || (i + 1 < tokens.length ? tokens[++i] : ''), explicit: true });
      continue;
    }
    const kind = kindOf(token);
    if (looksLikeDate(token) || FUTURE_WORDS.has(token.toLowerCase())) parts.push({ type: 'date', text: raw, at: i });
    else if (kind) parts.push({ type: 'kind', text: raw, kind });
    else if (EXPLICIT_MONEY.test(token)) parts.push({ type: 'money', text: raw, explicit: true });
    else if (MONTH_DOT_DAY.test(token)) parts.push({ type: 'unclear', text: raw });
    else if (BARE_NUMBER.test(token) && !fileNos.has(token)) parts.push({ type: 'money', text: raw, explicit: false });
    else if (MONEY_IN_WORD.test(token)) parts.push({ type: 'glued', text: raw });
    else parts.push({ type: 'words', text: raw, at: i });
  }
  return parts;
}

const fail = (key: string, params: Record<string, string | number> = {}): LineResult => ({ ok: false, error: { key: `visits.invalid.${key}`, params } });

/**
 * Parses the words after the command. The person is the first word that is none of the other
 * parts (so `走访 电话 张三` works too); kind, date, money and gifts may come in any order;
 * everything else is the notes. A date or amount that cannot be right is refused, never guessed.
 */
export function parseVisitLine(text: string, today: string, fileNos: ReadonlySet<string> = new Set()): LineResult {
  // "in person" is one kind in two English words; join it before splitting on spaces.
  const tokens = text.replace(/\bin\s+person\b/gi, 'in-person').trim().split(/\s+/).filter(Boolean);
  const parts = classify(tokens, fileNos);

  // A plain number is the amount only when no amount with a unit was typed: in
  // `500元 住院 3 天` the 3 belongs to the notes.
  const explicit = parts.some((p) => p.type === 'money' && p.explicit);
  const money: string[] = [];
  const words: Extract<Part, { type: 'words' }>[] = [];
  for (const [i, p] of parts.entries()) {
    if (p.type === 'money' && (p.explicit || !explicit)) money.push(p.text);
    else if (p.type === 'money') words.push({ type: 'words', text: p.text, at: -1 - i });
    else if (p.type === 'words') words.push(p);
  }
  // The person is the first plain word, never a number: numbers are amounts or notes.
  const whoPart = words.find((w) => w.at >= 0);
  const notes = words.filter((w) => w !== whoPart).map((w) => w.text).join(' ');

  const unclear = parts.find((p) => p.type === 'unclear');
  if (unclear) return fail('date_or_money', { token: unclear.text });
  const glued = parts.find((p) => p.type === 'glued');
  if (glued) return fail('money_in_word', { token: glued.text });
  if (money.length > 1) return fail('two_amounts', { first: money[0], second: money[1] });
  let moneyFen = 0;
  if (money.length === 1) {
    const m = parseYuan(money[0]);
    if (!m.ok) return fail(`money_${m.reason}`, { token: money[0] || '慰问金' });
    moneyFen = m.fen;
  }

  const kinds = parts.filter((p) => p.type === 'kind');
  const other = kinds.find((k) => k.kind !== kinds[0].kind);
  if (other) return fail('two_kinds', { first: kinds[0].text, second: other.text });

  let date: string | undefined;
  let dateText = '';
  for (const p of parts.filter((x) => x.type === 'date')) {
    const d = FUTURE_WORDS.has(p.text.normalize('NFKC').toLowerCase()) ? ({ ok: false, reason: 'future' } as const) : parseDateWord(p.text, today);
    if (!d.ok) return fail(d.reason === 'future' ? 'date_future' : 'date_impossible', { token: p.text, today });
    if (d.date < EARLIEST_VISIT) return fail('date_too_early', { token: p.text, earliest: EARLIEST_VISIT });
    if (date !== undefined && d.date !== date) return fail('two_dates', { first: dateText, second: p.text });
    date = d.date;
    dateText = p.text;
  }

  const gifts = parts.flatMap((p) => (p.type === 'gifts' && p.text.trim() ? [p.text.trim()] : [])).join('、');
  if (gifts.length > MAX_GIFTS) return fail('gifts_too_long', { length: gifts.length, max: MAX_GIFTS });
  if (notes.length > MAX_NOTES) return fail('notes_too_long', { length: notes.length, max: MAX_NOTES });

  // The date words (several only when they agree) become the one date they name, where the first stood.
  const dateAt = parts.flatMap((p) => (p.type === 'date' ? [p.at] : []));
  const restTokens = tokens.flatMap((token, i) => {
    if (i === whoPart?.at || (dateAt.includes(i) && i !== dateAt[0])) return [];
    return [i === dateAt[0] ? date! : token];
  });
  // Put first, not last: after a bare `礼品:` or `慰问金` at the end it would be read as their value.
  const restDated = date === undefined ? [today, ...restTokens] : restTokens;

  return {
    ok: true,
    line: {
      ...(whoPart ? { who: whoPart.text } : {}),
      rest: restTokens.join(' '),
      restDated: restDated.join(' '),
      ...(kinds.length ? { kind: kinds[0].kind } : {}),
      date: date ?? today,
      moneyFen,
      ...(gifts ? { gifts } : {}),
      ...(notes ? { notes } : {}),
    },
  };
}

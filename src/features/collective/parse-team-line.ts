import {
  collectiveCategoryWithin,
  honourCategoryWithin,
  levelOf,
  type CollectiveCategory,
  type Level,
} from '../../domain/vocabulary.ts';

/**
 * Reads what follows 集体荣誉 / /team. Pure: no database, no clock (the caller passes the
 * latest acceptable year), so every odd way of typing a line is unit-tested on its own.
 *
 *   (nothing)                       -> list every team
 *   变电                            -> teams whose name contains 变电
 *   添加 <team> <honour> [成员：a、b]  -> record a collective honour and its members
 *
 * 添加 must stand alone: 添加剂车间 is a team's name, and `集体荣誉 添加剂车间` (the very line the
 * bot suggests for viewing it) must show that team.
 */

export interface CollectiveHonourText {
  category: CollectiveCategory;
  level: Level;
  year: number;
  awardingBody?: string;
}

export interface TeamEntry {
  teamName: string;
  honour: CollectiveHonourText;
  /** Distinct names in the order typed; may be empty (members can be added later). */
  members: string[];
}

export type TeamRequest = { kind: 'list' } | { kind: 'search'; query: string } | { kind: 'add'; entry: TeamEntry };

/** Each reason is a message key under collective.invalid (a test checks both locales have it). */
export const TEAM_LINE_ERRORS = [
  'empty',
  'team_missing',
  'team_too_long',
  'category',
  'individual',
  'level',
  'year',
  'year_future',
  'extra',
  'awarding_body_too_long',
  'members_empty',
  'member_name',
  'query_too_long',
  'add_space',
] as const;
export type TeamLineError = (typeof TEAM_LINE_ERRORS)[number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: TeamLineError; params?: Record<string, string | number> };

export const FIRST_YEAR = 1950;
export const MAX_TEAM_NAME = 50;
export const MAX_QUERY = 50;
export const MAX_AWARDING_BODY = 60;
const MAX_MEMBER_NAME = 30;

// The word must stand alone: 添加剂车间 is a team to view, "address" a search.
const ADD_WORD = /^(?:添加|add)(?=\s|$)\s*/i;
/** 添加 glued to more words (`添加示例班 2021 市级工人先锋号`): an add line, but where does the team's name start? */
const GLUED_ADD = /^添加\S+\s/;
/** Team names no one could open: `集体荣誉 添加` is an add without a team. */
const RESERVED_TEAM = /^(?:添加|add)$/i;
// 成员 may be glued to what precedes it (…工人先锋号成员：张三); "members" must be a word.
const MEMBERS_WORD = /(?:成员|\bmembers?\b)\s*[:：]?/i;
const MEMBER_SEPARATORS = /[、，,;；\s]+/;
// A person's name: letters of any script, plus the dots of transliterated names (阿依古丽·买买提).
const PERSON_NAME = /^(?=.*\p{L})[\p{L}·•.-]+$/u;
// A year standing alone or glued to Chinese (2021市级, 2021年度); never the digits of a longer number.
const YEAR = /(?<![\dA-Za-z])((?:19|20)\d{2})(?:年度|年)?(?!\d)/g;
const CATEGORY_MARK = '\u0001';

const fail = (reason: TeamLineError, params?: Record<string, string | number>): { ok: false; reason: TeamLineError; params?: Record<string, string | number> } =>
  params ? { ok: false, reason, params } : { ok: false, reason };

const trimPunctuation = (s: string) => s.replace(/^[，,：:。；;、\s]+|[，,：:。；;、\s]+$/g, '');

export function parseTeamArgs(args: string, maxYear: number): Parsed<TeamRequest> {
  const text = args.trim();
  if (!text) return { ok: true, value: { kind: 'list' } };
  const add = ADD_WORD.exec(text);
  if (add) {
    const entry = parseTeamEntry(text.slice(add[0].length), maxYear);
    return entry.ok ? { ok: true, value: { kind: 'add', entry: entry.value } } : entry;
  }
  // Team names hold no spaces, so such a line is no search. Recording `示例班` for `添加示例班 …`
  // would misread a team named 添加剂车间 as 剂车间: ask for the space instead of guessing.
  if (GLUED_ADD.test(text)) return fail('add_space');
  if (text.length > MAX_QUERY) return fail('query_too_long', { max: MAX_QUERY });
  return { ok: true, value: { kind: 'search', query: text } };
}

/** `示例供电所变电运维班 2021 市级工人先锋号 示例市总工会 成员：张三、李四` */
export function parseTeamEntry(line: string, maxYear: number): Parsed<TeamEntry> {
  const text = line.trim();
  if (!text) return fail('empty');
  // The member list is looked for after the first word, so a team name may contain 成员.
  const firstEnd = text.search(/\s|$/);
  const found = MEMBERS_WORD.exec(text.slice(firstEnd));
  const marker = found ? { index: firstEnd + found.index, length: found[0].length } : null;
  const head = marker ? text.slice(0, marker.index) : text;
  const words = head.trim().split(/\s+/).filter(Boolean);
  const teamName = trimPunctuation(words[0] ?? '');
  // A line that starts with the honour or the members has no team name: storing "2021" or
  // "成员：张三" as a team helps no one.
  if (!teamName || looksLikeHonourPart(teamName) || /^(?:成员|members?\b)/i.test(teamName) || RESERVED_TEAM.test(teamName)) return fail('team_missing');
  if (teamName.length > MAX_TEAM_NAME) return fail('team_too_long', { max: MAX_TEAM_NAME });

  const honour = parseCollectiveHonour(words.slice(1).join(' '), maxYear);
  if (!honour.ok) return honour;

  let members: string[] = [];
  if (marker) {
    const names = text
      .slice(marker.index + marker.length)
      .split(MEMBER_SEPARATORS)
      .map(trimPunctuation)
      .filter(Boolean);
    if (!names.length) return fail('members_empty');
    const bad = names.find((n) => n.length > MAX_MEMBER_NAME || !PERSON_NAME.test(n));
    if (bad) return fail('member_name', { name: bad, max: MAX_MEMBER_NAME });
    members = [...new Set(names)];
  }
  return { ok: true, value: { teamName, honour: honour.value, members } };
}

/** Individual honour words are not checked here: 工匠 or 先进 may well be part of a team's name. */
function looksLikeHonourPart(word: string): boolean {
  return /^(?:19|20)\d{2}/.test(word) || !!levelOf(word) || !!collectiveCategoryWithin(word);
}

/**
 * `2021 市级工人先锋号 示例市总工会`, in any order, spaces optional around year and category.
 * The level must be a word of its own or stand right before the category: the shared
 * `levelWithin` would read the 市 of 示例市总工会 as "municipal" in a 县级 honour.
 */
export function parseCollectiveHonour(text: string, maxYear: number): Parsed<CollectiveHonourText> {
  const category = collectiveCategoryWithin(text);
  if (!category) {
    // 劳动模范, 五一劳动奖章 ... belong to one person's file, not to a team.
    // 先进集体 is a collective honour not tracked here: its 先进 is no individual honour.
    const individual = /集体/.test(text) ? undefined : honourCategoryWithin(text);
    return individual ? fail('individual', { word: individual.word }) : fail('category');
  }
  const spaced = text
    .replace(new RegExp(escapeRegExp(category.word), 'i'), ` ${CATEGORY_MARK} `)
    .replace(YEAR, ' $1 ');
  const tokens = spaced.split(/\s+/).map(trimPunctuation).filter(Boolean);

  const at = tokens.indexOf(CATEGORY_MARK);
  const levelAt = at > 0 && levelOf(tokens[at - 1]) ? at - 1 : tokens.findIndex((w) => w !== CATEGORY_MARK && levelOf(w));
  if (levelAt < 0) return fail('level');
  const level = levelOf(tokens[levelAt])!;

  const yearAt = tokens.findIndex((w) => /^\d{4}$/.test(w));
  const year = yearAt < 0 ? NaN : Number(tokens[yearAt]);
  if (year > maxYear) return fail('year_future', { year, max: maxYear });
  if (!(year >= FIRST_YEAR)) return fail('year', { max: maxYear });

  // What is left is the awarding body. More than one word, or a bare number, is more likely
  // a slip (members without 成员：, a second year) than a body's name: refused, not stored.
  const rest = tokens.filter((_, i) => i !== at && i !== levelAt && i !== yearAt);
  if (rest.length > 1 || (rest[0] && !/\p{L}/u.test(rest[0]))) return fail('extra', { text: rest.join(' ') });
  const awardingBody = rest[0];
  if (awardingBody && awardingBody.length > MAX_AWARDING_BODY) return fail('awarding_body_too_long', { max: MAX_AWARDING_BODY });
  return { ok: true, value: { category: category.value, level, year, ...(awardingBody ? { awardingBody } : {}) } };
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The field's words as people type them, mapped to the codes stored in the database. Display
 * labels come from the locale files; these tables only read input (Chinese and English).
 */

export const HONOUR_CATEGORIES = ['model_worker', 'advanced_worker', 'craftsman', 'master_craftsman', 'may_day_medal'] as const;
export type HonourCategory = (typeof HONOUR_CATEGORIES)[number];

export const COLLECTIVE_CATEGORIES = ['worker_pioneer', 'may_day_award'] as const;
export type CollectiveCategory = (typeof COLLECTIVE_CATEGORIES)[number];

export const LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
export type Level = (typeof LEVELS)[number];

export const EMPLOYMENT_STATUSES = ['employed', 'retired', 'unemployed', 'deceased', 'left'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

/**
 * No longer in the union's care: died, or left (moved away, transferred to another union). Their
 * files and history stay; nothing new is planned for them (invitations, visit plans, subsidies).
 */
export const OFF_ROLL_STATUSES = ['deceased', 'left'] as const satisfies readonly EmploymentStatus[];
export const isOnRoll = (status: string) => !(OFF_ROLL_STATUSES as readonly string[]).includes(status);

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

export const VISIT_KINDS = ['in_person', 'phone', 'letter', 'hospital'] as const;
export type VisitKind = (typeof VISIT_KINDS)[number];

// Longer words first where one contains another (先进工作者 before 工作者, 名匠 before 匠).
const categoryWords: [string, HonourCategory][] = [
  ['全国劳动模范', 'model_worker'],
  ['劳动模范', 'model_worker'],
  ['劳模', 'model_worker'],
  ['model worker', 'model_worker'],
  ['先进工作者', 'advanced_worker'],
  ['先进', 'advanced_worker'],
  ['advanced worker', 'advanced_worker'],
  ['名匠', 'master_craftsman'],
  ['master craftsman', 'master_craftsman'],
  ['工匠', 'craftsman'],
  ['craftsman', 'craftsman'],
  ['五一劳动奖章', 'may_day_medal'],
  ['劳动奖章', 'may_day_medal'],
  ['奖章', 'may_day_medal'],
  ['may day medal', 'may_day_medal'],
];

const collectiveWords: [string, CollectiveCategory][] = [
  ['工人先锋号', 'worker_pioneer'],
  ['先锋号', 'worker_pioneer'],
  ['worker pioneer', 'worker_pioneer'],
  ['五一劳动奖状', 'may_day_award'],
  ['劳动奖状', 'may_day_award'],
  ['奖状', 'may_day_award'],
  ['may day award', 'may_day_award'],
];

const levelWords: [string, Level][] = [
  ['全国', 'national'],
  ['国家级', 'national'],
  ['national', 'national'],
  ['省级', 'provincial'],
  ['省', 'provincial'],
  ['provincial', 'provincial'],
  ['市级', 'municipal'],
  ['市', 'municipal'],
  ['municipal', 'municipal'],
  ['city', 'municipal'],
  ['县级', 'county'],
  ['县', 'county'],
  ['county', 'county'],
];

const statusWords: [string, EmploymentStatus][] = [
  ['在职', 'employed'],
  ['employed', 'employed'],
  ['退休', 'retired'],
  ['retired', 'retired'],
  ['下岗失业', 'unemployed'],
  ['下岗', 'unemployed'],
  ['失业', 'unemployed'],
  ['unemployed', 'unemployed'],
  ['离世', 'deceased'],
  ['去世', 'deceased'],
  ['已故', 'deceased'],
  ['deceased', 'deceased'],
  ['已迁出', 'left'],
  ['迁出', 'left'],
  ['调离', 'left'],
  ['left', 'left'],
  ['moved away', 'left'],
];

const genderWords: [string, Gender][] = [
  ['男', 'male'],
  ['male', 'male'],
  ['m', 'male'],
  ['女', 'female'],
  ['female', 'female'],
  ['f', 'female'],
];

const visitKindWords: [string, VisitKind][] = [
  ['上门', 'in_person'],
  ['走访', 'in_person'],
  ['当面', 'in_person'],
  ['in-person', 'in_person'],
  ['in person', 'in_person'],
  ['visit', 'in_person'],
  ['电话', 'phone'],
  ['phone', 'phone'],
  ['慰问信', 'letter'],
  ['信', 'letter'],
  ['letter', 'letter'],
  ['探病', 'hospital'],
  ['医院', 'hospital'],
  ['hospital', 'hospital'],
];

const exact = <T>(table: [string, T][]) => (word: string): T | undefined => {
  const w = word.trim().toLowerCase();
  return table.find(([k]) => k === w)?.[1];
};

/** The first table word found inside `text`, with where it was, for free-form phrases. */
const within = <T>(table: [string, T][]) => (text: string): { value: T; word: string } | undefined => {
  const t = text.toLowerCase();
  for (const [word, value] of table) if (t.includes(word)) return { value, word };
  return undefined;
};

export const employmentStatusOf = exact(statusWords);
export const genderOf = exact(genderWords);
export const visitKindOf = exact(visitKindWords);
export const levelOf = exact(levelWords);
export const honourCategoryOf = exact(categoryWords);
export const collectiveCategoryOf = exact(collectiveWords);
export const honourCategoryWithin = within(categoryWords);
export const collectiveCategoryWithin = within(collectiveWords);
export const levelWithin = within(levelWords);

/** An honour as typed: "2018 省级劳动模范", "市级 工匠 2021 昆明市总工会", "2018 云南省劳动模范 云南省人民政府". */
export interface HonourText {
  category: HonourCategory;
  level: Level;
  year: number;
  awardingBody?: string;
}

/** Level from what stands right before a category word: 省级 / 全国 / 云南省 / 石林县 / 昆明市. */
function levelBefore(prefix: string): Level | undefined {
  const p = prefix.trim().toLowerCase();
  if (!p) return undefined;
  const exactLevel = levelOf(p);
  if (exactLevel) return exactLevel;
  // A place name ending in 省/市/县 names the level of the honour it stands before.
  if (/全国$|国家级$/.test(p)) return 'national';
  if (/省(级)?$/.test(p)) return 'provincial';
  if (/市(级)?$/.test(p)) return 'municipal';
  if (/[县區区](级)?$/.test(p)) return 'county';
  return undefined;
}

/** A year as rosters write it against other words (2018年省级劳动模范, 省级劳动模范（2018年）, 2015年度): set apart. */
const YEAR_IN_TEXT = /[（(]?(?<![\dA-Za-z])((?:19|20)\d{2})(?:年度|年)?(?!\d)[)）]?/g;

/**
 * Reads an honour word by word: the word holding the category (with its level glued before it,
 * or the word before it giving the level), a year, and whatever is left is the awarding body.
 * Working on words keeps 省 in 云南省人民政府 from being read as the honour's level. A year written
 * against other words, or in full-width digits, is set apart first.
 */
export function parseHonourText(
  text: string,
  maxYear: number,
): { ok: true; value: HonourText } | { ok: false; reason: 'category' | 'level' | 'year' } {
  const words = text.normalize('NFKC').replace(YEAR_IN_TEXT, ' $1 ').replace(/[,，;；]/g, ' ').split(/\s+/).filter(Boolean);
  let yearIndex = -1;
  let year = NaN;
  words.forEach((w, i) => {
    const m = /^(19\d{2}|20\d{2})年?$/.exec(w);
    if (m && yearIndex < 0) {
      yearIndex = i;
      year = Number(m[1]);
    }
  });
  const used = new Set<number>(yearIndex >= 0 ? [yearIndex] : []);
  let category: HonourCategory | undefined;
  let level: Level | undefined;
  for (const [i, w] of words.entries()) {
    if (used.has(i)) continue;
    const found = honourCategoryWithin(w);
    if (!found) continue;
    category = found.value;
    used.add(i);
    const at = w.toLowerCase().indexOf(found.word);
    // 全国劳动模范 carries its level in the category word itself.
    level = found.word === '全国劳动模范' ? 'national' : levelBefore(w.slice(0, at));
    if (!level && i > 0 && !used.has(i - 1)) {
      level = levelBefore(words[i - 1]);
      if (level) used.add(i - 1);
    }
    break;
  }
  // English words come apart ("provincial model worker"): fall back to the whole text.
  if (!category) {
    const found = honourCategoryWithin(text);
    if (!found) return { ok: false, reason: 'category' };
    category = found.value;
    const levelWord = levelWithin(text.replace(found.word, ' '));
    level = levelWord?.value;
    words.forEach((w, i) => {
      if (found.word.split(' ').includes(w.toLowerCase()) || (levelWord && w.toLowerCase() === levelWord.word)) used.add(i);
    });
  }
  if (!level) return { ok: false, reason: 'level' };
  if (!(year >= 1950 && year <= maxYear)) return { ok: false, reason: 'year' };
  const rest = words.filter((_, i) => !used.has(i)).join(' ').trim();
  return { ok: true, value: { category, level, year, ...(rest ? { awardingBody: rest } : {}) } };
}

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

export const EMPLOYMENT_STATUSES = ['employed', 'retired', 'unemployed', 'deceased'] as const;
export type EmploymentStatus = (typeof EMPLOYMENT_STATUSES)[number];

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

/** An honour as typed: "2018 省级劳动模范", "市级 工匠 2021 昆明市总工会". */
export interface HonourText {
  category: HonourCategory;
  level: Level;
  year: number;
  awardingBody?: string;
}

export function parseHonourText(
  text: string,
  maxYear: number,
): { ok: true; value: HonourText } | { ok: false; reason: 'category' | 'level' | 'year' } {
  const category = honourCategoryWithin(text);
  if (!category) return { ok: false, reason: 'category' };
  // 全国劳动模范 carries its level in the category word.
  const level = category.word === '全国劳动模范' ? { value: 'national' as Level, word: '全国' } : levelWithin(text.replace(category.word, ' '));
  if (!level) return { ok: false, reason: 'level' };
  const yearMatch = /(?:^|\D)(19\d{2}|20\d{2})(?:年)?(?!\d)/.exec(text);
  const year = yearMatch ? Number(yearMatch[1]) : NaN;
  if (!(year >= 1950 && year <= maxYear)) return { ok: false, reason: 'year' };
  const rest = text
    .replace(category.word, ' ')
    .replace(new RegExp(`${level.word}(级)?`), ' ')
    .replace(yearMatch![0], ' ')
    .replace(/[年,，;；]/g, ' ')
    .trim();
  return { ok: true, value: { category: category.value, level: level.value, year, ...(rest ? { awardingBody: rest } : {}) } };
}

import type { Translate } from '../../core/i18n.ts';
import { formatMoney } from '../../domain/money.ts';
import { HONOUR_CATEGORIES, LEVELS, VISIT_KINDS } from '../../domain/vocabulary.ts';
import type { StatsFilter, YearStats } from './year-stats.ts';

/** The filters in words after a title ("（省级、工匠）"), or nothing when the figures are the whole office's. */
export function filterNote(t: Translate, f: StatsFilter): string {
  const filters = [f.level ? t(`vocab.levels.${f.level}`) : '', f.category ? t(`vocab.categories.${f.category}`) : '', f.employer ? t('stats.employer', { employer: f.employer }) : ''].filter(Boolean);
  return filters.length ? t('stats.filters', { filters: filters.join(t('stats.separator')) }) : '';
}

/** The share of people invited to a checkup who had it, in whole percent (0 when nobody was invited). */
export const completionRate = (c: YearStats['checkups']): number => (c.invited ? Math.round((c.attended / c.invited) * 100) : 0);

/**
 * The figures worded as the office writes its report upward ("共有各级劳动模范和先进工作者 77
 * 人，其中省级 11 人、市级 49 人、县级 17 人 …"): what is zero is left out of a list, not the line.
 */
export function reportText(t: Translate, locale: string, f: StatsFilter, s: YearStats): string {
  const sep = t('stats.separator');
  const list = (parts: string[]) => parts.join(sep) || t('stats.none');
  const lines = [t('stats.title', { year: f.year, filters: filterNote(t, f) })];
  lines.push(t('stats.honorees', { count: s.honorees, levels: list(LEVELS.filter((l) => s.byLevel[l]).map((l) => t('stats.level_count', { level: t(`vocab.levels.${l}`), count: s.byLevel[l] }))) }));
  const kinds = HONOUR_CATEGORIES.flatMap((c) => LEVELS.filter((l) => s.byCategory[c][l]).map((l) => t('stats.kind_count', { level: t(`vocab.levels.${l}`), category: t(`vocab.categories.${c}`), count: s.byCategory[c][l] })));
  lines.push(t('stats.kinds', { kinds: list(kinds) }));
  lines.push(t('stats.collective', { pioneer: s.collective.worker_pioneer, award: s.collective.may_day_award }));
  const byKind = VISIT_KINDS.filter((k) => s.visits.byKind[k]).map((k) => t('stats.visit_kind', { kind: t(`vocab.visit_kinds.${k}`), count: s.visits.byKind[k] }));
  lines.push(t('stats.visits', { total: s.visits.total, people: s.visits.people, kinds: list(byKind), money: formatMoney(s.visits.moneyFen, locale) }));
  lines.push(t('stats.checkups', { ...s.checkups, rate: completionRate(s.checkups) }));
  lines.push(t('stats.subsidies', { paid: s.subsidies.paid, paidMoney: formatMoney(s.subsidies.paidFen, locale), unpaid: s.subsidies.unpaid, unpaidMoney: formatMoney(s.subsidies.unpaidFen, locale) }));
  lines.push(t('stats.priority', { people: s.priority.people, hardship: s.priority.hardship, health: s.priority.health }));
  return lines.join('\n');
}

import type { Translate } from '../../core/i18n.ts';
import { HONOUR_CATEGORIES, LEVELS, VISIT_KINDS } from '../../domain/vocabulary.ts';
import type { YearStats } from '../stats/index.ts';

/**
 * The statistics sheet, laid out as the report upward lists them: one item a row, its figure
 * beside it (money in yuan with two decimals, as text so the sheet reads like the report).
 */
export function statsRows(t: Translate, s: YearStats): Array<{ item: string; value: number | string }> {
  const yuan = (fen: number) => (fen / 100).toFixed(2);
  return [
    { item: t('export.stats.honorees'), value: s.honorees },
    ...LEVELS.map((l) => ({ item: t('export.stats.level', { level: t(`vocab.levels.${l}`) }), value: s.byLevel[l] })),
    ...HONOUR_CATEGORIES.flatMap((c) => LEVELS.filter((l) => s.byCategory[c][l]).map((l) => ({ item: t('export.stats.kind', { level: t(`vocab.levels.${l}`), category: t(`vocab.categories.${c}`) }), value: s.byCategory[c][l] }))),
    { item: t('export.stats.worker_pioneer'), value: s.collective.worker_pioneer },
    { item: t('export.stats.may_day_award'), value: s.collective.may_day_award },
    { item: t('export.stats.visits'), value: s.visits.total },
    ...VISIT_KINDS.map((k) => ({ item: t('export.stats.visit_kind', { kind: t(`vocab.visit_kinds.${k}`) }), value: s.visits.byKind[k] ?? 0 })),
    { item: t('export.stats.people_reached'), value: s.visits.people },
    { item: t('export.stats.money'), value: yuan(s.visits.moneyFen) },
    { item: t('export.stats.checkups_invited'), value: s.checkups.invited },
    { item: t('export.stats.checkups_done'), value: s.checkups.attended },
    { item: t('export.stats.subsidies_paid'), value: s.subsidies.paid },
    { item: t('export.stats.subsidies_paid_money'), value: yuan(s.subsidies.paidFen) },
    { item: t('export.stats.subsidies_unpaid'), value: s.subsidies.unpaid },
    { item: t('export.stats.subsidies_unpaid_money'), value: yuan(s.subsidies.unpaidFen) },
    { item: t('export.stats.priority'), value: s.priority.people },
  ];
}

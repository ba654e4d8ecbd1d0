import type { Translate } from '../../core/i18n.ts';
import type { SubsidySchedule } from '../../domain/subsidy.ts';

/** "全国劳动模范、省级劳动模范": the honours a policy pays, as the office writes them. */
export const honourKindsText = (t: Translate, honours: ReadonlyArray<{ category: string; level: string }>) =>
  honours.map((h) => t('subsidies.honour_kind', { level: t(`vocab.levels.${h.level}`), category: t(`vocab.categories.${h.category}`) })).join(t('subsidies.list_separator'));

/** "春节前 7 天" or "每年 9月1日". */
export const scheduleText = (t: Translate, s: SubsidySchedule) =>
  s.kind === 'festival' ? t('subsidies.schedule_festival', { festival: t(`festivals.names.${s.festival}`), days: s.daysBefore }) : t('subsidies.schedule_fixed', { month: s.month, day: s.day });

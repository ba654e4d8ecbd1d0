import type { DigestSection, FeatureDeps, FeaturePart } from '../feature.ts';
import { planDigests } from './plan-digest.ts';
import { todayCommand } from './today-command.ts';

export { planDigests } from './plan-digest.ts';
export { composeDigest } from './compose.ts';

/**
 * The daily digest: every notification group gets one message a day at HONORCARE_DIGEST_TIME,
 * made of the sections the other features contribute (in the order given); 今日 shows it on demand.
 */
export function digestFeature(deps: FeatureDeps, sections: readonly DigestSection[]): FeaturePart {
  const timeZone = deps.timeZone ?? 'UTC';
  const digestTime = deps.digestTime ?? '08:30';
  const t = deps.translate?.(deps.defaultLocale ?? 'zh-CN');
  return {
    commands: [todayCommand(deps.db, sections, timeZone)],
    planners: t
      ? // Every minute, not only at the digest time: a missed tick, a failed run or a lease held by a
        // crashed instance must not lose the day's digest. A run before the time, or for a group
        // that has today's already, is a few cheap reads.
        [{ name: 'digest', cron: '* * * * *', run: (now) => planDigests(deps.db, now, { sections, timeZone, digestTime, t, locale: deps.defaultLocale ?? 'zh-CN' }) }]
      : [],
  };
}

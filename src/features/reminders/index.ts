import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { reminderCommands } from './commands.ts';
import { remindersTodaySection } from './digest-section.ts';
import { planReminders } from './plan-reminders.ts';

export { planReminders } from './plan-reminders.ts';
export { setFollowUpReminder, type FollowUp } from './follow-up.ts';

/**
 * Reminders staff set in one line (提醒), sent through the outbox. Its planner hands each
 * occurrence to the outbox an hour ahead, every minute, so a due reminder is already a row
 * when its time comes (the dispatcher wakes for it; cron never decides the minute it goes).
 */
export function remindersFeature(deps: FeatureDeps): FeaturePart {
  const timeZone = deps.timeZone ?? 'UTC';
  return {
    commands: reminderCommands({ db: deps.db, timeZone }),
    planners: [{ name: 'reminders', cron: '* * * * *', run: (now) => planReminders(deps.db, now, timeZone) }],
    digestSections: [remindersTodaySection(deps.db, timeZone)],
  };
}

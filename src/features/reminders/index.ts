import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { reminderCommands } from './commands.ts';

export { planReminders } from './plan-reminders.ts';

/** Reminders staff set in one line (提醒), sent through the outbox. */
export function remindersFeature(deps: FeatureDeps): FeaturePart {
  return { commands: reminderCommands({ db: deps.db, timeZone: deps.timeZone ?? 'UTC' }) };
}

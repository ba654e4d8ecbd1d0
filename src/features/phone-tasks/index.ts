import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { doneCommand } from './done-command.ts';
import { noticeCommands } from './notice-commands.ts';
import { openTaskLines } from './open-tasks.ts';

/**
 * Phone-call tasks: a message the outbox could not deliver (the person blocked the bot, never
 * started it, the chat is gone) becomes "call X" for staff, listed in the digest and under 提醒,
 * closed with 完成 N. The outbox's dispatcher creates them; this feature shows and closes them,
 * and lets admins send again (重发 N) or give up (作废 N) a notification that failed or was skipped.
 */
export function phoneTasksFeature(deps: FeatureDeps): FeaturePart {
  return {
    commands: [doneCommand(deps.db), ...noticeCommands(deps.db)],
    digestSections: [{ id: 'phone_tasks', collect: (q) => openTaskLines(deps.db, q.t, 'accountId' in q.for ? q.for : null) }],
  };
}

export { openTaskLines } from './open-tasks.ts';

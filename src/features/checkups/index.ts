import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { declineReasonFlow, invitationQuestions, rescheduleFlow } from './answer-invitation.ts';
import { discardStaleDrafts } from './campaign-draft.ts';
import { campaignFlow } from './campaign-flow.ts';
import { checkupCommand } from './checkup-command.ts';
import { checkupDigestSection } from './digest-section.ts';
import { findingsFlow } from './findings-flow.ts';
import { checkupHistoryLines } from './history.ts';
import { myCheckupCommand } from './my-checkup.ts';
import { optOutCommands } from './opt-out.ts';

/**
 * Health checkups: campaigns staff create (体检 新建) and steer (体检), invitations honorees
 * answer, and what honorees and their proxies see and say (我的体检, 退订, 订阅).
 */
export function checkupsFeature(deps: FeatureDeps): FeaturePart {
  return {
    commands: [checkupCommand(deps), myCheckupCommand(deps.db), ...optOutCommands(deps.db)],
    flows: [campaignFlow(deps), rescheduleFlow(deps), declineReasonFlow(deps), findingsFlow(deps)],
    standingQuestions: invitationQuestions(deps),
    digestSections: [checkupDigestSection(deps.db)],
    fileSections: [{ id: 'checkups', lines: (t, honoreeId) => checkupHistoryLines(deps.db, t, honoreeId) }],
    // At start and every hour: a campaign whose writing died with its process (a draft) goes.
    planners: [{ name: 'checkups.drafts', cron: '41 * * * *', run: (now) => discardStaleDrafts(deps.db, now) }],
  };
}

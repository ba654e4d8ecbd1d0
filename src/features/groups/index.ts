import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { groupCommands } from './group-commands.ts';
import { groupMembership } from './on-membership.ts';

export { activeGroups, findActiveGroup, type NotifyGroupRow } from './find-groups.ts';
export { webhookKeys } from './webhooks.ts';

/**
 * Notification groups: 绑定群 / 解绑群, WeCom groups through their robots (绑定企业微信群), and what
 * happens when the bot is removed from one or it moves.
 */
export function groupsFeature(deps: FeatureDeps): FeaturePart {
  return { commands: groupCommands(deps.db, { digestTime: deps.digestTime ?? '08:30' }), onMembership: groupMembership(deps.db) };
}

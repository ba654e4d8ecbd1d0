import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { groupCommands } from './group-commands.ts';
import { groupMembership } from './on-membership.ts';

export { activeGroups, findActiveGroup, type NotifyGroupRow } from './find-groups.ts';

/** Notification groups: 绑定群 / 解绑群, and what happens when the bot is removed from one or it moves. */
export function groupsFeature(deps: FeatureDeps): FeaturePart {
  return { commands: groupCommands(deps.db), onMembership: groupMembership(deps.db) };
}

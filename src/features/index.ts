import type { Command, Flow } from '../core/command.ts';
import type { PublicCommand } from '../core/engine.ts';
import type { MembershipReaction } from '../core/membership.ts';
import type { AccountDirectory } from '../core/ports.ts';
import { accountCommands, dbAccountDirectory } from './accounts/index.ts';
import type { FeatureDeps, FeaturePart } from './feature.ts';
import { collectiveFeature } from './collective/index.ts';
import { groupsFeature } from './groups/index.ts';
import { honoreesFeature } from './honorees/index.ts';
import { importFeature } from './import/index.ts';
import { remindersFeature } from './reminders/index.ts';
import { surveyFeature } from './survey/index.ts';
import { visitsFeature } from './visits/index.ts';

export type { FeatureDeps } from './feature.ts';
export { ensureAdmins } from './accounts/index.ts';

/** Every capability of the bot, in the order help lists them. */
export function createFeatures(deps: FeatureDeps): {
  commands: Command[];
  publicCommands: PublicCommand[];
  flows: Flow[];
  membership: MembershipReaction[];
  accounts: AccountDirectory;
} {
  const accounts = dbAccountDirectory(deps.db, deps.clock);
  const parts: FeaturePart[] = [
    honoreesFeature(deps),
    surveyFeature(deps),
    visitsFeature(deps),
    collectiveFeature(deps),
    importFeature(deps),
    remindersFeature(deps),
    groupsFeature(deps),
    accountCommands(deps.db, { inviteTtlHours: deps.inviteTtlHours, telegramBotUsername: deps.telegramBotUsername }),
  ];
  return {
    commands: parts.flatMap((p) => p.commands ?? []),
    publicCommands: parts.flatMap((p) => p.publicCommands ?? []),
    flows: parts.flatMap((p) => p.flows ?? []),
    membership: parts.flatMap((p) => (p.onMembership ? [p.onMembership] : [])),
    accounts,
  };
}

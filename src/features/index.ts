import type { Command, Flow } from '../core/command.ts';
import type { PublicCommand } from '../core/engine.ts';
import type { AvailabilityReaction } from '../core/availability.ts';
import type { MembershipReaction } from '../core/membership.ts';
import type { AccountDirectory } from '../core/ports.ts';
import type { StandingQuestions } from '../core/standing.ts';
import { accountCommands, dbAccountDirectory } from './accounts/index.ts';
import type { DigestSection, FeatureDeps, FeaturePart, FeaturePlanner, FileSection, HonourNote } from './feature.ts';
import { channelStatusFeature } from './channel-status/index.ts';
import { checkupsFeature } from './checkups/index.ts';
import { collectiveFeature } from './collective/index.ts';
import { digestFeature } from './digest/index.ts';
import { groupsFeature } from './groups/index.ts';
import { honoreesFeature } from './honorees/index.ts';
import { importFeature } from './import/index.ts';
import { phoneTasksFeature } from './phone-tasks/index.ts';
import { remindersFeature } from './reminders/index.ts';
import { subsidiesFeature } from './subsidies/index.ts';
import { festivalsFeature } from './festivals/index.ts';
import { visitPlansFeature } from './visit-plans/index.ts';
import { statsFeature } from './stats/index.ts';
import { exportFeature } from './export/index.ts';
import { surveyFeature } from './survey/index.ts';
import { visitsFeature } from './visits/index.ts';

export type { FeatureDeps, FeaturePlanner } from './feature.ts';
export { commandLineInvite, ensureAdmins, roleWord } from './accounts/index.ts';
export { webhookKeys } from './groups/index.ts';
export { exportYear } from './export/index.ts';
export { yearReport } from './stats/index.ts';

/** Every capability of the bot, in the order help lists them. */
export function createFeatures(deps: FeatureDeps): {
  commands: Command[];
  publicCommands: PublicCommand[];
  flows: Flow[];
  standing: StandingQuestions[];
  membership: MembershipReaction[];
  availability: AvailabilityReaction[];
  friendRequests: NonNullable<FeaturePart['onFriendRequest']>[];
  accounts: AccountDirectory;
  /** What runs on the bot's own schedule (node-cron, in the office's time zone). */
  planners: FeaturePlanner[];
  /** The daily digest's sections, in order (for 今日, the digest planner and benchmarks). */
  digestSections: DigestSection[];
} {
  const accounts = dbAccountDirectory(deps.db, deps.clock);
  // Filled once every feature is made: the file view (honorees) shows what others add (checkups).
  const fileSections: FileSection[] = [];
  const honourNotes: HonourNote[] = [];
  deps = { ...deps, fileSections: () => fileSections, honourNotes: () => honourNotes };
  const parts: FeaturePart[] = [
    honoreesFeature(deps),
    surveyFeature(deps),
    visitsFeature(deps),
    collectiveFeature(deps),
    importFeature(deps),
    remindersFeature(deps),
    phoneTasksFeature(deps),
    groupsFeature(deps),
    channelStatusFeature(deps),
    checkupsFeature(deps),
    subsidiesFeature(deps),
    visitPlansFeature(deps),
    festivalsFeature(deps),
    statsFeature(deps),
    exportFeature(deps),
    accountCommands(deps.db, { inviteTtlHours: deps.inviteTtlHours, telegramBotUsername: deps.telegramBotUsername }),
  ];
  fileSections.push(...parts.flatMap((p) => p.fileSections ?? []));
  honourNotes.push(...parts.flatMap((p) => p.honourNotes ?? []));
  // The digest is made of what the others contribute, in the order: today's reminders,
  // who is due a visit, milestone birthdays, then calls to make.
  const order = ['reminders', 'overdue_visits', 'birthdays', 'phone_tasks', 'checkups', 'subsidies', 'visit_plans'];
  const sections = parts.flatMap((p) => p.digestSections ?? []).sort((a, b) => rank(order, a.id) - rank(order, b.id));
  // Listed in help before the account commands, with the other daily work.
  parts.splice(parts.length - 1, 0, digestFeature(deps, sections));
  return {
    commands: parts.flatMap((p) => p.commands ?? []),
    publicCommands: parts.flatMap((p) => p.publicCommands ?? []),
    flows: parts.flatMap((p) => p.flows ?? []),
    standing: parts.flatMap((p) => (p.standingQuestions ? [p.standingQuestions] : [])),
    membership: parts.flatMap((p) => (p.onMembership ? [p.onMembership] : [])),
    availability: parts.flatMap((p) => (p.onAvailability ? [p.onAvailability] : [])),
    friendRequests: parts.flatMap((p) => (p.onFriendRequest ? [p.onFriendRequest] : [])),
    accounts,
    planners: parts.flatMap((p) => p.planners ?? []),
    digestSections: sections,
  };
}

/** A section's place: known ones in order, any later one after them. */
const rank = (order: string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);

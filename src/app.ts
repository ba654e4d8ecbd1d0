import type { Logger } from 'pino';
import { createEngine } from './core/engine.ts';
import { createI18n, type Locale } from './core/i18n.ts';
import type { ChannelName, ChatRef } from './core/message.ts';
import type { Db } from './db/client.ts';
import { dbConversationStore } from './db/conversation-store.ts';
import { dbUpdateLog } from './db/update-log.ts';
import { findActiveGroup } from './features/groups/index.ts';
import { createFeatures, type FeatureDeps } from './features/index.ts';

export interface CoreOptions {
  defaultLocale: Locale;
  timeZone: string;
  fileNoPrefix: string;
  inviteTtlHours: number;
  /** Minutes a guided form waits for its next answer (default 30). */
  formTtlMinutes?: number;
  maxUploadBytes: number;
  /** When the daily digest goes to the notification groups (HH:MM, office time). */
  digestTime?: string;
  /** The digest lists priority-register honorees not visited for this many days. */
  visitGapDays?: number;
  /** A festival's visit plan is drafted this many days before it (default 21). */
  planLeadDays?: number;
  /** Staff are reminded of a subsidy this many days before it is due (default 14 and 3). */
  subsidyRemindDays?: number[];
  /** When the bot starts no conversation with an honoree; null: any time (tests), default none. */
  quietHours?: FeatureDeps['quietHours'];
  clock?: () => Date;
  telegramBotUsername?: () => string | undefined;
  /** The channels this process can send on now, and which bot of each (notices to admins). */
  routes?: () => Array<{ channel: ChannelName; via: string }>;
}

/**
 * The platform-free bot: features on the database behind one engine. Channels feed it; tests
 * drive it directly with no platform at all.
 */
export function createCore(db: Db, log: Logger, options: CoreOptions) {
  const i18n = createI18n();
  const features = createFeatures({
    db,
    fileNoPrefix: options.fileNoPrefix,
    inviteTtlHours: options.inviteTtlHours,
    maxUploadBytes: options.maxUploadBytes,
    timeZone: options.timeZone,
    telegramBotUsername: options.telegramBotUsername,
    clock: options.clock,
    defaultLocale: options.defaultLocale,
    translate: (locale) => i18n.for(locale),
    digestTime: options.digestTime,
    visitGapDays: options.visitGapDays,
    planLeadDays: options.planLeadDays,
    subsidyRemindDays: options.subsidyRemindDays,
    quietHours: options.quietHours ?? null,
    routes: options.routes,
  });
  const engine = createEngine({
    ...features,
    conversations: dbConversationStore(db),
    updates: dbUpdateLog(db, options.clock),
    i18n,
    log,
    defaultLocale: options.defaultLocale,
    timeZone: options.timeZone,
    clock: options.clock,
    formTtlMinutes: options.formTtlMinutes,
  });
  /**
   * Whether the bot takes a group message that does not mention it, for a channel that sees every
   * message of a group (WeChat): only in a registered notification group, and only one that starts
   * with a command. Anywhere else a group is the members' own conversation.
   */
  const acceptsUnmentioned = async (chat: ChatRef, text: string) => engine.startsCommand(text) && (await findActiveGroup(db, chat)) !== null;
  return { ...engine, acceptsUnmentioned, planners: features.planners, digestSections: features.digestSections, i18n };
}

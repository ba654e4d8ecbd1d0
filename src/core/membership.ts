/**
 * What happens to the bot's place in a chat, told in neutral terms: added to a group or removed
 * from it, blocked or unblocked by a person, a group moved to a new id. Channels translate their
 * platform's updates into it; features react (a removed notification group is marked inactive).
 */
import type { Logger } from 'pino';
import type { ChatRef, Sender } from './message.ts';

/**
 * - joined: the bot was added to a group (or made a member again).
 * - left / kicked: the bot is no longer in a group (it left or was removed; kicked: removed and
 *   barred until let back in).
 * - blocked / unblocked: a person blocked the bot in their private chat, or allowed it again.
 * - migrated: the group lives on under another id (`newChatId`): a Telegram group upgraded to a
 *   supergroup.
 */
export type MembershipChange = 'joined' | 'left' | 'kicked' | 'blocked' | 'unblocked' | 'migrated';

export interface MembershipEvent {
  chat: ChatRef;
  change: MembershipChange;
  /** The chat's new id, for `migrated`. */
  newChatId?: string;
  /** Who did it, where the platform says (the admin who removed the bot; the person who blocked it). */
  by?: Sender;
  /** When it happened, as the platform says; the same change delivered twice has the same time. */
  at?: Date;
  /** The platform's id for this update, when it has one; a duplicate is handled once. */
  updateId?: string;
}

/** What a feature's reaction gets besides the event. */
export interface MembershipContext {
  log: Logger;
  now(): Date;
}

/** A feature's reaction to a membership event (registered next to its commands). */
export type MembershipReaction = (event: MembershipEvent, ctx: MembershipContext) => Promise<void>;

/** What a channel hands each membership event to. Never rejects for what a reaction did. */
export type MembershipHandler = (event: MembershipEvent) => Promise<void>;

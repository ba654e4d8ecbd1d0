import type { Logger } from 'pino';
import type { AvailabilityHandler } from './availability.ts';
import type { Locale } from './i18n.ts';
import type { MembershipHandler } from './membership.ts';
import type { ChannelName, ChatRef, Incoming, Reply, Sender } from './message.ts';

/** What a channel hands each incoming message to; answers are rendered by the channel. */
export type MessageHandler = (incoming: Incoming) => Promise<Reply[]>;

/** What a channel reports besides messages, where its platform tells it. */
export interface ChannelEvents {
  /** The bot added to or removed from a group, blocked or unblocked, a group moved to a new id. */
  membership?: MembershipHandler;
  /** The channel logged out, fell silent, or came back (WeChat). */
  availability?: AvailabilityHandler;
  /**
   * The questions with choices asked on `channel` (as bot `via`) since `since` and still open,
   * each handed out once: a channel that lost what people answered during an outage asks again.
   */
  openQuestions?: (channel: ChannelName, via: string, since: Date) => Promise<Array<{ chatId: string; kind: 'private' | 'group'; reply: Reply }>>;
  /**
   * Someone asks to be the bot's contact (a WeChat friend request), with a greeting: accepted
   * when the greeting holds a valid invite code, which binds them in the same step; otherwise
   * left alone. `replies` go to the person once accepted.
   */
  friendRequest?: (request: FriendRequest) => Promise<{ accept: boolean; replies: Reply[] }>;
}

/** A request to become the bot's contact: who, in which (future) private chat, and what they wrote. */
export interface FriendRequest {
  chat: ChatRef;
  sender: Sender;
  greeting: string;
}

/** A feature's reaction to a friend request left alone (no valid invite code in it). */
export type FriendRequestReaction = (request: FriendRequest, ctx: { log: Logger; now(): Date }) => Promise<void>;

/** The slash commands to publish in a platform's command menu, per language. */
export type CommandMenu = Record<Locale, { command: string; description: string }[]>;

/**
 * A chat platform adapter. It translates only: platform update -> Incoming, Reply -> platform
 * message. It never decides anything about honorees, roles or data. A message the bot writes on
 * its own goes through the outbox, to the channel as a Deliverer (delivery.ts).
 */
export interface Channel {
  readonly name: ChannelName;
  /** Starts receiving; resolves once the channel is ready. `events` hears what is not a message. */
  start(handler: MessageHandler, menu: CommandMenu, events?: ChannelEvents): Promise<void>;
  /** Stops receiving and lets in-flight messages finish. */
  stop(): Promise<void>;
  /** Resolves when the channel ends by itself (the terminal at end of input). */
  readonly ended?: Promise<void>;
}

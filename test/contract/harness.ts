import type { Address, Deliverer } from '../../src/core/delivery.ts';
import type { createCore } from '../../src/app.ts';
import type { ChannelName } from '../../src/core/message.ts';

export type Core = ReturnType<typeof createCore>;

/**
 * The people of the contract: bound as admin or staff, or not bound at all; and, where a channel
 * can have them, honorees the checkup contract invites (张三 himself, 李海燕's daughter acting for
 * her, 王建国 himself).
 */
export type Who = 'admin' | 'staff' | 'stranger' | 'zhang' | 'daughter' | 'wang';

/** What the bot showed in one message: its text and, where the channel has them, its buttons' labels. */
export interface Shown {
  text: string;
  buttons: string[];
}

/**
 * One channel as the contract suite drives it: real platform traffic in, real platform traffic
 * out (the fake Bot API's HTTP, the terminal's streams, WeChat's mock puppet). A new channel
 * gets the whole suite by writing one of these.
 */
export interface Harness {
  readonly channel: ChannelName;
  /** The platform ids of the people this channel can have; the suite binds admin and staff to them. */
  readonly people: Partial<Record<Who, { id: string; name: string }>>;
  /** Whether choices come as buttons one can press (besides answering by digit). */
  readonly buttons: boolean;
  /** Starts the channel with the real core, as main.ts does. */
  start(core: Core): Promise<void>;
  /** `who` writes `text` in a private chat; resolves with the bot's answers to it, in order. */
  say(who: Who, text: string): Promise<Shown[]>;
  /** `who` presses the button labelled `label` in `on` (the last answer with it); resolves with the answers. */
  press?(who: Who, on: Shown, label: string): Promise<Shown[]>;
  /** `who` writes `text` in the office's group as the platform requires to reach the bot (a mention, a slash command). */
  sayInGroup?(who: Who, text: string): Promise<Shown[]>;
  /** The office group's chat id, for binding it as a notification group. */
  readonly groupChatId?: string;
  /** The channel's side of the outbox, and the bot it sends as. */
  deliverer(): { deliverer: Deliverer; via: string };
  /** Where a private message to `who` goes. */
  address(who: Who): Address;
  /** What the bot last sent to `who` in a private chat (after the outbox has sent something on its own). */
  received(who: Who): Promise<Shown>;
  /** Everything the bot has sent to `who` in a private chat so far, in order (not on the terminal: it has one reader). */
  sentTo?(who: Who): Shown[];
  /** Everything the bot has sent to the office group so far, in order. */
  sentToGroup?(): Shown[];
  /** The names of the files (and images) the bot has sent to `who` so far, in order. */
  filesTo(who: Who): string[];
  stop(): Promise<void>;
}

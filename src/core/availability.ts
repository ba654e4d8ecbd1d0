/**
 * Whether a channel can send and receive now, told in neutral terms: WeChat logged out or gone
 * silent, and back after a login. Channels report it; features react (admins are told on
 * another channel, since the one that went down cannot carry the news).
 */
import type { Logger } from 'pino';
import type { ChannelName } from './message.ts';

/**
 * - logged_out: the platform ended the bot's session; someone must log in again (scan a code).
 * - silent: nothing came from the platform for longer than it ever should; it may be gone.
 * - back: logged in again, or heard from again after a silence.
 */
export type AvailabilityReason = 'logged_out' | 'silent' | 'back';

export interface AvailabilityChange {
  channel: ChannelName;
  /** Which bot of the channel ("" where there is one). */
  via: string;
  up: boolean;
  reason: AvailabilityReason;
  /** When the channel noticed it. */
  at: Date;
}

/** What a channel calls when its availability changes. */
export type AvailabilityHandler = (change: AvailabilityChange) => Promise<void>;

/** A feature's reaction to a change (registered next to its commands). */
export type AvailabilityReaction = (change: AvailabilityChange, ctx: { log: Logger; now(): Date }) => Promise<void>;

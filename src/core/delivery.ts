import type { ChannelName, Reply } from './message.ts';

/**
 * Where a message the bot writes on its own goes: a channel, which bot of it (`via`, where
 * several bots share one database), a chat, and whether the chat is one person's or a group's
 * (platforms limit groups differently).
 */
export interface Address {
  channel: ChannelName;
  via?: string;
  chatId: string;
  kind: 'private' | 'group';
}

/** Why a person or group cannot be reached; staff then call instead (a phone-call task). */
export type Unreachable = 'blocked' | 'never_started' | 'chat_gone' | 'kicked';

/**
 * What happened to one message, told as a value so that the outbox decides without knowing
 * any platform: a channel's deliver never throws for what the platform said.
 */
export type Delivery =
  /** Accepted: the platform's message ids, one per part of a long text. */
  | { outcome: 'sent'; messageIds: string[] }
  /**
   * Not now, maybe later: rate-limited (`afterMs` as the platform asked) or a transient failure.
   * `noAnswer`: the platform never answered (network or proxy down, a timeout, a gateway error):
   * the channel is down, which says nothing about this message, so it is not a failed attempt.
   */
  | { outcome: 'retry'; afterMs?: number; reason: string; noAnswer?: boolean }
  /** The chat has a new id (a Telegram group upgraded to a supergroup): send there instead. */
  | { outcome: 'moved'; chatId: string }
  /** The person or group cannot be reached; retrying will not help. */
  | { outcome: 'unreachable'; reason: Unreachable; detail: string }
  /** The platform refused this message (bad request): retrying will not help. */
  | { outcome: 'rejected'; reason: string };

export interface DeliverOptions {
  /** The send must be over by then (ms since epoch): a platform call never outlives its lease. */
  deadline: number;
  /** Parts of a long text already sent by an earlier attempt (0 when absent): they are not sent again. */
  fromPart?: number;
  /** Aborted when the outbox stops past its grace: a call under way ends, no part is begun. */
  signal?: AbortSignal;
}

/** A channel's side of the outbox: sending on its own, and its rate budget. */
export interface Deliverer {
  /**
   * Sends `reply` to `to` within the deadline, splitting a long text at line breaks, in order.
   * Resolves with what happened; rejects only for a bug. `sentParts` counts the parts sent so
   * far, this attempt's and earlier ones': when a part fails, a retry starts after them.
   */
  deliver(to: Address, reply: Reply, options: DeliverOptions): Promise<Delivery & { sentParts: number }>;
  /** Ms to wait before a message to `to` fits the channel's rate budget (0 = now); takes nothing. */
  waitFor(to: Address): number;
}

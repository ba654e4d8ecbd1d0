/**
 * One bot's send budget: replies and notifications both draw on it, because the platform counts
 * them together. Pure: the clock comes in as milliseconds, nothing here sleeps or reads the time,
 * so the channel adapter decides how to wait and tests run on a fake clock.
 *
 * Every limit is a sliding window, "at most `count` sends in any `perMs` span": that is how the
 * platforms state their limits (Telegram: 20 per rolling minute in a group), and a log of the last
 * `count` send times enforces it exactly. A token bucket alone cannot: a bucket that allows a
 * burst of b at a rate of 30/s lets b + 29 through in some second. The overall limit has a
 * bucket as well, on top of its window, so a backlog leaves in small bursts spread over the second
 * rather than 30 in one instant, while the window keeps the hard ceiling.
 */
import type { ChatRef } from './message.ts';
import { SendBucket, SendWindow, type RateWindow } from './rate-window.ts';

export type { RateWindow } from './rate-window.ts';

/** Private chat with one person, or a group: the platforms limit them differently. */
export type ChatKind = ChatRef['kind'];

/** A platform's limits, as data: WeChat brings its own numbers. */
export interface RateLimits {
  /**
   * All chats together. `burst` (1..count) is how many may leave at once after a quiet spell;
   * the window still caps any `perMs` span at `count`.
   */
  overall: RateWindow & { burst: number };
  /**
   * Whether answers wait for `overall` too (absent: they do). With false an answer is counted in
   * `overall`, so notifications after a busy spell wait the longer, but is never held by it: where
   * a platform's caution is about what a bot sends on its own (WeChat: an account that sends in
   * bulk gets restricted), not about answering someone who just wrote.
   */
  overallHoldsReplies?: boolean;
  /** The windows one chat of each kind must respect, all of them at once. */
  perChat: Record<ChatKind, readonly RateWindow[]>;
  /**
   * The windows an answer to someone who just wrote respects in one chat, in place of `perChat`
   * (absent: `perChat`). Every send still counts in both sets, so a notification after a quick
   * answer waits as after any send.
   */
  replyPerChat?: Record<ChatKind, readonly RateWindow[]>;
}

/**
 * What a send is: an answer to someone who just wrote, or a message the bot writes on its own.
 * They share every limit but may differ in how fast one chat may get several (see replyPerChat).
 */
export type SendPurpose = 'reply' | 'notification';

/**
 * Telegram's published limits: 30 messages/s per bot, about 1/s in one chat, 20/min in a group
 * (a group is also a chat, so its 1/s holds too). A burst of 5 is our choice: a reply need not
 * queue behind a notification that just left, yet a backlog never arrives as one block.
 *
 * Replies may come 3 at once in one chat, still no more than 1/s over any 3 s: Telegram calls its
 * 1/s per chat soft ("short bursts are allowed"), and an answer of three messages (a long list,
 * then a question) should not take three seconds while the person waits. Notifications keep the
 * strict 1/s: nobody is waiting for them, and a backlog to one chat is where a flood would start.
 * A group's 20/min is firm for both.
 *
 * The overall window is 30 per 1,040 ms, 4% under the limit: the budget counts a send when it
 * leaves, Telegram when it arrives, and the network's jitter (a few ms either way) would
 * otherwise put a 31st arrival into one of Telegram's seconds now and then (measured: 222 of
 * 5,000 at exactly 30 per 1,000 ms, none at 1,040; bench/dispatch.ts).
 */
export const TELEGRAM_LIMITS: RateLimits = {
  overall: { count: 30, perMs: 1_040, burst: 5 },
  perChat: {
    private: [{ count: 1, perMs: 1_000 }],
    group: [
      { count: 1, perMs: 1_000 },
      { count: 20, perMs: 60_000 },
    ],
  },
  replyPerChat: {
    private: [{ count: 3, perMs: 3_000 }],
    group: [
      { count: 3, perMs: 3_000 },
      { count: 20, perMs: 60_000 },
    ],
  },
};

/** What the budget remembers of one chat; forgotten once it is as good as new. */
interface ChatState {
  /** No send to this chat before this time (a 429 for the chat); -Infinity when none. */
  pausedUntil: number;
  /** Send logs per kind, made on first use (a chat is one kind; two would be counted apart). */
  windows: Partial<Record<ChatKind, ChatWindows>>;
}

/** One chat's send logs: the ones each purpose asks, and all of them (every send is recorded in each). */
interface ChatWindows {
  reply: SendWindow[];
  notification: SendWindow[];
  all: SendWindow[];
}

/** Below this many chats, memory is not worth sweeping. */
const MIN_SWEEP_AT = 1_024;

/** Rejects limits that would make the budget meaningless (no sends, or fractions of one). */
function checkWindow(w: RateWindow, where: string): void {
  if (!Number.isSafeInteger(w.count) || w.count < 1 || !Number.isSafeInteger(w.perMs) || w.perMs < 1) {
    throw new RangeError(`${where}: count and perMs must be whole numbers ≥ 1`);
  }
}

/**
 * The rate budget of one bot. Ask {@link RateBudget.waitFor} when a message may go, call
 * {@link RateBudget.take} when it actually goes (each part of a split message is one message),
 * and report a 429 with {@link RateBudget.pause}.
 */
export class RateBudget {
  private readonly overallWindow: SendWindow;
  private readonly overallBucket: SendBucket;
  private pausedUntil = -Infinity;
  private readonly chats = new Map<string, ChatState>();
  /** Sweep forgettable chats once the map grows past this; doubles with what stays (amortised O(1)). */
  private sweepAt = MIN_SWEEP_AT;

  /** @throws RangeError if a count, window or burst is not a whole number ≥ 1, or burst > count. */
  constructor(private readonly limits: RateLimits) {
    const { overall } = limits;
    checkWindow(overall, 'overall');
    if (!Number.isSafeInteger(overall.burst) || overall.burst < 1 || overall.burst > overall.count) {
      throw new RangeError('overall: burst must be a whole number from 1 to count');
    }
    for (const [kind, windows] of Object.entries(limits.perChat)) windows.forEach((w) => checkWindow(w, kind));
    for (const [kind, windows] of Object.entries(limits.replyPerChat ?? {})) windows.forEach((w) => checkWindow(w, `reply ${kind}`));
    this.overallWindow = new SendWindow(overall);
    this.overallBucket = new SendBucket(overall, overall.burst);
  }

  /**
   * Milliseconds until one message may go to `chat` (0 = now); never negative. Takes nothing:
   * asking again after waiting that long, with no other send between, gives 0.
   */
  waitFor(chat: string, kind: ChatKind, now: number, purpose: SendPurpose = 'notification'): number {
    const held = purpose === 'notification' || this.limits.overallHoldsReplies !== false;
    let wait = Math.max(0, this.pausedUntil - now, held ? Math.max(this.overallWindow.waitFor(now), this.overallBucket.waitFor(now)) : 0);
    const state = this.chats.get(chat);
    if (state) {
      wait = Math.max(wait, state.pausedUntil - now);
      for (const w of state.windows[kind]?.[purpose] ?? []) wait = Math.max(wait, w.waitFor(now));
    }
    return wait;
  }

  /**
   * Takes one message's worth for `chat`: call it when the message is actually sent.
   * Returns false, taking nothing, when the message may not go yet.
   */
  take(chat: string, kind: ChatKind, now: number, purpose: SendPurpose = 'notification'): boolean {
    if (this.waitFor(chat, kind, now, purpose) > 0) return false;
    this.overallWindow.record(now);
    this.overallBucket.take(now);
    const state = this.chatState(chat, now);
    const windows = (state.windows[kind] ??= this.chatWindows(kind));
    for (const w of windows.all) w.record(now);
    return true;
  }

  /** A chat's new send logs; a limit both purposes share is one log, not two. */
  private chatWindows(kind: ChatKind): ChatWindows {
    const notification = this.limits.perChat[kind].map((w) => new SendWindow(w));
    const replyLimits = this.limits.replyPerChat?.[kind];
    if (!replyLimits) return { reply: notification, notification, all: notification };
    const same = (a: RateWindow, b: RateWindow) => a.count === b.count && a.perMs === b.perMs;
    const reply = replyLimits.map((r) => notification[this.limits.perChat[kind].findIndex((n) => same(n, r))] ?? new SendWindow(r));
    return { reply, notification, all: [...new Set([...notification, ...reply])] };
  }

  /**
   * A 429: nothing goes to `chat` — or, without a chat, to anyone — before `now + ms`. A pause
   * only ever lengthens: a shorter one arriving later does not cut an earlier one short.
   * @throws RangeError if `ms` is negative or not finite (a platform's retry_after never is).
   */
  pause(ms: number, now: number, chat?: string): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`Not a pause: ${ms} ms`);
    const until = now + Math.ceil(ms); // whole ms, so waits stay whole on a whole-ms clock
    if (chat === undefined) {
      this.pausedUntil = Math.max(this.pausedUntil, until);
      return;
    }
    const state = this.chatState(chat, now);
    state.pausedUntil = Math.max(state.pausedUntil, until);
  }

  /** How many chats the budget remembers (for tests and metrics): bounded, see the sweep. */
  get trackedChats(): number {
    return this.chats.size;
  }

  /** The chat's state, made (and memory swept) when the chat is new. */
  private chatState(chat: string, now: number): ChatState {
    let state = this.chats.get(chat);
    if (!state) {
      // Sweep before adding: the new state is idle too and must not be swept away.
      if (this.chats.size >= this.sweepAt) this.sweep(now);
      state = { pausedUntil: -Infinity, windows: {} };
      this.chats.set(chat, state);
    }
    return state;
  }

  /**
   * Forgets every chat that is back to full (no pause left, every send out of its windows):
   * a new state would answer exactly the same. What stays is bounded by the sends of the longest
   * window (30/s × 60 s for Telegram) plus the chats under a 429.
   */
  private sweep(now: number): void {
    for (const [chat, state] of this.chats) {
      if (state.pausedUntil > now) continue;
      const idle = Object.values(state.windows).every((ws) => ws?.all.every((w) => w.isIdle(now)) ?? true);
      if (idle) this.chats.delete(chat);
    }
    this.sweepAt = Math.max(MIN_SWEEP_AT, 2 * this.chats.size);
  }
}

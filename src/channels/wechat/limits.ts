import type { RateLimits } from '../../core/rate-budget.ts';

/**
 * How fast the bot may send on WeChat. WeChat publishes no limits for personal accounts; its risk
 * control restricts accounts that send like machines (many messages at once, at a steady beat, or
 * to many chats). So every message keeps a gap from the one before it in the same chat, made
 * irregular by a random jitter, and what the bot sends on its own leaves in small waves within a
 * ceiling per minute.
 */
export interface WechatPacing {
  /** Least time between two messages to one chat (HONORCARE_WECHAT_MIN_GAP_MS). */
  minGapMs: number;
  /** Up to this much more, at random, on top of each gap. Default: half the gap. */
  jitterMs?: number;
  /** Notifications (what the bot sends on its own) a minute, all chats together (HONORCARE_WECHAT_PER_MINUTE). */
  perMinute: number;
}

/** At most this many notifications leave at once after a quiet spell; then one at a time. */
export const WAVE = 3;

/**
 * The rate budget's limits for WeChat. Replies and notifications share them: each keeps the gap
 * in its chat, and each counts in the minute's ceiling; only notifications are held by the
 * ceiling (an answer to someone who just wrote never waits for a wave of reminders to pass).
 */
export function wechatLimits(p: WechatPacing): RateLimits {
  const gap = [{ count: 1, perMs: p.minGapMs }];
  return {
    overall: { count: p.perMinute, perMs: 60_000, burst: Math.min(WAVE, p.perMinute) },
    overallHoldsReplies: false,
    perChat: { private: gap, group: gap },
  };
}

/** The jitter of one send: uniform in [0, jitterMs]. */
export const jitterOf = (p: WechatPacing, random: () => number): number => Math.round(random() * (p.jitterMs ?? p.minGapMs / 2));

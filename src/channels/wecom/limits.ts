import type { RateLimits } from '../../core/rate-budget.ts';

/** The most a robot's text message may hold: 2,048 bytes of UTF-8 (WeCom's robot documentation). */
export const MAX_TEXT_BYTES = 2_048;

/**
 * How long a robot is left alone after WeCom said it sent too fast: WeCom holds a robot that went
 * over its limit for about ten minutes, and any message tried meanwhile is refused too.
 */
export const TOO_FAST_PAUSE_MS = 10 * 60_000;

/**
 * A WeCom robot may send 20 messages a minute; going over costs the robot about ten minutes of
 * silence, so the budget keeps a margin: 20 in any 62 s. The budget counts a message when it
 * leaves, WeCom when it arrives; two sends a minute apart here can arrive closer together there
 * when the first was slow on the way (about 3%, as Telegram's overall limit keeps 4%).
 *
 * Robots are counted apart (each chat of the budget is one robot's group). WeCom states no limit
 * across robots; the overall window is ours, so that a backlog for many robots leaves in small
 * waves rather than all at once. A robot only ever posts to a group, but the budget wants both
 * kinds: a private chat is held to the same.
 */
export const WECOM_LIMITS: RateLimits = {
  overall: { count: 20, perMs: 1_000, burst: 5 },
  perChat: {
    group: [{ count: 20, perMs: 62_000 }],
    private: [{ count: 20, perMs: 62_000 }],
  },
};

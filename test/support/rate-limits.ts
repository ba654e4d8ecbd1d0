import type { RateLimits } from '../../src/core/rate-budget.ts';

/**
 * Limits nothing ever waits for: for tests and benches that measure something else than the
 * rate budget (a conversation of twenty messages in one chat would otherwise take twenty seconds).
 */
export const OPEN_LIMITS: RateLimits = {
  overall: { count: 1_000_000, perMs: 1, burst: 1_000_000 },
  perChat: { private: [], group: [] },
};

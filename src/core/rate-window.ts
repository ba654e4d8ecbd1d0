/**
 * The two counters a rate budget is made of, each for one limit "at most `count` sends in
 * `perMs`". Times are milliseconds from the caller's clock, best a monotonic one
 * (`performance.now()`): a clock that steps back only makes both answer later, but one that jumps
 * forward would let sends through early. Whole milliseconds are exact; fractions work.
 */

/** A platform limit: at most `count` sends in any span of `perMs` milliseconds. */
export interface RateWindow {
  count: number;
  perMs: number;
}

/**
 * The times of the last `count` sends, in a ring: a new send fits when the oldest of them has
 * left the window. That is exactly "≤ count in any half-open span of perMs": sends at t and
 * t + perMs are in different spans. Memory is `count` numbers, whatever the traffic.
 */
export class SendWindow {
  private readonly stamps: number[] = [];
  /** Where the next stamp goes; once the ring is full, also where the oldest is. */
  private next = 0;

  constructor(private readonly limit: RateWindow) {}

  /** Milliseconds until one more send fits (0 = now). */
  waitFor(now: number): number {
    if (this.stamps.length < this.limit.count) return 0;
    return Math.max(0, this.stamps[this.next] + this.limit.perMs - now);
  }

  /**
   * Records a send at `now`. The caller has checked {@link waitFor}, or records a send it does not
   * hold back (an answer, see RateLimits.overallHoldsReplies): the log keeps the last `count` sends
   * either way, so the next send it holds waits for the oldest of them to leave the window.
   */
  record(now: number): void {
    this.stamps[this.next] = now;
    this.next = (this.next + 1) % this.limit.count;
  }

  /** True when every recorded send has left the window: the log answers like a new one. */
  isIdle(now: number): boolean {
    if (this.stamps.length === 0) return true;
    const newest = this.stamps[(this.next - 1 + this.limit.count) % this.limit.count];
    return newest + this.limit.perMs <= now;
  }
}

/**
 * A token bucket holding up to `burst` sends, refilled at `count` per `perMs`, so a backlog leaves
 * in bursts of at most `burst` and then evenly. Kept in whole units to stay exact on integer
 * clocks (30 per 1000 ms is 33.33… ms a token, which floats would drift on): one send costs
 * `perMs` units and each millisecond adds `count`.
 */
export class SendBucket {
  private readonly capacity: number;
  private units: number;
  private last = -Infinity;

  constructor(
    private readonly limit: RateWindow,
    burst: number,
  ) {
    this.capacity = burst * limit.perMs;
    this.units = this.capacity;
  }

  /** Units held at `now`, without changing anything. Time before the last take adds nothing. */
  private unitsAt(now: number): number {
    if (now <= this.last) return this.units;
    return Math.min(this.capacity, this.units + (now - this.last) * this.limit.count);
  }

  /** Milliseconds until the bucket holds one send (0 = now). */
  waitFor(now: number): number {
    const missing = this.limit.perMs - this.unitsAt(now);
    return missing <= 0 ? 0 : Math.ceil(missing / this.limit.count);
  }

  /**
   * Takes one send at `now`. The caller has checked {@link waitFor}, or takes a send it does not
   * hold: the bucket then goes into debt, which the next held sends wait out.
   */
  take(now: number): void {
    this.units = this.unitsAt(now) - this.limit.perMs;
    this.last = Math.max(this.last, now);
  }
}

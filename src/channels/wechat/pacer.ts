import { setTimeout as delay } from 'node:timers/promises';
import { KeyedQueue } from '../../core/keyed-queue.ts';
import { RateBudget, type ChatKind, type SendPurpose } from '../../core/rate-budget.ts';
import { jitterOf, wechatLimits, type WechatPacing } from './limits.ts';

/** The budget's clock: monotonic, so a step of the system clock changes no wait. */
const monotonic = (): number => performance.now();

/**
 * Everything the bot sends on WeChat, replies and notifications alike, passes here: one chat's
 * messages one after another in the order they were queued (a reply's parts, the next reply and a
 * notification never interleave), each after the gap the budget asks for, plus a random jitter.
 */
export class Pacer {
  private readonly budget: RateBudget;
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly pacing: WechatPacing,
    private readonly random: () => number = Math.random,
    private readonly now: () => number = monotonic,
  ) {
    this.budget = new RateBudget(wechatLimits(pacing));
  }

  /** Runs `work` in `chat`'s turn, once everything queued for that chat before it is done. */
  inTurn<T>(chat: string, work: () => Promise<T>): Promise<T> {
    return this.queue.run(chat, work);
  }

  /** Ms before a message of `purpose` may go to `chat` (0 = now); takes nothing. */
  waitFor(chat: string, kind: ChatKind, purpose: SendPurpose = 'notification'): number {
    return Math.ceil(this.budget.waitFor(chat, kind, this.now(), purpose));
  }

  /**
   * Waits until one message may go to `chat`, takes it and resolves true; resolves false, having
   * taken nothing, when that would mean waiting longer than `maxWaitMs`. Rejects when `signal`
   * aborts the wait. Call {@link sent} once the message is out (or failed).
   */
  async slot(chat: string, kind: ChatKind, purpose: SendPurpose, maxWaitMs: number, signal: AbortSignal): Promise<boolean> {
    const until = this.now() + maxWaitMs;
    for (;;) {
      signal.throwIfAborted();
      const at = this.now();
      const wait = this.budget.waitFor(chat, kind, at, purpose);
      if (wait === 0 && this.budget.take(chat, kind, at, purpose)) return true;
      if (at + wait > until) return false;
      // At least a millisecond: a wait of 0 refused by take (never, alone) must not spin.
      await delay(Math.max(1, Math.ceil(wait)), undefined, { signal });
    }
  }

  /**
   * A message to `chat` has left (or failed): the next one waits the gap and a jitter from now.
   * Counted from the end of the call, not its start, so that however long the puppet took, WeChat
   * sees two messages at least the gap apart. A pause only lengthens what the window keeps.
   */
  sent(chat: string): void {
    this.budget.pause(this.pacing.minGapMs + jitterOf(this.pacing, this.random), this.now(), chat);
  }

  /** Resolves once every chat's queue is empty. */
  idle(): Promise<void> {
    return this.queue.idle();
  }
}

import type { Transformer } from 'grammy';
import type { ChatKind, RateBudget, SendPurpose } from '../../core/rate-budget.ts';
import { sleep, type SignalLike } from './api-guard.ts';
import { retryAfterMs } from './outcome.ts';

/** The budget's clock: monotonic, so a step of the system clock changes no wait. */
export const budgetNow = (): number => performance.now();

/**
 * An API transformer that reports every 429 a call to a chat gets to the bot's budget (each
 * attempt's: installed innermost, below auto-retry): nothing more goes to that chat, reply or
 * notification, before its retry_after has passed.
 *
 * The pause is the chat's, not the whole bot's: Telegram does not say which limit a 429 is for,
 * and the overall 30/s is kept by the budget itself, so a 429 is nearly always the chat's (its
 * 1/s, a group's 20/min). Were the bot as a whole limited after all, the next send to each chat
 * gets its own 429 and pauses that chat too.
 */
export function pauseOn429(budget: RateBudget, now = budgetNow): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (!res.ok && res.error_code === 429) {
      const chat = (payload as { chat_id?: unknown } | undefined)?.chat_id;
      if (typeof chat === 'number' || typeof chat === 'string') budget.pause(retryAfterMs(res.parameters?.retry_after), now(), String(chat));
    }
    return res;
  };
}

export interface SlotOptions {
  purpose: SendPurpose;
  /** Waits longer than this in all are not waited: the message goes anyway (true) or not (false). */
  maxWaitMs: number;
  /** Aborts the wait (the channel stops): the promise rejects. */
  signal: SignalLike;
  now?: () => number;
}

/**
 * Waits until the budget lets one message go to `chat`, takes it and resolves true; resolves
 * false, having taken nothing, if that would mean waiting past `maxWaitMs`.
 */
export async function takeSlot(budget: RateBudget, chat: string, kind: ChatKind, o: SlotOptions): Promise<boolean> {
  const now = o.now ?? budgetNow;
  const until = now() + o.maxWaitMs;
  for (;;) {
    const at = now();
    const wait = budget.waitFor(chat, kind, at, o.purpose);
    if (wait === 0 && budget.take(chat, kind, at, o.purpose)) return true;
    if (at + wait > until) return false;
    // At least a millisecond: a wait of 0 refused by take (never, alone) must not spin.
    await sleep(Math.max(1, wait), o.signal);
  }
}

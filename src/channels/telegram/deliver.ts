import type { Api } from 'grammy';
import type { Logger } from 'pino';
import type { Address, DeliverOptions, Delivery } from '../../core/delivery.ts';
import type { Reply } from '../../core/message.ts';
import type { RateBudget } from '../../core/rate-budget.ts';
import { linkSignals, type GrammySignal } from './api-guard.ts';
import { classifyFailure } from './outcome.ts';
import { renderReply } from './render.ts';
import { budgetNow, takeSlot } from './send-budget.ts';
import { apiChatId, sendPart } from './send-part.ts';

export interface DeliverDeps {
  /** The outbox's own Api: no retrying transformers, so every call is one bounded attempt. */
  api: Api;
  budget: RateBudget;
  /** Aborted when the channel stops for good: a call under way ends, a wait ends. */
  closing: AbortSignal;
  /** True once stop() was called: no further part is begun. */
  isStopping(): boolean;
  scrub(err: unknown): unknown;
  log: Logger;
}

/**
 * Waits shorter than this for a part's turn in the budget (the next part of a long text, 1 s
 * after the last) are waited within the deliver; a longer one (a group's minute, a 429) sends
 * the row back with its time, since the dispatcher must not hold its loop on one chat.
 */
const MAX_INLINE_WAIT_MS = 2_000;
/** A part is begun only with at least this much of the deadline left: a call needs time. */
const MIN_CALL_MS = 500;

type Result = Delivery & { sentParts: number };

/**
 * Sends a notification to one Telegram chat: rendered as a reply would be (a long text cut at
 * line breaks, choices as buttons), the parts an earlier attempt sent skipped, each part taken
 * from the bot's rate budget before it goes and bounded by the deadline. What Telegram said comes
 * back as a value; only a bug rejects (scrubbed).
 */
export async function deliverToChat(d: DeliverDeps, to: Address, reply: Reply, options: DeliverOptions): Promise<Result> {
  const { sends } = renderReply(reply);
  // Telegram refuses an empty message; refused here, a blank notification is not recorded as sent.
  if (!sends.length) return { outcome: 'rejected', reason: 'nothing to send: the message is empty', sentParts: 0 };
  const fromPart = Math.min(Math.max(0, options.fromPart ?? 0), sends.length);
  // The channel closing or the outbox stopping past its grace: either ends a call or a wait.
  const link = linkSignals([d.closing, options.signal]);
  try {
    return await sendParts(d, to, sends, link.signal, options.deadline, fromPart);
  } finally {
    link.dispose();
  }
}

/** The parts from `fromPart` on, one after another, each bounded by the deadline and `stopped`. */
async function sendParts(d: DeliverDeps, to: Address, sends: ReturnType<typeof renderReply>['sends'], stopped: AbortSignal, deadline: number, fromPart: number): Promise<Result> {
  const chatId = apiChatId(to.chatId);
  const log = d.log.child({ chat: to.chatId });
  const messageIds: string[] = [];
  let sentParts = fromPart;
  const retry = (reason: string, afterMs?: number): Result => ({ outcome: 'retry', reason, sentParts, ...(afterMs !== undefined ? { afterMs } : {}) });
  const noAnswer = (reason: string): Result => ({ outcome: 'retry', reason, sentParts, noAnswer: true });

  for (let part = sentParts; part < sends.length; part++) {
    // The channel is stopping: no part is begun, the rest goes later (see TelegramChannel.deliver).
    if (d.isStopping() || stopped.aborted) return retry('telegram channel stopped');
    const room = deadline - Date.now() - MIN_CALL_MS;
    if (room < 0) return retry(`deadline reached before part ${part + 1} of ${sends.length}`);
    let taken: boolean;
    try {
      taken = await takeSlot(d.budget, to.chatId, to.kind, { purpose: 'notification', maxWaitMs: Math.min(MAX_INLINE_WAIT_MS, room), signal: stopped });
    } catch {
      return retry('telegram channel stopped');
    }
    // Not this chat's turn for a while: back to the queue, no attempt spent (afterMs).
    if (!taken) return retry('rate budget', Math.max(1, Math.ceil(d.budget.waitFor(to.chatId, to.kind, budgetNow()))));
    // A stop that came while this part waited its turn: it is not begun.
    if (d.isStopping() || stopped.aborted) return retry('telegram channel stopped');

    const timeoutMs = deadline - Date.now();
    const linked = linkSignals([stopped], timeoutMs);
    try {
      const sent = await sendPart(d.api, chatId, sends[part], {}, linked.signal as GrammySignal);
      messageIds.push(String(sent.message_id));
      sentParts = part + 1;
      log.debug({ method: sends[part].method, message_id: sent.message_id, part: part + 1, parts: sends.length }, 'notification part sent');
    } catch (err) {
      if (linked.timedOut()) return noAnswer(`${sends[part].method}: no answer from the Bot API within ${timeoutMs} ms`);
      if (stopped.aborted) return retry('telegram channel stopped');
      const scrubbed = d.scrub(err);
      const failure = classifyFailure(err, scrubbed, to.kind);
      if (!failure) throw scrubbed;
      log.debug({ err: scrubbed, outcome: failure.outcome, part: part + 1 }, 'notification part not sent');
      return { ...failure, sentParts };
    } finally {
      linked.dispose();
    }
  }
  return { outcome: 'sent', messageIds, sentParts };
}

import type { Logger } from 'pino';
import { linkSignals, sleep } from '../../core/abortable.ts';
import type { Address, Deliverer, DeliverOptions, Delivery } from '../../core/delivery.ts';
import type { Reply } from '../../core/message.ts';
import type { WebhookKeys } from '../../core/ports.ts';
import { RateBudget } from '../../core/rate-budget.ts';
import { MAX_TEXT_BYTES, WECOM_LIMITS } from './limits.ts';
import { classifyAnswer, redact, type Failure } from './outcome.ts';
import { splitByBytes } from './split.ts';

/** Where WeCom's robot webhooks live (HONORCARE_WECOM_API_ROOT replaces it: a relay, or a fake in tests). */
export const WECOM_API_ROOT = 'https://qyapi.weixin.qq.com';

export interface WecomOptions {
  /** Each group's webhook key, read when a message goes (the outbox's rows never hold it). */
  keys: WebhookKeys;
  apiRoot?: string;
  log: Logger;
  /** The budget's clock in ms: monotonic by default; tests move it on. */
  now?: () => number;
}

/**
 * Waits shorter than this for a part's turn (the overall pace) are waited within the deliver; a
 * longer one (a robot's minute is used up, or it is paused) sends the row back with its time.
 */
const MAX_INLINE_WAIT_MS = 2_000;
/** A part is begun only with at least this much of the deadline left: a call needs time. */
const MIN_CALL_MS = 500;

type Result = Delivery & { sentParts: number };

/**
 * WeCom group robots (企业微信群机器人) as the outbox's Deliverer: each message a POST of a text
 * to the group's webhook. Send-only and without a login, so it is always ready; the address's
 * chat id names the group, whose key is looked up at the moment of sending and never logged.
 *
 * A long text is cut at line breaks to the robot's 2,048 bytes and posted part after part, those
 * an earlier attempt posted skipped. Each robot keeps to its own 20 a minute; when WeCom says a
 * robot went too fast anyway (130101), nothing more goes to it for ten minutes. Every call is
 * bounded by the deadline and ends when the outbox stops past its grace.
 */
export class WecomDeliverer implements Deliverer {
  private readonly budget = new RateBudget(WECOM_LIMITS);
  private readonly now: () => number;
  private readonly endpoint: string;

  constructor(private readonly o: WecomOptions) {
    this.now = o.now ?? (() => performance.now());
    this.endpoint = `${(o.apiRoot ?? WECOM_API_ROOT).replace(/\/+$/, '')}/cgi-bin/webhook/send`;
  }

  waitFor(to: Address): number {
    return this.budget.waitFor(to.chatId, to.kind, this.now());
  }

  async deliver(to: Address, reply: Reply, options: DeliverOptions): Promise<Result> {
    if (to.channel !== 'wecom') throw new Error(`WecomDeliverer cannot deliver to ${to.channel}`);
    // Text only: a robot's group cannot answer choices, and files are not what it posts.
    const parts = splitByBytes(reply.text, MAX_TEXT_BYTES);
    if (!parts.length) return { outcome: 'rejected', reason: 'nothing to send: the message is empty', sentParts: 0 };
    const fromPart = Math.min(Math.max(0, options.fromPart ?? 0), parts.length);
    if (fromPart === parts.length) return { outcome: 'sent', messageIds: [], sentParts: fromPart };
    const key = await this.o.keys.keyOf(to.chatId);
    if (!key) return { outcome: 'rejected', reason: 'no webhook: the group was unbound', sentParts: fromPart };
    return this.postParts(to, parts, key, options, fromPart);
  }

  /** The parts from `fromPart` on, one after another; stops at the first that does not go. */
  private async postParts(to: Address, parts: string[], key: string, options: DeliverOptions, fromPart: number): Promise<Result> {
    const log = this.o.log.child({ chat: to.chatId });
    let sentParts = fromPart;
    const retry = (reason: string, afterMs?: number): Result => ({ outcome: 'retry', reason, sentParts, ...(afterMs !== undefined ? { afterMs } : {}) });
    for (let part = fromPart; part < parts.length; part++) {
      if (options.signal?.aborted) return retry('wecom: the outbox stopped');
      const room = options.deadline - Date.now() - MIN_CALL_MS;
      if (room < 0) return retry(`deadline reached before part ${part + 1} of ${parts.length}`);
      let wait: number;
      try {
        wait = await this.takeTurn(to, Math.min(MAX_INLINE_WAIT_MS, room), options.signal);
      } catch {
        return retry('wecom: the outbox stopped');
      }
      // Not this robot's turn for a while: back to the queue, no attempt spent.
      if (wait > 0) return retry('rate budget', wait);

      const failure = await this.post(key, parts[part], options);
      if (failure) {
        // Held by WeCom (or a proxy): nothing more goes to this robot until the time is up.
        if (failure.outcome === 'retry' && failure.afterMs !== undefined) this.budget.pause(failure.afterMs, this.now(), to.chatId);
        log.debug({ outcome: failure.outcome, reason: failure.reason, part: part + 1, parts: parts.length }, 'notification part not posted');
        return { ...failure, sentParts };
      }
      sentParts = part + 1;
      log.debug({ part: part + 1, parts: parts.length }, 'notification part posted');
    }
    // WeCom's robots give no message ids.
    return { outcome: 'sent', messageIds: [], sentParts };
  }

  /**
   * Takes one message's worth of the robot's budget, waiting up to `maxWaitMs` for it: 0 when
   * taken, else how long until it could be (nothing taken). Rejects when `signal` aborts the wait.
   */
  private async takeTurn(to: Address, maxWaitMs: number, signal?: AbortSignal): Promise<number> {
    const until = this.now() + maxWaitMs;
    for (;;) {
      const at = this.now();
      const wait = this.budget.waitFor(to.chatId, to.kind, at);
      if (wait === 0 && this.budget.take(to.chatId, to.kind, at)) return 0;
      if (at + wait > until) return Math.max(1, Math.ceil(wait));
      await sleep(Math.max(1, wait), signal);
    }
  }

  /** One POST of one text, bounded by the deadline; null when the robot posted it. */
  private async post(key: string, content: string, options: DeliverOptions): Promise<Failure | null> {
    const timeoutMs = Math.max(1, options.deadline - Date.now());
    const call = linkSignals([options.signal], timeoutMs);
    try {
      const res = await fetch(`${this.endpoint}?key=${encodeURIComponent(key)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify({ msgtype: 'text', text: { content } }),
        signal: call.signal,
      });
      const body = await res.text();
      return classifyAnswer({ status: res.status, body, retryAfter: res.headers.get('retry-after') }, key);
    } catch (err) {
      if (options.signal?.aborted && !call.timedOut()) return { outcome: 'retry', reason: 'wecom: the outbox stopped' };
      // No answer at all (network or proxy down, a timeout): the channel is down, not this message.
      const reason = call.timedOut() ? `no answer from the webhook within ${timeoutMs} ms` : redact(networkError(err), key);
      return { outcome: 'retry', reason, noAnswer: true };
    } finally {
      call.dispose();
    }
  }
}

/** What fetch said, in one line: its message and the system's code (ECONNREFUSED …). */
function networkError(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e?.cause?.code ? ` (${e.cause.code})` : '';
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}${code}`;
}

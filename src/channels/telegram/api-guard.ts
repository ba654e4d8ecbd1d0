import { autoRetry } from '@grammyjs/auto-retry';
import { HttpError, type ApiCallFn, type Transformer } from 'grammy';
import type { Logger } from 'pino';
import { linkSignals, sleep } from '../../core/abortable.ts';
import { TelegramError } from './errors.ts';

// Kept in the core, for every channel; exported here too, for this channel's own files.
export { linkSignals, sleep, type SignalLike } from '../../core/abortable.ts';

/** An API call after the channel stopped: refused at once instead of retried. */
export class ChannelStoppedError extends Error {
  override name = 'ChannelStoppedError';
  constructor(method: string) {
    super(`Telegram channel is stopped; '${method}' was not sent`);
  }
}

/** The signal type grammY's API functions are declared with (the polyfill's). */
export type GrammySignal = Parameters<ApiCallFn>[2];

export interface GuardOptions {
  log: Logger;
  /** Aborted when the channel stops for good: calls under way end, waits between retries end. */
  closing: AbortSignal;
  isStopped(): boolean;
  /** Longest time one call may take, retries included (long polls excepted). */
  callDeadlineMs: number;
  /** Makes an error safe to log (see errors.ts). */
  scrub(err: unknown): unknown;
}

/** Waits between two failed long polls: doubling from the first to the last. */
const POLL_RETRY_FIRST_MS = 1000;
const POLL_RETRY_MAX_MS = 30_000;
/** One connection attempt (getMe) gives up after this: a silent network is retried like a refused one. */
const CONNECT_ATTEMPT_MS = 20_000;

/**
 * The API transformers, innermost first. Rate limits (429) and server errors are waited out by
 * auto-retry with bounded attempts and delays; network errors are retried too, but every call
 * has a deadline and ends when the channel stops, so nothing retries forever. getUpdates gets
 * its own loop: auto-retry's backoff grows to an hour (far too slow to notice that the network
 * is back), and the runner's own retry sleeps cannot be cut short by stop().
 */
export function apiTransformers(o: GuardOptions): Transformer[] {
  const retry = autoRetry({ maxRetryAttempts: 5, maxDelaySeconds: 60, rethrowHttpErrors: false });
  // getMe is tried once per call: the channel's connect loop retries it, logging each attempt
  // (auto-retry would wait out an unreachable Telegram silently, and the terminal with it).
  const retrying: Transformer = (prev, method, payload, signal) =>
    method === 'getUpdates' ? pollRetrying(prev, method, payload, signal) : method === 'getMe' ? prev(method, payload, signal) : retry(prev, method, payload, signal);
  const pollRetrying: Transformer = async (prev, method, payload, signal) => {
    for (let delay = POLL_RETRY_FIRST_MS; ; delay = Math.min(2 * delay, POLL_RETRY_MAX_MS)) {
      let wait = delay;
      try {
        const res = await prev(method, payload, signal);
        // 401 and 409 go to the runner, which ends polling: retrying cannot help.
        if (res.ok || (res.error_code < 500 && res.error_code !== 429)) return res;
        if (res.parameters?.retry_after) wait = res.parameters.retry_after * 1000;
        o.log.warn({ error_code: res.error_code, description: res.description, retry_in_ms: wait }, 'getUpdates failed, retrying');
      } catch (err) {
        if (signal?.aborted || !(err instanceof HttpError)) throw err;
        o.log.warn({ err: o.scrub(err), retry_in_ms: wait }, 'getUpdates failed, retrying');
      }
      await sleep(wait, signal);
    }
  };
  const guard: Transformer = async (prev, method, payload, signal) => {
    if (o.isStopped() || o.closing.aborted) throw new ChannelStoppedError(method);
    const deadlineMs = method === 'getUpdates' ? undefined : method === 'getMe' ? Math.min(o.callDeadlineMs, CONNECT_ATTEMPT_MS) : o.callDeadlineMs;
    const linked = linkSignals([o.closing, signal], deadlineMs);
    try {
      const res = await prev(method, payload, linked.signal as GrammySignal);
      if (!res.ok) o.log.debug({ method, error_code: res.error_code, description: res.description }, 'Bot API error');
      return res;
    } catch (err) {
      // Whatever was retried last, the useful fact is that the API did not answer in time.
      if (linked.timedOut()) throw new TelegramError(`${method}: no answer from the Bot API within ${deadlineMs} ms`, method);
      throw err;
    } finally {
      linked.dispose();
    }
  };
  return [retrying, guard];
}

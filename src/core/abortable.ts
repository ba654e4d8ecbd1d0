/**
 * Waiting and calling with a way out: a call or a wait that must end when a channel stops or a
 * deadline passes. Channels share these (Telegram, WeCom robots); no platform type here.
 */

/** Any AbortSignal: Node's own, or the abort-controller polyfill grammY and its runner use. */
export interface SignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/**
 * One signal that aborts when any of `signals` does or after `timeoutMs`. Written out because
 * AbortSignal.any() rejects the polyfilled signals grammY's runner passes; `dispose` removes the
 * listeners, so a long-lived signal does not collect one per call.
 */
export function linkSignals(signals: Array<SignalLike | undefined>, timeoutMs?: number): { signal: AbortSignal; timedOut(): boolean; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  let timedOut = false;
  const live = signals.filter((s): s is SignalLike => s !== undefined);
  for (const s of live) {
    if (s.aborted) controller.abort();
    else s.addEventListener('abort', abort);
  }
  const timer =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => {
          timedOut = !controller.signal.aborted;
          abort();
        }, timeoutMs);
  timer?.unref();
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    dispose: () => {
      clearTimeout(timer);
      for (const s of live) s.removeEventListener('abort', abort);
    },
  };
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal: SignalLike | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const aborted = () => {
      clearTimeout(timer);
      reject(new Error('aborted while waiting to retry'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    if (signal?.aborted) aborted();
    else signal?.addEventListener('abort', aborted);
  });
}

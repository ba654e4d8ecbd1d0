/**
 * A 100 ms timer that notes how late it fires: what a frozen event loop does to every
 * reminder and every other chat. Used by the responsiveness tests and the bench.
 */
export interface TimerWatch {
  /** Stops the timer; the worst lateness in ms (a tick due but not yet come counts too) and the ticks seen. */
  stop(): { worst: number; ticks: number };
}

export function watchTimer(periodMs = 100): TimerWatch {
  let expected = performance.now() + periodMs;
  let worst = 0;
  let ticks = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - expected);
    expected = now + periodMs;
    ticks++;
  }, periodMs);
  return {
    stop() {
      clearInterval(timer);
      return { worst: Math.max(worst, performance.now() - expected), ticks };
    },
  };
}

export interface Meanwhile<T> {
  /** What the work came to. */
  result: T;
  /** How long each question took, in ms: every one asked while the work ran, also one answered only after it ended. */
  latencies: number[];
  /** The 100 ms timer's worst lateness while the work ran, in ms. */
  worstLate: number;
}

/**
 * Another person keeps asking (`ask`, again `pauseMs` after each answer) while `work` runs, and
 * a 100 ms timer runs beside them: what the work came to, how long each question took, and how
 * late the timer was at worst. If the work fails, so does this, once the last question is answered.
 */
export async function meanwhile<T>(work: Promise<T>, ask: () => Promise<unknown>, pauseMs: number): Promise<Meanwhile<T>> {
  const timer = watchTimer();
  let working = true;
  const done = work.finally(() => (working = false));
  // A question that fails ends this at once; the work's own failure must not then go unheard.
  done.catch(() => undefined);
  const latencies: number[] = [];
  try {
    while (working) {
      const started = performance.now();
      await ask();
      latencies.push(performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, pauseMs));
    }
    const result = await done;
    return { result, latencies, worstLate: timer.stop().worst };
  } finally {
    timer.stop();
  }
}

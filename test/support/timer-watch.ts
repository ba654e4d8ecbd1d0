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

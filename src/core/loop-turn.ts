/**
 * Long work on one thread (a synchronous SQLite driver, parsing a 20,000-row sheet, building a
 * report) must let the event loop turn now and then, or no timer fires and no other chat is
 * answered until it ends. `loopTurn()` is cheap to call often: it yields (one `setImmediate`,
 * so timers and I/O get their turn) only when the loop has not turned for `BUDGET_MS`.
 */

/** Longest stretch of work between two turns of the loop. */
const BUDGET_MS = 10;

/** When the current stretch of work began: the first call since the loop last turned. */
let stretchStart = 0;
/** Whether a `setImmediate` is waiting to tell us the loop has turned. */
let watching = false;

/**
 * Resolves at once while the loop turns on its own; after `BUDGET_MS` of work without a turn,
 * resolves on the next turn. Await it between steps of any long piece of work. A call after the
 * loop has turned (or after the process sat idle) starts a new stretch, so a message arriving
 * after a quiet spell is never made to yield for the quiet time.
 */
export function loopTurn(): Promise<void> | undefined {
  const now = performance.now();
  if (!watching) {
    watching = true;
    stretchStart = now;
    setImmediate(() => (watching = false));
    return undefined;
  }
  if (now - stretchStart < BUDGET_MS) return undefined;
  // The watching immediate was scheduled first, so it runs first: the next call starts afresh.
  return new Promise<void>((resolve) => setImmediate(resolve));
}

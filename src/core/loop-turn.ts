/**
 * Long work on one thread (a synchronous SQLite driver, parsing a 20,000-row sheet, building a
 * report) must let the event loop turn now and then, or no timer fires and no other chat is
 * answered until it ends. `loopTurn()` is cheap to call often: it yields (one `setImmediate`,
 * so timers and I/O get their turn) only when the loop has not turned for `BUDGET_MS`.
 */

/** Longest stretch of work between two turns of the loop. */
const BUDGET_MS = 10;

let lastTurn = performance.now();
let watching = false;

/** Notes the next turn of the loop: if it comes soon, no yield is needed. */
function watch(): void {
  if (watching) return;
  watching = true;
  setImmediate(() => {
    watching = false;
    lastTurn = performance.now();
  });
}

/**
 * Resolves at once while the loop turns on its own; after `BUDGET_MS` of work without a turn,
 * resolves on the next turn. Await it between steps of any long piece of work.
 */
export function loopTurn(): Promise<void> | undefined {
  if (performance.now() - lastTurn < BUDGET_MS) {
    watch();
    return undefined;
  }
  return new Promise<void>((resolve) =>
    setImmediate(() => {
      lastTurn = performance.now();
      resolve();
    }),
  );
}

/** Runs `step` on each item, letting the loop turn between items when the work runs long. */
export async function eachWithTurns<T>(items: Iterable<T>, step: (item: T, index: number) => void | Promise<void>): Promise<void> {
  let i = 0;
  for (const item of items) {
    await step(item, i++);
    await loopTurn();
  }
}

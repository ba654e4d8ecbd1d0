import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { watchTimer } from '../support/timer-watch.ts';

/**
 * Long database work (an import, later planners and exports) must not freeze the bot: while a
 * long chain of statements runs, timers still fire on time. The SQLite driver is synchronous,
 * so this holds only because the database layer lets the loop turn between statements.
 */
describe.each(PROVIDERS)('the event loop keeps turning during long database work on %s', (provider) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await freshDb(provider);
  });
  afterAll(() => t.destroy());

  /** Runs `work` while a 100 ms timer ticks; returns how late the latest tick came (ms). */
  async function worstLateness(work: () => Promise<unknown>): Promise<{ ticks: number; worst: number }> {
    const timer = watchTimer();
    const started = performance.now();
    await work();
    const took = performance.now() - started;
    const { ticks, worst } = timer.stop();
    return { ticks: took >= 300 ? ticks : -1, worst };
  }

  // Timing on a shared 2-core machine: a retry absorbs a busy neighbour; without the yields no tick comes at all.
  it('fires a 100 ms timer on time while one transaction runs thousands of statements', { retry: 2 }, async () => {
    const result = await worstLateness(() =>
      t.db.$transaction(
        async (tx) => {
          const until = performance.now() + 600;
          const run = Math.random().toString(36).slice(2, 8);
          for (let i = 0; performance.now() < until; i++) {
            await tx.processedUpdate.create({ data: { key: `loop:${run}:${i}` } });
          }
        },
        { timeout: 30_000 },
      ),
    );
    expect(result.ticks).toBeGreaterThanOrEqual(3);
    expect(result.worst).toBeLessThan(250);
  });

  it('fires it on time while statements run one after another outside a transaction', { retry: 2 }, async () => {
    const result = await worstLateness(async () => {
      const until = performance.now() + 600;
      for (let i = 0; performance.now() < until; i++) {
        await t.db.processedUpdate.findUnique({ where: { key: `loop:read:${i}` } });
      }
    });
    expect(result.ticks).toBeGreaterThanOrEqual(3);
    expect(result.worst).toBeLessThan(250);
  });
});

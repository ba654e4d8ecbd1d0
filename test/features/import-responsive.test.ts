import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, memoryFile, STAFF, testChat } from '../support/chat.ts';
import { freshDb, type TestDb } from '../support/databases.ts';
import { rosterCsv } from '../support/roster.ts';
import { seedAccounts } from '../support/seed.ts';
import { watchTimer } from '../support/timer-watch.ts';

/**
 * SQLite's driver is synchronous: work that never yields stops every timer and every other chat.
 * While one person imports a large roster, another is still answered, and timers still fire.
 */
describe('the bot stays responsive while a roster imports on SQLite', () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb('sqlite');
    await seedAccounts(t.db);
  });
  afterEach(() => t.destroy());

  it('answers another person’s 查询 within 1 s, and a 100 ms timer is never more than 250 ms late', async () => {
    const chat = testChat(t.db);
    const roster = rosterCsv(3000);

    const timer = watchTimer();
    let worstLate = Infinity;

    let importing = true;
    const imported = chat.say(STAFF, '导入', { file: memoryFile('roster.csv', roster) }).finally(() => (importing = false));
    const latencies: number[] = [];
    try {
      while (importing) {
        // Every 查询 asked while the import runs counts, also one answered only after it ended.
        const started = performance.now();
        const answer = await chat.say(ADMIN, '查询 zh');
        latencies.push(performance.now() - started);
        expect(answer).not.toContain('出错');
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(await imported).toContain('新增 3000');
    } finally {
      worstLate = timer.stop().worst;
    }
    // The questions came while the import ran, not after it.
    expect(latencies.length).toBeGreaterThanOrEqual(3);
    expect(Math.max(...latencies)).toBeLessThan(1000);
    expect(worstLate).toBeLessThan(250);
  }, 180_000);
});

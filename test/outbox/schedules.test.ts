import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSchedules, type Planner, type Schedules } from '../../src/outbox/schedules.ts';
import { freshDb, type TestDb } from '../support/databases.ts';

const log = pino({ level: 'silent' });
/** Monday 2026-11-23, 08:29:30 in China (00:29:30 UTC). */
const START = new Date('2026-11-23T00:29:30Z');
const MIN = 60_000;

/**
 * node-cron's own schedule, driven by vitest's fake clock (node-cron reads `Date` and arms
 * `setTimeout`, both faked): cron triggers at the office's hour, whatever the process's zone,
 * and the planner is a plain function of the "now" it is given. SQLite only: the database
 * here only holds the planners' lease rows.
 */
describe('the schedules on node-cron', () => {
  let t: TestDb;
  let schedules: Schedules | undefined;
  beforeEach(async () => {
    t = await freshDb('sqlite');
    vi.useFakeTimers({ now: START, toFake: ['Date', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await schedules?.stop();
    schedules = undefined;
    await t.destroy();
  });

  /** Lets the planners' database work (real I/O) finish between fake-clock steps. */
  const settle = async () => {
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(0);
      await new Promise<void>((r) => setImmediate(r));
    }
  };

  it('runs a planner once at start, then at its hour in the office zone each day (08:30 in Shanghai is 00:30 UTC)', async () => {
    const runs: Date[] = [];
    const digest: Planner = { name: 'digest', cron: '30 8 * * *', run: async (now) => void runs.push(now) };
    schedules = startSchedules({ db: t.db, planners: [digest], timeZone: 'Asia/Shanghai', log, holder: 'test' });
    await settle();
    expect(runs).toEqual([START]); // the start-up run: what fell due while the bot was down
    await vi.advanceTimersByTimeAsync(20_000); // 08:29:50
    await settle();
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(15_000); // 08:30:05
    await settle();
    expect(runs.map((d) => d.toISOString())).toEqual([START.toISOString(), '2026-11-23T00:30:00.000Z']);
    await vi.advanceTimersByTimeAsync(24 * 60 * MIN);
    await settle();
    expect(runs.map((d) => d.toISOString()).slice(2)).toEqual(['2026-11-24T00:30:00.000Z']);
    // The run is recorded for the next start's catch-up.
    const [row] = await t.db.$direct.query<{ name: string; lastRunAt: unknown; leaseHolder: unknown }>(
      (await import('../../src/db/sql.ts')).sql`SELECT "name", "lastRunAt", "leaseHolder" FROM "ScheduleRun"`,
    );
    expect(row).toMatchObject({ name: 'digest', leaseHolder: null });
    expect(new Date(row.lastRunAt as string).toISOString()).toBe('2026-11-24T00:30:00.000Z');
  });

  it('never runs one planner twice at once in a process: a tick that comes while the start-up run still works is left out', async () => {
    let release!: () => void;
    const runs: Date[] = [];
    let concurrent = 0;
    let most = 0;
    const slow: Planner = {
      name: 'reminders',
      cron: '* * * * *',
      run: async (now) => {
        runs.push(now);
        most = Math.max(most, ++concurrent);
        // The first run hangs until released; later ones are quick.
        if (runs.length === 1) await new Promise<void>((r) => (release = r));
        concurrent--;
      },
    };
    schedules = startSchedules({ db: t.db, planners: [slow], timeZone: 'Asia/Shanghai', log, holder: 'test' });
    await settle();
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(MIN); // 08:30:30: the 08:30 tick came while the first run works
    await settle();
    expect(runs).toHaveLength(1);
    release();
    await settle();
    await vi.advanceTimersByTimeAsync(MIN); // 08:31:30: the 08:31 tick runs
    await settle();
    expect(runs.map((d) => d.toISOString())).toEqual([START.toISOString(), '2026-11-23T00:31:00.000Z']);
    expect(most).toBe(1);
  });

  it('leaves a planner to the instance that holds it, and takes over when that holder stops renewing (lease run out)', async () => {
    const runs: string[] = [];
    const planner = (holder: string): Planner => ({ name: 'digest', cron: '30 8 * * *', run: async () => void runs.push(holder) });
    const a = startSchedules({ db: t.db, planners: [planner('a')], timeZone: 'Asia/Shanghai', log, holder: 'a', leaseMs: 5 * MIN });
    await settle();
    // A dead holder's lease: taken at 08:29:30 and never released.
    await t.db.$direct.execute((await import('../../src/db/sql.ts')).sql`UPDATE "ScheduleRun" SET "leaseHolder" = 'dead', "leaseUntil" = ${new Date(START.getTime() + 5 * MIN)}`);
    schedules = startSchedules({ db: t.db, planners: [planner('b')], timeZone: 'Asia/Shanghai', log, holder: 'b', leaseMs: 5 * MIN });
    await settle();
    expect(runs).toEqual(['a']); // b's start-up run found the planner held
    expect(await schedules.runNow('digest')).toBe(false);
    vi.setSystemTime(new Date(START.getTime() + 6 * MIN));
    expect(await schedules.runNow('digest')).toBe(true);
    expect(runs).toEqual(['a', 'b']);
    await a.stop();
  });
});

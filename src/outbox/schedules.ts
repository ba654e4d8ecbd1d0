/**
 * The bot's own timetable: named planners run by node-cron in the office's time zone. Cron only
 * triggers; each planner is a plain function of "now" (tested with a fake clock). Every planner
 * also runs once at start, so what fell due while the bot was down is planned then. On
 * PostgreSQL several instances share the work: a run takes a lease on its ScheduleRun row with one
 * conditional UPDATE, and only the holder plans (another takes over when the lease runs out).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../db/client.ts';
import { sql } from '../db/sql.ts';

export interface Planner {
  /** Unique; the node-cron task's name and the ScheduleRun row's. */
  name: string;
  /** A cron expression (minute hour day month weekday) in the office's time zone. */
  cron: string;
  /** Writes what is due given "now" (enqueue inside its transactions); idempotent. */
  run(now: Date): Promise<unknown>;
}

export interface ScheduleOptions {
  db: Db;
  planners: Planner[];
  timeZone: string;
  log: Logger;
  holder: string;
  clock?: () => Date;
  /** How long one run holds its planner against other instances. */
  leaseMs?: number;
}

export interface Schedules {
  /** Runs one planner now if no other instance holds it (start-up catch-up, tests). */
  runNow(name: string): Promise<boolean>;
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 5 * 60_000;

/** Takes the planner's lease for this holder when it is free or has run out; true when taken. */
async function takeLease(db: Db, name: string, holder: string, now: Date, leaseMs: number): Promise<boolean> {
  await db.$direct.execute(sql`INSERT INTO "ScheduleRun" ("name") VALUES (${name}) ON CONFLICT ("name") DO NOTHING`);
  const taken = await db.$direct.execute(sql`
    UPDATE "ScheduleRun" SET "leaseHolder" = ${holder}, "leaseUntil" = ${new Date(now.getTime() + leaseMs)}
    WHERE "name" = ${name} AND ("leaseHolder" IS NULL OR "leaseUntil" < ${now})`);
  return taken === 1;
}

async function releaseLease(db: Db, name: string, holder: string, ranAt: Date): Promise<void> {
  await db.$direct.execute(sql`UPDATE "ScheduleRun" SET "leaseHolder" = NULL, "leaseUntil" = NULL, "lastRunAt" = ${ranAt} WHERE "name" = ${name} AND "leaseHolder" = ${holder}`);
}

export function startSchedules(o: ScheduleOptions): Schedules {
  const clock = o.clock ?? (() => new Date());
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const byName = new Map(o.planners.map((p) => [p.name, p]));
  const running = new Set<Promise<unknown>>();

  async function runNow(name: string): Promise<boolean> {
    const planner = byName.get(name);
    if (!planner) throw new Error(`no planner ${name}`);
    const now = clock();
    if (!(await takeLease(o.db, name, o.holder, now, leaseMs))) return false;
    try {
      await planner.run(now);
    } finally {
      await releaseLease(o.db, name, o.holder, now);
    }
    return true;
  }

  const busy = new Set<string>();
  const guarded = (name: string) => {
    // One run of a planner at a time in this process (the start-up run and the first tick).
    if (busy.has(name)) return Promise.resolve();
    busy.add(name);
    const work = runNow(name)
      .catch((err: unknown) => o.log.error({ err, planner: name }, 'planner failed'))
      .finally(() => busy.delete(name));
    running.add(work);
    void work.finally(() => running.delete(work));
    return work;
  };

  const tasks: ScheduledTask[] = o.planners.map((p) =>
    cron.schedule(p.cron, () => guarded(p.name), { name: p.name, timezone: o.timeZone, noOverlap: true }),
  );
  // What fell due while the bot was down is planned now, not at the next tick.
  for (const p of o.planners) void guarded(p.name);

  return {
    runNow,
    async stop() {
      await Promise.all(tasks.map((t) => t.destroy()));
      await Promise.all(running);
    },
  };
}

import type { Db } from '../db/client.ts';
import type { Provider } from '../db/provider.ts';
import { empty, join, sql, type Sql } from '../db/sql.ts';

/** One notification as the dispatcher works on it. */
export interface OutboxRow {
  id: number;
  dedupeKey: string;
  channel: string;
  via: string;
  chatId: string;
  chatKind: string;
  accountId: number | null;
  groupId: number | null;
  kind: string;
  messageKey: string;
  params: string;
  dueAt: Date;
  attempts: number;
  sentParts: number;
  reminderId: number | null;
  /** JSON of the choices it offers, their labels as locale keys, or null. */
  choices: string | null;
}

/** A channel and bot this process sends for: rows of other bots sharing the database are left to them. */
export interface Served {
  channel: string;
  via: string;
}

const COLUMNS = sql`"id", "dedupeKey", "channel", "via", "chatId", "chatKind", "accountId", "groupId", "kind", "messageKey", "params", "dueAt", "attempts", "sentParts", "reminderId", "choices"`;

const servedBy = (served: Served[]): Sql =>
  served.length ? sql`(${join(served.map((s) => sql`("channel" = ${s.channel} AND "via" = ${s.via})`), ' OR ')})` : sql`1 = 0`;

/**
 * Claims up to `limit` rows that are due (pending and their time has come) or whose lease ran
 * out (a process died sending them), in one statement: marked `sending` under this holder until
 * `leaseUntil`. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets two instances claim at once without
 * ever taking the same row; SQLite has one bot per file (src/db/client.ts).
 */
export async function claimDue(db: Db, provider: Provider, o: { holder: string; now: Date; leaseUntil: Date; limit: number; served: Served[] }): Promise<OutboxRow[]> {
  const lock = provider === 'postgres' ? sql`FOR UPDATE SKIP LOCKED` : empty;
  const rows = await db.$direct.query<OutboxRow>(sql`
    UPDATE "Notification" SET "status" = 'sending', "leaseHolder" = ${o.holder}, "leaseUntil" = ${o.leaseUntil}, "attempts" = "attempts" + 1, "updatedAt" = ${o.now}
    WHERE "id" IN (
      SELECT "id" FROM "Notification"
      WHERE (("status" = 'pending' AND "nextAttemptAt" <= ${o.now}) OR ("status" = 'sending' AND "leaseUntil" < ${o.now})) AND ${servedBy(o.served)}
      ORDER BY "nextAttemptAt", "id" LIMIT ${o.limit} ${lock})
    RETURNING ${COLUMNS}`);
  // RETURNING promises no order: oldest due first, as claimed.
  return rows.map((r) => ({ ...r, dueAt: new Date(r.dueAt) })).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id);
}

/** When the next row of these channels falls due (or a lease runs out), if any. */
export async function nextDue(db: Db, served: Served[]): Promise<Date | undefined> {
  const [row] = await db.$direct.query<{ pending: unknown; leased: unknown }>(sql`
    SELECT (SELECT MIN("nextAttemptAt") FROM "Notification" WHERE "status" = 'pending' AND ${servedBy(served)}) AS "pending",
           (SELECT MIN("leaseUntil") FROM "Notification" WHERE "status" = 'sending' AND ${servedBy(served)}) AS "leased"`);
  const times = [row?.pending, row?.leased].filter((v) => v !== null && v !== undefined).map((v) => new Date(v as string));
  return times.length ? new Date(Math.min(...times.map((t) => t.getTime()))) : undefined;
}

/**
 * Marks pending rows due before `cutoff` skipped: the bot was down longer than the catch-up
 * limit, and a reminder days late would read as if fresh. Listed to admins, never sent.
 */
export async function skipStale(db: Db, o: { now: Date; cutoff: Date; served: Served[]; reason: string }): Promise<number> {
  return db.$direct.execute(sql`
    UPDATE "Notification" SET "status" = 'skipped', "lastError" = ${o.reason}, "leaseHolder" = NULL, "leaseUntil" = NULL, "updatedAt" = ${o.now}
    WHERE ("status" = 'pending' OR ("status" = 'sending' AND "leaseUntil" < ${o.now})) AND "dueAt" < ${o.cutoff} AND ${servedBy(o.served)}`);
}

/**
 * The outbox's one door for features: `enqueue(tx, …)` inside the transaction of the change
 * that calls for the message, as `recordAudit(tx, …)` records its audit entry. The message is a
 * row before anything is sent; the dispatcher (dispatcher.ts) sends it. Work written in many
 * steps outside one transaction holds its messages until it is whole (`holdMany`). Nothing else
 * of the outbox is for features.
 */
import type { Address } from '../core/delivery.ts';
import type { Tx } from '../db/client.ts';
import type { DirectStatements } from '../db/direct-sql.ts';
import { join, sql, type Sql } from '../db/sql.ts';

export interface NewNotification {
  /** Unique per thing planned: planning it again creates nothing (`reminder:12:2026-12-01T06:30:00.000Z`). */
  dedupeKey: string;
  to: Address;
  /** The recipient: an account, or a registered group. */
  accountId?: number | null;
  groupId?: number | null;
  /** What it is about, for lists and admins: reminder, digest, ... */
  kind: string;
  /** A locale key and its parameters, rendered when sent, in the recipient's language. */
  messageKey: string;
  params: Record<string, string | number>;
  dueAt: Date;
  reminderId?: number | null;
  /** A checkup appointment's message: cancelled or rewritten with the appointment. */
  appointmentId?: number | null;
  /** Choices it offers: each an id that comes back when chosen, and a locale key for its label. */
  choices?: Array<{ id: string; key: string }>;
}

/**
 * Writes the notification unless one with its dedupe key exists; true when written. `now` is the
 * app's clock: every time in the outbox is bound from it, never taken from a SQL default (on
 * SQLite the two are stored in forms that do not compare).
 */
export async function enqueue(tx: Tx, n: NewNotification, now: Date): Promise<boolean> {
  return (await enqueueMany(tx, [n], now)) > 0;
}

/** Rows per INSERT: 20 values each, well inside both databases' limits on bound values. */
const ROWS_PER_STATEMENT = 200;

/** The INSERTs that write `all` with `status`, a few hundred rows each; a dedupe key already taken is skipped. */
function insertStatements(all: NewNotification[], now: Date, status: 'pending' | 'held'): Sql[] {
  const statements: Sql[] = [];
  for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
    const rows = all.slice(i, i + ROWS_PER_STATEMENT).map(
      (n) => sql`(${n.dedupeKey}, ${n.to.channel}, ${n.to.via ?? ''}, ${n.to.chatId}, ${n.to.kind}, ${n.accountId ?? null}, ${n.groupId ?? null}, ${n.kind},
        ${n.messageKey}, ${JSON.stringify(n.params)}, ${n.dueAt}, ${status}, 0, ${n.dueAt}, 0, ${n.reminderId ?? null},
        ${n.appointmentId ?? null}, ${n.choices ? JSON.stringify(n.choices) : null}, ${now}, ${now})`,
    );
    // ON CONFLICT DO NOTHING, which both databases know: a second plan of the same thing is a no-op.
    statements.push(sql`
      INSERT INTO "Notification" ("dedupeKey", "channel", "via", "chatId", "chatKind", "accountId", "groupId", "kind", "messageKey", "params",
        "dueAt", "status", "attempts", "nextAttemptAt", "sentParts", "reminderId", "appointmentId", "choices", "createdAt", "updatedAt")
      VALUES ${join(rows)}
      ON CONFLICT ("dedupeKey") DO NOTHING`);
  }
  return statements;
}

/**
 * Writes many notifications in the caller's transaction, a few hundred rows per statement; each
 * unless its dedupe key exists. Returns how many were written. Thousands at once belong in
 * `holdMany` instead: on SQLite a long transaction holds every other chat back while it runs.
 */
export async function enqueueMany(tx: Tx, all: NewNotification[], now: Date): Promise<number> {
  let created = 0;
  for (const statement of insertStatements(all, now, 'pending')) created += await tx.$executeRaw(statement);
  if (created && all.length) wakeDispatcher(new Date(Math.min(...all.map((n) => n.dueAt.getTime()))));
  return created;
}

/**
 * Held notifications, for work written in many steps that must not speak before it is whole (a
 * checkup campaign of thousands, written while other chats go on): rows like enqueueMany's,
 * but `held`, which no dispatcher claims. `releaseHeld` makes them pending in the short step
 * that makes the work live; `dropHeld` removes them when the work is given up (or its process
 * died). `writes` are direct statements, on their own or within a transaction.
 */
export async function holdMany(writes: DirectStatements, all: NewNotification[], now: Date): Promise<number> {
  let created = 0;
  for (const statement of insertStatements(all, now, 'held')) created += await writes.execute(statement);
  return created;
}

/** The held rows `where` selects (a condition on Notification's columns) become pending, and are sent from now on. */
export async function releaseHeld(writes: DirectStatements, where: Sql, now: Date): Promise<number> {
  const [first] = await writes.query<{ dueAt: unknown }>(sql`SELECT MIN("dueAt") AS "dueAt" FROM "Notification" WHERE "status" = 'held' AND (${where})`);
  const released = await writes.execute(sql`UPDATE "Notification" SET "status" = 'pending', "updatedAt" = ${now} WHERE "status" = 'held' AND (${where})`);
  if (released && first?.dueAt !== null && first?.dueAt !== undefined) wakeDispatcher(new Date(first.dueAt as string | Date));
  return released;
}

/** Removes the held rows `where` selects: nothing of them was ever sent. */
export async function dropHeld(writes: DirectStatements, where: Sql): Promise<number> {
  return writes.execute(sql`DELETE FROM "Notification" WHERE "status" = 'held' AND (${where})`);
}

/**
 * Takes back a message that is no longer worth sending because what it announced came first
 * (the "working" line of an export that was done before the line left): cancelled while it waits,
 * is held by a dispatcher (waiting for its turn in the rate budget, which would put it back to
 * wait) or failed. A dispatcher settles only rows still `sending`, so it cannot revive it; only a
 * send already on the wire goes through. True when it was taken back.
 */
export async function withdraw(tx: Tx, dedupeKey: string, now: Date): Promise<boolean> {
  const { count } = await tx.notification.updateMany({
    where: { dedupeKey, status: { in: ['pending', 'sending', 'failed'] } },
    data: { status: 'cancelled', lastError: 'withdrawn', leaseHolder: null, leaseUntil: null, updatedAt: now },
  });
  return count > 0;
}

type Waker = (dueAt: Date) => void;
const wakers = new Set<Waker>();

/**
 * Tells a dispatcher in this process that something new falls due at `dueAt`, so it need not
 * wait for its next look. Called before the caller's transaction commits: the dispatcher looks
 * again shortly after when it finds nothing yet.
 */
function wakeDispatcher(dueAt: Date): void {
  for (const wake of wakers) wake(dueAt);
}

/** A dispatcher listens here; the returned function stops listening. */
export function onEnqueued(wake: Waker): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

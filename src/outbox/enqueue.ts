/**
 * The outbox's one door for features: `enqueue(tx, …)` inside the transaction of the change
 * that calls for the message, as `recordAudit(tx, …)` records its audit entry. The message is a
 * row before anything is sent; the dispatcher (dispatcher.ts) sends it. Nothing else of the
 * outbox is for features.
 */
import type { Address } from '../core/delivery.ts';
import type { Tx } from '../db/client.ts';
import { join, sql } from '../db/sql.ts';

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

/**
 * Writes many notifications, a few hundred rows per statement (a campaign queues thousands in
 * one transaction, which on SQLite holds every other writer back while it runs); each unless
 * its dedupe key exists. Returns how many were written.
 */
export async function enqueueMany(tx: Tx, all: NewNotification[], now: Date): Promise<number> {
  let created = 0;
  for (let i = 0; i < all.length; i += ROWS_PER_STATEMENT) {
    const rows = all.slice(i, i + ROWS_PER_STATEMENT).map(
      (n) => sql`(${n.dedupeKey}, ${n.to.channel}, ${n.to.via ?? ''}, ${n.to.chatId}, ${n.to.kind}, ${n.accountId ?? null}, ${n.groupId ?? null}, ${n.kind},
        ${n.messageKey}, ${JSON.stringify(n.params)}, ${n.dueAt}, 'pending', 0, ${n.dueAt}, 0, ${n.reminderId ?? null},
        ${n.appointmentId ?? null}, ${n.choices ? JSON.stringify(n.choices) : null}, ${now}, ${now})`,
    );
    // ON CONFLICT DO NOTHING, which both databases know: a second plan of the same thing is a no-op.
    created += await tx.$executeRaw(sql`
      INSERT INTO "Notification" ("dedupeKey", "channel", "via", "chatId", "chatKind", "accountId", "groupId", "kind", "messageKey", "params",
        "dueAt", "status", "attempts", "nextAttemptAt", "sentParts", "reminderId", "appointmentId", "choices", "createdAt", "updatedAt")
      VALUES ${join(rows)}
      ON CONFLICT ("dedupeKey") DO NOTHING`);
  }
  if (created && all.length) wakeDispatcher(new Date(Math.min(...all.map((n) => n.dueAt.getTime()))));
  return created;
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

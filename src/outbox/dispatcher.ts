/**
 * The dispatcher: claims due notifications, renders each in its recipient's language, sends it
 * through its channel and records what happened. `dispatchOnce(now)` is the whole logic, tested
 * with a fake clock; `start()` runs it whenever something falls due (woken by `enqueue` in this
 * process, and looking again at least every few seconds for rows written by other instances).
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Address, Deliverer, Delivery } from '../core/delivery.ts';
import type { I18n, Locale } from '../core/i18n.ts';
import type { ChannelName } from '../core/message.ts';
import type { Db } from '../db/client.ts';
import type { Provider } from '../db/provider.ts';
import { backoffMs, MAX_ATTEMPTS } from './backoff.ts';
import { claimDue, nextDue, skipStale, type OutboxRow, type Served } from './claim.ts';
import { onEnqueued } from './enqueue.ts';

export interface DispatcherOptions {
  db: Db;
  provider: Provider;
  i18n: I18n;
  log: Logger;
  defaultLocale: Locale;
  clock?: () => Date;
  /** Rows due longer ago than this when the bot comes back are skipped, not sent (HONORCARE_CATCHUP_DAYS). */
  catchupDays: number;
  /** How long one claimed row is this process's: its send must end before. */
  leaseMs?: number;
  /** Rows claimed per look. */
  batch?: number;
  /** The longest sleep between two looks (rows written by another instance). */
  idleLookMs?: number;
  /** Chats sent to at the same time (one chat's rows always go one after another, in order). */
  parallelChats?: number;
  /** How long stop() lets sends under way finish before giving their rows back anyway. Default 10 s. */
  stopGraceMs?: number;
  random?: () => number;
}

export interface Dispatcher {
  /**
   * A channel (and which bot of it) this process sends for, until `until` resolves (the terminal
   * whose input closed): from then on its rows wait, untouched, for a process that serves it.
   */
  serve(channel: ChannelName, via: string, deliverer: Deliverer, until?: Promise<unknown>): void;
  /** One look: skip what is too old, claim what is due, send it. Returns how many rows it sent or settled. */
  dispatchOnce(now?: Date): Promise<number>;
  start(): void;
  /** Stops claiming, lets the sends under way finish, gives back what it claimed and did not send. */
  stop(): Promise<void>;
}

const DEFAULT_LEASE_MS = 60_000;
const DEFAULT_IDLE_LOOK_MS = 5_000;
const DEFAULT_PARALLEL_CHATS = 8;
/** A rate-budget wait up to this long is waited out on a timer; a longer one puts the row back. */
const SHORT_WAIT_MS = 2_000;
/** A send is not started with less of its lease left than this. */
const MIN_SEND_MS = 5_000;
/** After stop()'s grace, how long the aborted sends get to come back and be recorded. */
const ABORT_GRACE_MS = 2_000;
/** The longest pause before a channel that did not answer is tried again. */
const MAX_DOWN_PAUSE_MS = 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether `work` (if any) ends within `ms`. */
async function settlesWithin(work: Promise<unknown> | undefined, ms: number): Promise<boolean> {
  if (!work) return true;
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([work.then(() => true, () => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), ms)))]);
  clearTimeout(timer);
  return ended;
}

export function createDispatcher(o: DispatcherOptions): Dispatcher {
  const clock = o.clock ?? (() => new Date());
  const random = o.random ?? Math.random;
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const deliverers = new Map<string, Deliverer>();
  const served: Served[] = [];
  const key = (channel: string, via: string) => `${channel}@${via}`;

  /** The recipient's language, or null for a deactivated account (nobody to write to any more). */
  async function localeOf(row: OutboxRow): Promise<Locale | null> {
    if (row.accountId === null) return o.defaultLocale;
    const account = await o.db.account.findUnique({ where: { id: row.accountId }, select: { locale: true, active: true } });
    if (account && !account.active) return null;
    return (account?.locale as Locale | null) ?? o.defaultLocale;
  }

  /**
   * Channels that did not answer at all (network or proxy down, timeouts): until when nothing
   * more is tried on them, and how many times in a row. An outage is the channel's state, not
   * each message's: its rows wait without spending attempts (so a long outage fails nothing)
   * and only one probe at a time finds out when it is back. HONORCARE_CATCHUP_DAYS still bounds
   * how long a row may wait.
   */
  const down = new Map<string, { until: number; streak: number }>();
  /** Channels whose probe is under way: the others wait for its answer. */
  const probing = new Set<string>();
  function markDown(k: string, now: Date): Date {
    const streak = (down.get(k)?.streak ?? 0) + 1;
    const until = now.getTime() + Math.min(MAX_DOWN_PAUSE_MS, backoffMs(streak, random()));
    down.set(k, { until, streak });
    o.log.warn({ channel: k, streak, pauseMs: until - now.getTime() }, 'channel did not answer: pausing its notifications');
    return new Date(until);
  }

  /** Settles a row this process holds; a row whose lease ran out and was taken by another is left alone. */
  const settle = (row: OutboxRow, data: Record<string, unknown>) =>
    o.db.notification.updateMany({ where: { id: row.id, leaseHolder: holder, status: 'sending' }, data: { ...data, leaseHolder: null, leaseUntil: null, updatedAt: clock() } });

  async function record(row: OutboxRow, result: Delivery & { sentParts: number }, now: Date, text: string): Promise<void> {
    const sentParts = result.sentParts;
    switch (result.outcome) {
      case 'sent':
        down.delete(key(row.channel, row.via));
        await settle(row, { status: 'sent', sentAt: now, sentParts, messageIds: JSON.stringify(result.messageIds), lastError: null });
        return;
      case 'moved':
        // The group lives on under a new id: send there at once, and remember it for the next ones.
        await o.db.$transaction([
          o.db.notification.updateMany({ where: { id: row.id, leaseHolder: holder }, data: { chatId: result.chatId, status: 'pending', nextAttemptAt: now, attempts: { decrement: 1 }, sentParts, leaseHolder: null, leaseUntil: null, updatedAt: now } }),
          o.db.notification.updateMany({ where: { channel: row.channel, via: row.via, chatId: row.chatId, status: 'pending' }, data: { chatId: result.chatId, updatedAt: now } }),
          o.db.notifyGroup.updateMany({ where: { channel: row.channel, via: row.via, chatId: row.chatId }, data: { chatId: result.chatId, updatedAt: now } }),
        ]);
        return;
      case 'retry': {
        if (result.noAnswer || stopAborted) {
          // The channel is down, or the send was cut short by a stop: not this row's fault.
          const at = stopAborted ? now : markDown(key(row.channel, row.via), now);
          await settle(row, { status: 'pending', attempts: row.attempts - 1, sentParts, nextAttemptAt: at, lastError: result.reason });
          return;
        }
        // A wait the platform asked for (429) is not a failed attempt; anything else is, up to a limit.
        const asked = result.afterMs !== undefined;
        const attempts = asked ? row.attempts - 1 : row.attempts;
        if (!asked && attempts >= MAX_ATTEMPTS) {
          await settle(row, { status: 'failed', attempts, sentParts, lastError: result.reason });
          o.log.warn({ notification: row.id, attempts }, 'notification failed');
          return;
        }
        const waitMs = asked ? result.afterMs! : backoffMs(attempts, random());
        await settle(row, { status: 'pending', attempts, sentParts, nextAttemptAt: new Date(now.getTime() + waitMs), lastError: result.reason });
        return;
      }
      case 'unreachable':
        // Nobody reads it there: staff call instead. The task and the outcome are saved together.
        await o.db.$transaction(async (tx) => {
          const done = await tx.notification.updateMany({
            where: { id: row.id, leaseHolder: holder, status: 'sending' },
            data: { status: 'failed', sentParts, lastError: `unreachable: ${result.reason}`, leaseHolder: null, leaseUntil: null, updatedAt: now },
          });
          if (!done.count) return;
          // A row sent again (重发) that still cannot reach them reopens its task.
          await tx.phoneTask.upsert({
            where: { notificationId: row.id },
            create: { accountId: row.accountId, groupId: row.groupId, about: text.slice(0, 500), reason: result.reason, notificationId: row.id, status: 'open', createdAt: now },
            update: { reason: result.reason, status: 'open', doneById: null, doneAt: null },
          });
        });
        return;
      case 'rejected':
        await settle(row, { status: 'failed', sentParts, lastError: `rejected: ${result.reason}` });
        o.log.warn({ notification: row.id, reason: result.reason }, 'notification rejected');
        return;
    }
  }

  /**
   * Sends one claimed row before `leaseEnd` (real time, not the app's clock, which tests set: the
   * channel measures its deadline so). The lease was taken when the batch was claimed: a row
   * whose turn comes too late to finish inside it goes back untried, or another instance could
   * take it over mid-send and send it again.
   */
  async function send(row: OutboxRow, leaseEnd: number): Promise<void> {
    const deliverer = deliverers.get(key(row.channel, row.via));
    const to: Address = { channel: row.channel as ChannelName, via: row.via || undefined, chatId: row.chatId, kind: row.chatKind === 'group' ? 'group' : 'private' };
    // Taken over after a lease ran out too often: something fails every time (a bug), not for ever.
    if (row.attempts > MAX_ATTEMPTS) {
      await settle(row, { status: 'failed', lastError: 'gave up: too many attempts' });
      return;
    }
    if (Date.now() + MIN_SEND_MS > leaseEnd) {
      await settle(row, { status: 'pending', attempts: row.attempts - 1, nextAttemptAt: clock() });
      return;
    }
    // A channel that did not answer: its rows wait for the pause, then one goes as the probe.
    const k = key(row.channel, row.via);
    const outage = down.get(k);
    if (outage && (outage.until > clock().getTime() || probing.has(k))) {
      await settle(row, { status: 'pending', attempts: row.attempts - 1, nextAttemptAt: new Date(Math.max(outage.until, clock().getTime() + 1000)) });
      return;
    }
    let wait = deliverer?.waitFor(to) ?? 0;
    // The budget's short waits (30/s overall, 1/s per chat) are waited out on a timer, which
    // blocks nothing else; a long one (a 429's pause) must not hold the lease.
    while (deliverer && wait > 0 && wait <= SHORT_WAIT_MS && Date.now() + wait < leaseEnd && !stopping) {
      await sleep(wait);
      wait = deliverer.waitFor(to);
    }
    if (!deliverer || wait > 0) {
      // Not this chat's turn yet: back in the queue, no attempt spent.
      await settle(row, { status: 'pending', attempts: row.attempts - 1, nextAttemptAt: new Date(clock().getTime() + Math.max(wait, 50)) });
      return;
    }
    const locale = await localeOf(row);
    if (locale === null) {
      // Deactivated since this was planned: a former colleague gets no more of the office's messages.
      await settle(row, { status: 'cancelled', attempts: row.attempts - 1, lastError: 'account deactivated' });
      return;
    }
    const t = o.i18n.for(locale);
    const text = t(row.messageKey, JSON.parse(row.params) as Record<string, string | number>);
    // Choices (a checkup invitation's): buttons on Telegram, numbered lines elsewhere.
    const choices = row.choices ? (JSON.parse(row.choices) as Array<{ id: string; key: string }>).map((c) => ({ id: c.id, label: t(c.key) })) : undefined;
    let result: Delivery & { sentParts: number };
    if (outage) probing.add(k);
    try {
      result = await deliverer.deliver(to, choices ? { text, choices } : { text }, { deadline: leaseEnd, fromPart: row.sentParts, signal: abort.signal });
    } catch (err) {
      // A bug in a channel: counted as a failed attempt, so it cannot loop for ever.
      o.log.error({ err, notification: row.id }, 'deliver threw');
      result = { outcome: 'retry', reason: (err as Error)?.name ?? 'error', sentParts: row.sentParts };
    } finally {
      if (outage) probing.delete(k);
    }
    await record(row, result, clock(), text);
  }

  async function dispatchOnce(now = clock()): Promise<number> {
    if (!served.length) return 0;
    const cutoff = new Date(now.getTime() - o.catchupDays * 24 * 3600_000);
    const skipped = await skipStale(o.db, { now, cutoff, served, reason: `due more than ${o.catchupDays} days before the bot could send it` });
    if (skipped) o.log.warn({ skipped }, 'notifications too old to send were skipped');
    const claimedAt = Date.now();
    const rows = await claimDue(o.db, o.provider, { holder, now, leaseUntil: new Date(now.getTime() + leaseMs), limit: o.batch ?? 50, served });
    await sendByChat(rows, claimedAt + leaseMs - 1000);
    // What was claimed and not sent because of a stop goes back at once.
    if (stopping) await releaseClaimed();
    return rows.length + skipped;
  }

  /**
   * Sends claimed rows: several chats at once (a platform call takes a round trip; one chat at a
   * time would never reach the platform's rate), each chat's rows in due order.
   */
  async function sendByChat(rows: OutboxRow[], leaseEnd: number): Promise<void> {
    const byChat = new Map<string, OutboxRow[]>();
    for (const row of rows) {
      const k = `${row.channel}|${row.via}|${row.chatId}`;
      byChat.set(k, [...(byChat.get(k) ?? []), row]);
    }
    const queues = [...byChat.values()];
    const worker = async () => {
      for (let q = queues.shift(); q; q = queues.shift()) {
        for (const row of q) {
          if (stopping) return;
          try {
            await send(row, leaseEnd);
          } catch (err) {
            // One row's failure (a database error while recording it) must not end the others'
            // sends: it is a counted attempt, and the row goes back to wait.
            o.log.error({ err, notification: row.id }, 'sending a notification failed');
            await settle(row, row.attempts >= MAX_ATTEMPTS ? { status: 'failed', lastError: 'error while sending' } : { status: 'pending', nextAttemptAt: new Date(clock().getTime() + backoffMs(row.attempts, random())), lastError: 'error while sending' }).catch(
              (e: unknown) => o.log.error({ err: e, notification: row.id }, 'could not put a notification back'),
            );
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(queues.length, o.parallelChats ?? DEFAULT_PARALLEL_CHATS) }, worker));
  }

  const releaseClaimed = () =>
    o.db.notification.updateMany({ where: { leaseHolder: holder, status: 'sending' }, data: { status: 'pending', attempts: { decrement: 1 }, leaseHolder: null, leaseUntil: null, updatedAt: clock() } });

  let timer: NodeJS.Timeout | undefined;
  let timerAt = Infinity;
  let running: Promise<void> | undefined;
  let again = false;
  /** Whether the timer runs (start() until stop()). */
  let started = false;
  /** Set by stop(): no new sends. */
  let stopping = false;
  /** Aborted by stop() once its grace is over: sends under way end now, before their rows go back. */
  let abort = new AbortController();
  /** Whether the sends were cut short by stop(): their retries spend no attempt. */
  let stopAborted = false;
  let unlisten: (() => void) | undefined;

  function schedule(delayMs: number): void {
    if (!started || stopping) return;
    const at = Date.now() + delayMs;
    if (timer && at >= timerAt) return;
    clearTimeout(timer);
    timerAt = at;
    timer = setTimeout(tick, Math.max(0, delayMs));
  }

  function tick(): void {
    timer = undefined;
    timerAt = Infinity;
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      let next = o.idleLookMs ?? DEFAULT_IDLE_LOOK_MS;
      try {
        const handled = await dispatchOnce();
        if (handled) next = 0;
        else {
          const due = await nextDue(o.db, served);
          if (due) next = Math.min(next, Math.max(0, due.getTime() - clock().getTime()));
        }
      } catch (err) {
        o.log.error({ err }, 'dispatch failed');
      } finally {
        running = undefined;
      }
      schedule(again ? 0 : next);
      again = false;
    })();
  }

  return {
    serve(channel, via, deliverer, until) {
      if (!deliverers.has(key(channel, via))) served.push({ channel, via });
      deliverers.set(key(channel, via), deliverer);
      void until?.then(() => {
        if (deliverers.get(key(channel, via)) !== deliverer) return;
        served.splice(served.findIndex((s) => s.channel === channel && s.via === via), 1);
        deliverers.delete(key(channel, via));
      });
      // A channel that comes up late (Telegram after an outage) has rows waiting: look now.
      schedule(0);
    },
    dispatchOnce,
    start() {
      started = true;
      stopping = false;
      if (abort.signal.aborted) abort = new AbortController();
      stopAborted = false;
      // Woken by enqueue: a row written now for a minute from now is sent then, not at the next look.
      unlisten = onEnqueued((dueAt) => schedule(Math.max(50, dueAt.getTime() - clock().getTime())));
      schedule(0);
    },
    async stop() {
      stopping = true;
      started = false;
      unlisten?.();
      clearTimeout(timer);
      // Sends under way finish (each is bounded by its deadline). Past the grace they are aborted
      // and recorded before their rows go back: a row given back while its send still ran could
      // be sent again by the next process even though this one's got through. A send the platform
      // accepted just as it was cut off is the one documented case of a duplicate.
      if (!(await settlesWithin(running, o.stopGraceMs ?? 10_000))) {
        stopAborted = true;
        abort.abort();
        if (!(await settlesWithin(running, ABORT_GRACE_MS))) o.log.warn('sends still under way after the stop: their rows go back');
      }
      await releaseClaimed();
    },
  };
}

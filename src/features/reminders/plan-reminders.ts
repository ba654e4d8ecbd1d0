import type { Tx, Db } from '../../db/client.ts';
import { nextOccurrence } from '../../domain/index.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import type { Address } from '../../core/delivery.ts';
import { ruleOf } from './when.ts';

/** Occurrences are handed to the outbox this long before they fall due. */
export const PLAN_AHEAD_MS = 60 * 60_000;
/** At most this many occurrences of one reminder per run (a daily one after a long outage). */
const MOST_PER_RUN = 50;

export interface ReminderRow {
  id: number;
  ownerId: number;
  groupId: number | null;
  text: string;
  rule: string;
  honoreeId: number | null;
  nextAt: Date | null;
  channel: string;
  via: string;
  chatId: string;
  fileNo?: string | null;
}

type Recipient = { to: Address; accountId: number | null; groupId: number | null };

/**
 * Where a reminder goes: its group's chat, or the private chat it was set in. `group_gone`: the
 * group is no longer registered, the reminder ends. `owner_inactive`: its owner's account is
 * deactivated, so its times pass unsent (a deactivated person is a stranger to the bot); a
 * repeating one comes back if the account is enabled again.
 */
async function addressOf(tx: Tx, r: ReminderRow): Promise<Recipient | 'group_gone' | 'owner_inactive'> {
  if (r.groupId === null) {
    const owner = await tx.account.findUnique({ where: { id: r.ownerId }, select: { active: true } });
    if (!owner?.active) return 'owner_inactive';
    return { to: { channel: r.channel as Address['channel'], via: r.via || undefined, chatId: r.chatId, kind: 'private' }, accountId: r.ownerId, groupId: null };
  }
  const group = await tx.notifyGroup.findUnique({ where: { id: r.groupId } });
  if (!group?.active) return 'group_gone';
  return { to: { channel: group.channel as Address['channel'], via: group.via || undefined, chatId: group.chatId, kind: 'group' }, accountId: null, groupId: group.id };
}

/** What a reminder is after a run: still to come, handed out for good (a one-off), or over unsent. */
function statusAfter(where: Recipient | 'group_gone' | 'owner_inactive', next: Date | null): 'pending' | 'done' | 'cancelled' {
  if (where === 'group_gone') return 'cancelled';
  if (next) return 'pending';
  return where === 'owner_inactive' ? 'cancelled' : 'done';
}

/**
 * Hands the occurrences of `r` due before `until` to the outbox, one row each (their dedupe key
 * names the reminder and the instant, so planning twice writes nothing twice), and moves its
 * next time on; a one-off handed out is done. Inside the caller's transaction.
 */
export async function planOccurrences(tx: Tx, r: ReminderRow, until: Date, now: Date, timeZone: string): Promise<void> {
  // Read outside this transaction: cancelled (取消提醒) or planned by another run since, it is left
  // alone. An update that changes nothing, so the row stays locked until this run commits: a
  // 取消提醒 meanwhile waits for it, then sees what was handed out (and stops it).
  const mine = await tx.reminder.updateMany({ where: { id: r.id, status: 'pending', nextAt: r.nextAt }, data: { ownerId: r.ownerId } });
  if (!mine.count) return;
  const rule = ruleOf(r.rule);
  const where = await addressOf(tx, r);
  let next = r.nextAt;
  for (let n = 0; next && next.getTime() <= until.getTime() && n < MOST_PER_RUN; n++) {
    if (typeof where === 'object') {
      await enqueue(
        tx,
        {
          dedupeKey: `reminder:${r.id}:${next.toISOString()}`,
          ...where,
          kind: 'reminder',
          messageKey: r.fileNo ? 'reminders.due_with_file' : 'reminders.due',
          params: { text: r.text, ...(r.fileNo ? { fileNo: r.fileNo } : {}) },
          dueAt: next,
          reminderId: r.id,
        },
        now,
      );
    }
    next = rule.kind === 'once' ? null : nextOccurrence(rule, next, timeZone);
  }
  await tx.reminder.update({ where: { id: r.id }, data: { nextAt: next, status: statusAfter(where, next), updatedAt: now } });
}

/** The planner: every pending reminder whose next time comes within the hour (or was missed). */
export async function planReminders(db: Db, now: Date, timeZone: string): Promise<number> {
  const until = new Date(now.getTime() + PLAN_AHEAD_MS);
  const due = await db.reminder.findMany({ where: { status: 'pending', nextAt: { lte: until } }, orderBy: { nextAt: 'asc' }, take: 500 });
  for (const r of due) {
    const fileNo = r.honoreeId ? (await db.honoree.findUnique({ where: { id: r.honoreeId }, select: { fileNo: true } }))?.fileNo : null;
    await db.$transaction((tx) => planOccurrences(tx, { ...r, fileNo }, until, now, timeZone));
  }
  return due.length;
}

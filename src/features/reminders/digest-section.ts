import type { Db } from '../../db/client.ts';
import { addDays, nextOccurrence, wallClock, zonedInstant } from '../../domain/index.ts';
import type { DigestQuery, DigestSection } from '../feature.ts';
import { ruleOf } from './when.ts';

/** Most reminders one digest lists; a group with more is told how many are left out. */
const MOST_LISTED = 30;

interface DueToday {
  at: Date;
  text: string;
  fileNo: string | null;
}

/**
 * Reminders of the digest's recipient that fall due today: those already handed to the outbox
 * (planned an hour ahead, or sent this morning) and those still waiting in their reminder.
 */
async function dueToday(db: Db, q: DigestQuery, timeZone: string): Promise<DueToday[]> {
  const start = zonedInstant(q.today, '00:00', timeZone);
  const end = zonedInstant(addDays(q.today, 1), '00:00', timeZone);
  const whose = 'groupId' in q.for ? { groupId: q.for.groupId } : { ownerId: q.for.accountId, groupId: null };
  const recipient = 'groupId' in q.for ? { groupId: q.for.groupId } : { accountId: q.for.accountId };
  const planned = await db.notification.findMany({
    where: { ...recipient, reminderId: { not: null }, dueAt: { gte: start, lt: end }, status: { in: ['pending', 'sending', 'sent'] } },
    select: { reminderId: true, dueAt: true },
    take: 500,
  });
  // Only what can fall today: a one-off handed out on another day is done and stays out.
  const reminders = await db.reminder.findMany({
    where: { ...whose, OR: [{ status: 'pending', nextAt: { lt: end } }, { status: { in: ['pending', 'done'] }, id: { in: planned.map((p) => p.reminderId as number) } }] },
    select: { id: true, text: true, rule: true, nextAt: true, status: true, honoreeId: true },
    orderBy: { id: 'asc' },
    take: 500,
  });
  const byId = new Map(reminders.map((r) => [r.id, r]));
  const linked = reminders.flatMap((r) => (r.honoreeId === null ? [] : [r.honoreeId]));
  const files = new Map(
    (linked.length ? await db.honoree.findMany({ where: { id: { in: linked } }, select: { id: true, fileNo: true } }) : []).map((h) => [h.id, h.fileNo]),
  );
  const seen = new Set<string>();
  const out: DueToday[] = [];
  const add = (id: number, at: Date) => {
    const r = byId.get(id);
    if (!r || seen.has(`${id}@${at.getTime()}`)) return;
    seen.add(`${id}@${at.getTime()}`);
    out.push({ at, text: r.text, fileNo: r.honoreeId === null ? null : (files.get(r.honoreeId) ?? null) });
  };
  for (const p of planned) if (p.reminderId !== null) add(p.reminderId, p.dueAt);
  for (const r of reminders) {
    if (r.status !== 'pending') continue;
    const rule = ruleOf(r.rule);
    for (let at = r.nextAt; at && at < end; at = rule.kind === 'once' ? null : nextOccurrence(rule, at, timeZone)) {
      if (at >= start) add(r.id, at);
    }
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/** The digest's first section: what the group (or person) is to be reminded of today, by time. */
export function remindersTodaySection(db: Db, timeZone: string): DigestSection {
  return {
    id: 'reminders',
    async collect(q) {
      const due = await dueToday(db, q, timeZone);
      if (!due.length) return [];
      const lines = [q.t('reminders.digest.title', { count: due.length })];
      for (const d of due.slice(0, MOST_LISTED)) {
        const time = wallClock(d.at, timeZone).time;
        lines.push(q.t(d.fileNo ? 'reminders.digest.line_with_file' : 'reminders.digest.line', { time, text: d.text, fileNo: d.fileNo ?? '' }));
      }
      if (due.length > MOST_LISTED) lines.push(q.t('reminders.digest.more', { count: due.length - MOST_LISTED }));
      return lines;
    },
  };
}

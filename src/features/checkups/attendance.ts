import type { CommandContext, Outcome } from '../../core/command.ts';
import { addDays, parseDateWord } from '../../domain/dates.ts';
import { outOfQuietHours } from '../../domain/quiet-hours.ts';
import { zonedInstant } from '../../domain/zoned-time.ts';
import type { Tx } from '../../db/client.ts';
import { auditEntryData } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { findNamed } from '../honorees/index.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { cancelPending } from './appointment-messages.ts';
import { honoreeRoutes } from './honoree-route.ts';

/** The "we missed you" message goes in the morning of its day. */
const MISSED_TIME = '10:00';
/** Appointments whose attendance can be recorded (or corrected). */
const MARKABLE = ['invited', 'confirmed', 'attended', 'no_show'];

/**
 * 体检 到场 / 体检 未到: attendance of one person, a list (张三、LM00002), or everyone confirmed
 * for a day's slot at once (体检 到场 2027-03-10 上午). A no-show is sent one "we missed you" message the day
 * after (the campaign's cadence), unless they unsubscribed; an attendance corrects a no-show and
 * withdraws that message if it has not gone.
 */
export async function markAttendance(deps: FeatureDeps, ctx: CommandContext, args: string, attended: boolean): Promise<Outcome> {
  const t = ctx.t;
  const words = args.trim();
  if (!words) return { text: t('checkups.attendance.usage') };
  const picked = await pick(deps, ctx, words);
  if ('problem' in picked) return { text: picked.problem };
  if (!picked.ids.length) return { text: t('checkups.attendance.nobody') };
  const now = ctx.now();
  const status = attended ? 'attended' : 'no_show';
  const done = await deps.db.$transaction(async (tx) => {
    const rows = await tx.checkupAppointment.findMany({ where: { id: { in: picked.ids }, status: { in: MARKABLE } }, include: { campaign: true, slot: true } });
    const changed = rows.filter((a) => a.status !== status);
    for (const a of changed) {
      await tx.checkupAppointment.update({ where: { id: a.id }, data: { status, updatedAt: now } });
      if (attended) await cancelPending(tx, a.id, now, 'attended');
    }
    const audits = changed.map((a) => auditEntryData(ctx.actor, 'checkup_appointment', a.id, 'update', { status: a.status }, { status })!);
    if (audits.length) await tx.auditEntry.createMany({ data: audits });
    let told = 0;
    if (!attended) {
      const routes = await honoreeRoutes(tx, changed.map((a) => a.honoreeId));
      const files = new Map((await tx.honoree.findMany({ where: { id: { in: changed.map((a) => a.honoreeId) } }, select: { id: true, name: true, messagesOffAt: true } })).map((h) => [h.id, h]));
      for (const a of changed) {
        const route = routes.get(a.honoreeId);
        const file = files.get(a.honoreeId);
        if (!route || !file || file.messagesOffAt || !a.slot) continue;
        for (const days of (JSON.parse(a.campaign.cadence) as number[]).filter((d) => d > 0)) {
          const planned = zonedInstant(addDays(a.slot.date, days), MISSED_TIME, deps.timeZone ?? 'UTC');
          const dueAt = outOfQuietHours(planned > now ? planned : now, deps.quietHours ?? null, deps.timeZone ?? 'UTC');
          await enqueue(
            tx,
            {
              dedupeKey: `checkup:${a.id}:missed:${days}`,
              to: route.to,
              accountId: route.accountId,
              kind: 'checkup_missed',
              messageKey: 'checkups.missed',
              params: { name: file.name, hospital: a.campaign.hospital },
              dueAt,
              appointmentId: a.id,
            },
            now,
          );
          told += 1;
        }
      }
    }
    return { names: await namesOf(tx, changed.map((a) => a.honoreeId)), same: rows.length - changed.length, told };
  });
  const key = attended ? 'checkups.attendance.attended' : 'checkups.attendance.no_show';
  const lines = [t(key, { count: done.names.length, names: done.names.join('、') || t('common.none') })];
  if (done.same) lines.push(t('checkups.attendance.unchanged', { count: done.same }));
  if (!attended && done.told) lines.push(t('checkups.attendance.missed_sent', { count: done.told }));
  return { text: lines.join('\n') };
}

async function namesOf(tx: Tx, ids: number[]): Promise<string[]> {
  const rows = await tx.honoree.findMany({ where: { id: { in: ids } }, orderBy: { fileNo: 'asc' }, select: { name: true, fileNo: true } });
  return rows.map((r) => `${r.name}（${r.fileNo}）`);
}

/** The appointments meant: a day (and slot) of an open campaign, or named people. */
async function pick(deps: FeatureDeps, ctx: CommandContext, words: string): Promise<{ ids: number[] } | { problem: string }> {
  const [first, ...rest] = words.split(/\s+/);
  const date = parseDateWord(first, ctx.today());
  if (date.ok) {
    const label = rest.join(' ');
    const slots = await deps.db.checkupSlot.findMany({ where: { date: date.date, campaign: { status: 'open' }, ...(label ? { label } : {}) }, select: { id: true } });
    if (!slots.length) return { problem: ctx.t('checkups.attendance.no_slot', { day: date.date, label }) };
    // Everyone confirmed for the slot: who never answered is recorded one by one, if they came.
    const rows = await deps.db.checkupAppointment.findMany({ where: { slotId: { in: slots.map((s) => s.id) }, status: 'confirmed' }, select: { id: true } });
    return { ids: rows.map((r) => r.id) };
  }
  if (date.reason === 'future') return { problem: ctx.t('checkups.attendance.future') };
  const named = await findNamed(deps.db, words);
  if ('problem' in named) return { problem: ctx.t(`checkups.new.names_${named.problem}`, named.params) };
  const rows = await deps.db.checkupAppointment.findMany({ where: { honoreeId: { in: named.ids }, campaign: { status: 'open' }, status: { in: MARKABLE } }, select: { id: true } });
  return { ids: rows.map((r) => r.id) };
}


import type { CommandContext, Outcome } from '../../core/command.ts';
import type { Translate } from '../../core/i18n.ts';
import { readReminderDays } from '../../domain/checkup-cadence.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { enqueueMany } from '../../outbox/enqueue.ts';
import { campaignFacts, cancelComingReminders, REMINDER_TIME, reminders } from './appointment-messages.ts';
import { recipients } from './honoree-route.ts';
import { TRANSACTION_TIMEOUT_MS } from './plan-campaign.ts';

/** Appointments still ahead: those the reminders are for. */
const AHEAD = ['invited', 'confirmed'];

/** "3、1": the days before the appointment a cadence reminds on. */
const daysBefore = (t: Translate, cadence: number[]) =>
  cadence
    .filter((d) => d < 0)
    .map((d) => -d)
    .join(t('checkups.cadence.separator'));

/**
 * 体检 提醒 N 3,1: campaign N reminds 3 days and 1 day before the appointment. The cadence is
 * stored and, in the same transaction, the reminders still to come of every appointment ahead
 * are rewritten by it: cancelled, then planned again (none for a time already past, none for
 * someone with no account or who sent 退订). The kind word the day after a missed appointment
 * stays as it was. 体检 提醒 N alone tells the days in force.
 */
export async function changeCadence(deps: FeatureDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const t = ctx.t;
  const m = /^#?(\d{1,9})(?:\s+([^]*))?$/.exec(args.trim());
  if (!m) return { text: t('checkups.cadence.usage') };
  const id = Number(m[1]);
  const read = m[2] ? readReminderDays(m[2]) : null;
  if (read && !read.ok) return { text: t(`checkups.cadence.${read.problem}`, { id, value: read.value, time: REMINDER_TIME }) };
  const campaign = await deps.db.checkupCampaign.findUnique({ where: { id } });
  if (!campaign) return { text: t('checkups.no_campaign', { id }) };
  if (campaign.status !== 'open') return { text: t('checkups.cadence.closed', { id }) };
  const old = JSON.parse(campaign.cadence) as number[];
  if (!read) return { text: t('checkups.cadence.now', { id, days: daysBefore(t, old), time: REMINDER_TIME }) };
  const cadence = [...read.days.map((d) => -d), ...old.filter((d) => d > 0)];
  if (JSON.stringify(cadence) === JSON.stringify(old)) return { text: t('checkups.cadence.unchanged', { id, days: daysBefore(t, cadence) }) };

  const now = ctx.now();
  const done = await deps.db.$transaction(
    async (tx) => {
      const before = await tx.checkupCampaign.findUnique({ where: { id } });
      if (!before || before.status !== 'open') return null;
      const after = await tx.checkupCampaign.update({ where: { id }, data: { cadence: JSON.stringify(cadence) } });
      await recordAudit(tx, ctx.actor, 'checkup_campaign', id, 'update', before, after);
      const ahead = await tx.checkupAppointment.findMany({ where: { campaignId: id, status: { in: AHEAD }, slotId: { not: null } }, select: { id: true, honoreeId: true, slot: true } });
      const cancelled = await cancelComingReminders(tx, ahead.map((a) => a.id), now, 'cadence changed');
      const reach = await recipients(tx, deps, ahead.map((a) => a.honoreeId), t);
      const facts = campaignFacts(after);
      const planned = ahead.flatMap((a) => {
        const reader = reach.get(a.honoreeId);
        return reader ? reminders({ appointmentId: a.id, ...reader, campaign: facts, slot: a.slot!, now, timeZone: deps.timeZone ?? 'UTC', quiet: deps.quietHours ?? null }) : [];
      });
      return { cancelled, planned: await enqueueMany(tx, planned, now), people: reach.size };
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  if (!done) return { text: t('checkups.cadence.closed', { id }) };
  ctx.log.info({ campaign: id, cadence, ...done }, 'checkup cadence changed');
  return { text: t('checkups.cadence.changed', { id, days: daysBefore(t, cadence), time: REMINDER_TIME, ...done }) };
}

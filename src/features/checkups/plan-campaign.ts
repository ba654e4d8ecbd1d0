import type { CommandContext, Outcome } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { allocateSlots, type CheckupSlot as SlotSpec } from '../../domain/checkup-slots.ts';
import { auditEntryData, recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { enqueueMany, type NewNotification } from '../../outbox/enqueue.ts';
import { campaignFacts, invitation, reminders } from './appointment-messages.ts';
import { findInvitees, type Audience } from './audience.ts';
import { recipients } from './honoree-route.ts';

/** 3 and 1 days before, and one "we missed you" the day after a missed appointment. */
export const DEFAULT_CADENCE = [-3, -1, 1];

export interface CampaignPlan {
  year: number;
  hospital: string;
  address: string;
  preparation: string;
  slots: SlotSpec[];
  audience: Audience;
}

/** Generous: thousands of invitations (or reminders) are written in one transaction. */
export const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Creates the campaign, its slots and one appointment per invitee (spread fairly over the slots,
 * the priority register first), and queues each invitation and its reminders for honorees with
 * an account who did not 退订, in one transaction: all of it, or nothing. The rest are on the
 * staff's call list from the start.
 */
export async function planCampaign(deps: FeatureDeps, ctx: CommandContext, plan: CampaignPlan): Promise<Outcome> {
  const now = ctx.now();
  const invitees = await findInvitees(deps.db, plan.audience, plan.year);
  if (!invitees.length) return { text: ctx.t('checkups.new.nobody') };
  const timeZone = deps.timeZone ?? 'UTC';
  const result = await deps.db.$transaction(
    async (tx) => {
      const cadence = DEFAULT_CADENCE;
      const campaign = await tx.checkupCampaign.create({
        data: { year: plan.year, hospital: plan.hospital, address: plan.address, preparation: plan.preparation, status: 'open', cadence: JSON.stringify(cadence), createdById: ctx.account.id, createdAt: now },
      });
      await recordAudit(tx, ctx.actor, 'checkup_campaign', campaign.id, 'create', null, { ...campaign, invited: invitees.length });
      const slots = [];
      for (const s of plan.slots) slots.push(await tx.checkupSlot.create({ data: { campaignId: campaign.id, ...s } }));
      const { placed, unplaced } = allocateSlots(invitees, slots.map((s) => ({ id: s.id, capacity: s.capacity, taken: 0 })));
      if (unplaced.length) throw new UserError('checkups.new.over_capacity', { count: invitees.length, capacity: slots.reduce((n, s) => n + s.capacity, 0) });
      const appointments = await tx.checkupAppointment.createManyAndReturn({
        data: placed.map((p) => ({ campaignId: campaign.id, honoreeId: p.personId, slotId: p.slotId, status: 'invited', invitedAt: now, createdAt: now, updatedAt: now })),
        select: { id: true, honoreeId: true, slotId: true, status: true },
      });
      await tx.auditEntry.createMany({ data: appointments.map((a) => auditEntryData(ctx.actor, 'checkup_appointment', a.id, 'create', null, a)!) });
      for (const s of slots) await tx.checkupSlot.update({ where: { id: s.id }, data: { taken: placed.filter((p) => p.slotId === s.id).length } });

      const reach = await recipients(tx, deps, appointments.map((a) => a.honoreeId), ctx.t);
      const facts = campaignFacts(campaign);
      const slotOf = new Map(slots.map((s) => [s.id, s]));
      let written = 0;
      const queued: NewNotification[] = [];
      for (const a of appointments) {
        const reader = reach.get(a.honoreeId);
        if (!reader) continue;
        const m = { appointmentId: a.id, ...reader, campaign: facts, slot: slotOf.get(a.slotId!)!, now, timeZone, quiet: deps.quietHours ?? null };
        queued.push(invitation(m), ...reminders(m));
        written += 1;
      }
      await enqueueMany(tx, queued, now);
      return { id: campaign.id, invited: appointments.length, written };
    },
    { timeout: TRANSACTION_TIMEOUT_MS },
  );
  ctx.log.info({ campaign: result.id, invited: result.invited, written: result.written }, 'checkup campaign created');
  return { text: ctx.t('checkups.new.created', { year: plan.year, id: result.id, count: result.invited, sent: result.written, toCall: result.invited - result.written }) };
}

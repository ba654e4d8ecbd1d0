import type { CommandContext, Outcome } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import { allocateSlots, type CheckupSlot as SlotSpec } from '../../domain/checkup-slots.ts';
import type { QuietHours } from '../../domain/quiet-hours.ts';
import type { FeatureDeps } from '../feature.ts';
import { holdMany, type NewNotification } from '../../outbox/enqueue.ts';
import { invitation, messageTimes, reminders, type CampaignFacts, type MessageTimes } from './appointment-messages.ts';
import { findInvitees, type Audience } from './audience.ts';
import { createDraft, discardDraft, goLive, insertAppointments, type DraftSlot } from './campaign-draft.ts';
import { recipients } from './honoree-route.ts';

/** 3 and 1 days before, and one "we missed you" the day after a missed appointment. */
export const DEFAULT_CADENCE = [-3, -1, 1];

/** Appointments written per step: a statement of a few hundred rows, then other chats' turn. */
const APPOINTMENTS_PER_STEP = 250;

export interface CampaignPlan {
  year: number;
  hospital: string;
  address: string;
  preparation: string;
  slots: SlotSpec[];
  audience: Audience;
}

/** Generous: the reminders of thousands of appointments are rewritten in one transaction (体检 提醒). */
export const TRANSACTION_TIMEOUT_MS = 120_000;

/**
 * Creates the campaign, its slots and one appointment per invitee (spread fairly over the slots,
 * the priority register first), and queues each invitation and its reminders for honorees with
 * an account who did not 退订: all of it, or nothing. The rest are on the staff's call list from
 * the start. Too few places refuses before anything is written. Written as a draft in short steps
 * while other chats go on, then opened in one short transaction (campaign-draft.ts).
 */
export async function planCampaign(deps: FeatureDeps, ctx: CommandContext, plan: CampaignPlan): Promise<Outcome> {
  const now = ctx.now();
  const invitees = await findInvitees(deps.db, plan.audience, plan.year);
  if (!invitees.length) return { text: ctx.t('checkups.new.nobody') };
  // The slots' places by their order: who goes where is known before anything is written.
  const { placed, unplaced } = allocateSlots(invitees, plan.slots.map((s, i) => ({ id: i, capacity: s.capacity, taken: 0 })));
  if (unplaced.length) throw new UserError('checkups.new.over_capacity', { count: invitees.length, capacity: plan.slots.reduce((n, s) => n + s.capacity, 0) });

  const cadence = DEFAULT_CADENCE;
  const taken = plan.slots.map((_, i) => placed.filter((p) => p.slotId === i).length);
  const draft = await createDraft(deps.db, { ...plan, cadence, slots: plan.slots.map((s, i) => ({ ...s, taken: taken[i] })), createdById: ctx.account.id, now });
  try {
    const messages = campaignMessages(deps, { hospital: plan.hospital, address: plan.address, preparation: plan.preparation, cadence }, draft.slots, now);
    let written = 0;
    for (let i = 0; i < placed.length; i += APPOINTMENTS_PER_STEP) {
      const step = placed.slice(i, i + APPOINTMENTS_PER_STEP).map((p) => ({ honoreeId: p.personId, slotId: draft.slots[p.slotId].id }));
      written += await writeStep(deps, ctx, draft.id, step, messages);
    }
    await goLive(deps.db, draft.id, { actor: ctx.actor, invited: placed.length, now });
    ctx.log.info({ campaign: draft.id, invited: placed.length, written }, 'checkup campaign created');
    return { text: ctx.t('checkups.new.created', { year: plan.year, id: draft.id, count: placed.length, sent: written, toCall: placed.length - written }) };
  } catch (err) {
    // Nothing of it was live or sent: the draft goes (or, if this fails too, the hourly tidy-up removes it).
    await discardDraft(deps.db, draft.id).catch((e: unknown) =>
      // The kind of error only: a database error's message can quote personal data.
      ctx.log.warn({ campaign: draft.id, err: { name: (e as Error)?.name, code: (e as { code?: string })?.code } }, 'checkup campaign draft not removed'),
    );
    throw err;
  }
}

/** What the messages of every appointment share, worked out once: the campaign, each slot and its times. */
interface CampaignMessages {
  campaign: CampaignFacts;
  slots: Map<number, { slot: DraftSlot; times: MessageTimes }>;
  now: Date;
  timeZone: string;
  quiet: QuietHours | null;
}

function campaignMessages(deps: FeatureDeps, campaign: CampaignFacts, slots: DraftSlot[], now: Date): CampaignMessages {
  const timeZone = deps.timeZone ?? 'UTC';
  const quiet = deps.quietHours ?? null;
  return { campaign, slots: new Map(slots.map((slot) => [slot.id, { slot, times: messageTimes({ campaign, slot, now, timeZone, quiet }) }])), now, timeZone, quiet };
}

/** Appointments of one step, and the held invitation and reminders of each honoree who can be written to; how many. */
async function writeStep(deps: FeatureDeps, ctx: CommandContext, campaignId: number, step: Array<{ honoreeId: number; slotId: number }>, c: CampaignMessages): Promise<number> {
  const appointmentIds = await insertAppointments(deps.db, campaignId, step, c.now);
  const reach = await recipients(deps.db, deps, step.map((p) => p.honoreeId), ctx.t);
  const held: NewNotification[] = [];
  step.forEach((p, i) => {
    const reader = reach.get(p.honoreeId);
    if (!reader) return;
    const { slot, times } = c.slots.get(p.slotId)!;
    const m = { campaign: c.campaign, now: c.now, timeZone: c.timeZone, quiet: c.quiet, appointmentId: appointmentIds[i], ...reader, slot, times };
    held.push(invitation(m), ...reminders(m));
  });
  await holdMany(deps.db.$direct, held, c.now);
  return reach.size;
}

import { ask, type CommandContext, type Flow, type Outcome } from '../../core/command.ts';
import type { Reply } from '../../core/message.ts';
import { HONOREE_ROLES } from '../../core/roles.ts';
import type { OpenQuestion, StandingQuestions } from '../../core/standing.ts';
import { readCheckupAnswer, readDeclineReason, type CheckupAnswer, type DeclineReason } from '../../domain/checkup-answer.ts';
import type { Tx } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { ANSWER_CODES, campaignFacts, cancelPending, enqueueReminders, slotWords, type SlotFacts } from './appointment-messages.ts';
import { recipients } from './honoree-route.ts';

const RESCHEDULE_FLOW = 'checkups.reschedule';
const REASON_FLOW = 'checkups.decline_reason';
const REASONS = ['elsewhere', 'ill', 'away', 'other'] as const;
/** Appointments whose invitation still takes an answer (a declined honoree may still come). */
const OPEN_STATES = ['invited', 'confirmed', 'declined'];

/**
 * Who answers: the honoree or their proxy for themselves, or staff recording what was said on
 * the phone (`onBehalf`: any invitee, and the answer worded for staff).
 */
export interface Answering {
  onBehalf?: boolean;
}

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

function load(tx: Tx | FeatureDeps['db'], id: number) {
  return tx.checkupAppointment.findUnique({ where: { id }, include: { campaign: true, slot: true } });
}

/** The appointment's own row, without the campaign and slot loaded with it: what its audit compares. */
function rowOf(a: Loaded) {
  const { campaign: _campaign, slot: _slot, ...row } = a;
  return row;
}

/**
 * Someone else answered the same invitation a moment ago (the honoree and their proxy at once, or
 * staff on the phone): what this answer was read against has changed, so it changes nothing.
 */
class AnsweredMeanwhile extends Error {}

/** Only the appointment as it was read: a place is freed or taken once, whoever answers at once. */
const asRead = (a: Loaded) => ({ id: a.id, status: a.status, slotId: a.slotId });

/** What can keep an answer from counting, said plainly; null when it can. */
function refusal(ctx: CommandContext, a: Loaded | null, o: Answering): Reply | null {
  if (!a || (!o.onBehalf && a.honoreeId !== ctx.account.honoreeId)) return { text: ctx.t('checkups.reply.not_yours') };
  if (a.campaign.status !== 'open') return { text: ctx.t('checkups.reply.closed') };
  if (!OPEN_STATES.includes(a.status)) return { text: ctx.t('checkups.reply.over') };
  return null;
}

/** The place and time of an appointment, for the answers to an honoree. */
const placeLines = (ctx: CommandContext, a: Loaded, slot: SlotFacts) =>
  [ctx.t('checkups.reply.when', { when: slotWords(ctx.t, slot) }), ctx.t('checkups.reply.where', { hospital: a.campaign.hospital, address: a.campaign.address }), a.campaign.preparation ? ctx.t('checkups.reply.preparation', { preparation: a.campaign.preparation }) : '']
    .filter(Boolean)
    .join('\n');

/** "张三（LM00001）", for what staff are told. */
async function whoIs(deps: FeatureDeps, honoreeId: number): Promise<{ name: string; fileNo: string }> {
  return deps.db.honoree.findUniqueOrThrow({ where: { id: honoreeId }, select: { name: true, fileNo: true } });
}

/** An invitation's answers: by its buttons, or a typed reply to the person's newest one. */
export function invitationQuestions(deps: FeatureDeps): StandingQuestions {
  return {
    prefix: 'ck',
    roles: HONOREE_ROLES,
    async press(ctx, payload) {
      const [id, code] = payload.split(':');
      const answer = ANSWER_CODES[code as keyof typeof ANSWER_CODES];
      if (!answer || !/^\d+$/.test(id)) return { text: ctx.t('common.choice_expired') };
      return answerInvitation(deps, ctx, Number(id), answer);
    },
    async latest(ctx): Promise<OpenQuestion | null> {
      if (ctx.account.honoreeId === null) return null;
      const a = await deps.db.checkupAppointment.findFirst({
        where: { honoreeId: ctx.account.honoreeId, status: { in: OPEN_STATES }, campaign: { status: 'open' } },
        orderBy: { invitedAt: 'desc' },
        include: { slot: true },
      });
      if (!a) return null;
      // Asked last by its latest message (a reminder says "reply 2 or 3" too).
      const last = await deps.db.notification.findFirst({ where: { appointmentId: a.id, status: 'sent' }, orderBy: { sentAt: 'desc' }, select: { sentAt: true } });
      return {
        askedAt: last?.sentAt ?? a.invitedAt,
        about: a.slot ? ctx.t('checkups.reply.about', { when: slotWords(ctx.t, a.slot) }) : ctx.t('checkups.reply.about_plain'),
        answer: async (text) => {
          const answer = readCheckupAnswer(text);
          return answer ? answerInvitation(deps, ctx, a.id, answer) : null;
        },
      };
    },
  };
}

export async function answerInvitation(deps: FeatureDeps, ctx: CommandContext, id: number, answer: CheckupAnswer, o: Answering = {}): Promise<Outcome> {
  const a = await load(deps.db, id);
  const refused = refusal(ctx, a, o);
  if (refused || !a) return refused!;
  if (answer === 'reschedule' || (answer === 'confirm' && a.status === 'declined')) return offerSlots(deps, ctx, a, '', o);
  if (answer === 'confirm') return confirm(deps, ctx, a, o);
  return declineAppointment(deps, ctx, a.id, { ...o, reason: null, note: null });
}

async function confirm(deps: FeatureDeps, ctx: CommandContext, a: Loaded, o: Answering): Promise<Outcome> {
  if (a.status !== 'confirmed') {
    const raced = await deps.db.$transaction(async (tx) => {
      const { count } = await tx.checkupAppointment.updateMany({ where: asRead(a), data: { status: 'confirmed', callOutcome: null, callAgainOn: null, answeredAt: ctx.now(), answeredById: ctx.account.id, updatedAt: ctx.now() } });
      if (count !== 1) return true;
      await recordAudit(tx, ctx.actor, 'checkup_appointment', a.id, 'update', rowOf(a), await tx.checkupAppointment.findUniqueOrThrow({ where: { id: a.id } }));
      return false;
    });
    if (raced) return { text: ctx.t('checkups.reply.answered_meanwhile') };
  }
  if (o.onBehalf) return { text: ctx.t('checkups.call.recorded_confirm', { ...(await whoIs(deps, a.honoreeId)), when: slotWords(ctx.t, a.slot!) }) };
  const head = ctx.t(a.status === 'confirmed' ? 'checkups.reply.already_confirmed' : 'checkups.reply.confirmed');
  return { text: `${head}\n${placeLines(ctx, a, a.slot!)}` };
}

export interface Declining extends Answering {
  reason: DeclineReason | null;
  note: string | null;
  /** The phone call's outcome that ends it (已故). */
  callOutcome?: string;
}

/**
 * Not coming: the place goes back to others and nothing more is sent for it, in one transaction.
 * The honoree is then asked, optionally, why; staff give the reason with the call.
 */
export async function declineAppointment(deps: FeatureDeps, ctx: CommandContext, id: number, d: Declining): Promise<Outcome> {
  const a = await load(deps.db, id);
  const refused = refusal(ctx, a, d);
  if (refused || !a) return refused!;
  if (a.status === 'declined' && !d.onBehalf) return { text: ctx.t('checkups.reply.already_declined') };
  const raced = await deps.db.$transaction(async (tx) => {
    const now = ctx.now();
    const { count } = await tx.checkupAppointment.updateMany({
      where: asRead(a),
      data: { status: 'declined', slotId: null, declineReason: d.reason, declineNote: d.note, callOutcome: d.callOutcome ?? null, callAgainOn: null, answeredAt: now, answeredById: ctx.account.id, updatedAt: now },
    });
    if (count !== 1) return true;
    if (a.slotId !== null) await tx.checkupSlot.update({ where: { id: a.slotId }, data: { taken: { decrement: 1 } } });
    await cancelPending(tx, a.id, now, 'declined');
    const after = await tx.checkupAppointment.findUniqueOrThrow({ where: { id: a.id } });
    await recordAudit(tx, ctx.actor, 'checkup_appointment', a.id, 'update', rowOf(a), after);
    return false;
  });
  if (raced) return { text: ctx.t('checkups.reply.answered_meanwhile') };
  if (d.onBehalf) {
    const who = await whoIs(deps, a.honoreeId);
    return { text: ctx.t(d.callOutcome === 'deceased' ? 'checkups.call.recorded_deceased' : 'checkups.call.recorded_decline', who) };
  }
  return ask(REASON_FLOW, { appointmentId: a.id }, { text: ctx.t('checkups.reply.declined'), choices: REASONS.map((r) => ({ id: r, label: ctx.t(`checkups.reasons.${r}`) })) });
}

/** The other slots with a free place, to pick from (first come, first served). `before`: said first (the place picked was just taken). */
async function offerSlots(deps: FeatureDeps, ctx: CommandContext, a: Loaded, before: string, o: Answering): Promise<Outcome> {
  const free = (await deps.db.checkupSlot.findMany({ where: { campaignId: a.campaignId, date: { gt: ctx.today() } }, orderBy: [{ date: 'asc' }, { start: 'asc' }] })).filter(
    (s) => s.id !== a.slotId && s.taken < s.capacity,
  );
  if (!free.length) return { text: ctx.t(before ? 'checkups.reply.slot_taken_none' : o.onBehalf ? 'checkups.call.no_free_slots' : 'checkups.reply.no_free_slots') };
  const question = o.onBehalf ? ctx.t('checkups.call.pick_slot', await whoIs(deps, a.honoreeId)) : ctx.t('checkups.reply.pick_slot');
  return ask(RESCHEDULE_FLOW, { appointmentId: a.id, onBehalf: o.onBehalf ?? false }, { text: [before, question].filter(Boolean).join('\n'), choices: free.map((s) => ({ id: String(s.id), label: slotWords(ctx.t, s) })) });
}

/** The answer to "which other time?": the place is taken only if one is still free. */
export function rescheduleFlow(deps: FeatureDeps): Flow {
  return {
    name: RESCHEDULE_FLOW,
    interruptible: true,
    async step(ctx, raw, input) {
      const { appointmentId, onBehalf } = raw as { appointmentId: number; onBehalf?: boolean };
      const o = { onBehalf: onBehalf ?? false };
      const a = await load(deps.db, appointmentId);
      const refused = refusal(ctx, a, o);
      if (refused || !a) return refused!;
      const slotId = Number(input.choice);
      if (!input.choice || !Number.isInteger(slotId)) return offerSlots(deps, ctx, a, '', o);
      const moved = await deps.db
        .$transaction(async (tx) => {
          const now = ctx.now();
          // One conditional statement: two people racing for the last place cannot both get it.
          const took = await tx.$executeRaw(sql`UPDATE "CheckupSlot" SET "taken" = "taken" + 1 WHERE "id" = ${slotId} AND "campaignId" = ${a.campaignId} AND "taken" < "capacity"`);
          if (took !== 1) return null;
          const moving = await tx.checkupAppointment.updateMany({
            where: asRead(a),
            data: { slotId, status: 'confirmed', rescheduled: true, declineReason: null, declineNote: null, callOutcome: null, callAgainOn: null, answeredAt: now, answeredById: ctx.account.id, updatedAt: now },
          });
          // Answered meanwhile: the place just taken goes back with everything else (rolled back).
          if (moving.count !== 1) throw new AnsweredMeanwhile();
          if (a.slotId !== null) await tx.checkupSlot.update({ where: { id: a.slotId }, data: { taken: { decrement: 1 } } });
          await cancelPending(tx, a.id, now, 'rescheduled');
          const after = await tx.checkupAppointment.findUniqueOrThrow({ where: { id: a.id }, include: { slot: true } });
          // The whole row, also what moving cleared (a reason and note for declining, a call's outcome).
          const { slot: _newSlot, ...is } = after;
          await recordAudit(tx, ctx.actor, 'checkup_appointment', a.id, 'update', rowOf(a), is);
          const reader = (await recipients(tx, deps, [a.honoreeId], ctx.t)).get(a.honoreeId);
          // The reminders are for the honoree's side, in their language, whoever moved the slot.
          if (reader) await enqueueReminders({ tx, appointmentId: a.id, ...reader, campaign: campaignFacts(a.campaign), slot: after.slot!, now, timeZone: deps.timeZone ?? 'UTC', quiet: deps.quietHours ?? null });
          return after.slot!;
        })
        .catch((err: unknown) => {
          if (err instanceof AnsweredMeanwhile) return 'raced' as const;
          throw err;
        });
      if (moved === 'raced') return { text: ctx.t('checkups.reply.answered_meanwhile') };
      if (!moved) return offerSlots(deps, ctx, a, ctx.t('checkups.reply.slot_taken'), o);
      if (o.onBehalf) return { text: ctx.t('checkups.call.recorded_reschedule', { ...(await whoIs(deps, a.honoreeId)), when: slotWords(ctx.t, moved) }) };
      return { text: `${ctx.t('checkups.reply.rescheduled')}\n${placeLines(ctx, a, moved)}` };
    },
  };
}

/** Why someone declines: optional, one tap or digit; their own words are kept as "other". */
export function declineReasonFlow(deps: FeatureDeps): Flow {
  return {
    name: REASON_FLOW,
    interruptible: true,
    async step(ctx, raw, input) {
      const { appointmentId } = raw as { appointmentId: number };
      const read = input.choice ? { reason: input.choice as (typeof REASONS)[number] } : readDeclineReason(input.text ?? '');
      if (!read || !REASONS.includes(read.reason)) return { text: ctx.t('checkups.reply.reason_thanks') };
      await deps.db.$transaction(async (tx) => {
        const before = await tx.checkupAppointment.findUnique({ where: { id: appointmentId } });
        if (!before || before.honoreeId !== ctx.account.honoreeId || before.status !== 'declined') return;
        const after = await tx.checkupAppointment.update({ where: { id: appointmentId }, data: { declineReason: read.reason, declineNote: 'text' in read ? (read.text ?? null) : null, updatedAt: ctx.now() } });
        await recordAudit(tx, ctx.actor, 'checkup_appointment', appointmentId, 'update', before, after);
      });
      return { text: ctx.t('checkups.reply.reason_thanks') };
    },
  };
}

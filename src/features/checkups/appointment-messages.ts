import type { Address } from '../../core/delivery.ts';
import type { Translate } from '../../core/i18n.ts';
import { addDays, weekdayOf } from '../../domain/dates.ts';
import { outOfQuietHours, type QuietHours } from '../../domain/quiet-hours.ts';
import { zonedInstant } from '../../domain/zoned-time.ts';
import type { Tx } from '../../db/client.ts';
import { join, sql } from '../../db/sql.ts';
import { enqueueMany, type NewNotification } from '../../outbox/enqueue.ts';

/** Reminders go out in the morning of their day (then moved out of quiet hours if need be). */
export const REMINDER_TIME = '09:00';

/** The three answers an invitation offers: tied to the appointment, valid until it is answered or the campaign closes. */
export const ANSWER_CODES = { c: 'confirm', r: 'reschedule', d: 'decline' } as const;
export const answerChoices = (appointmentId: number) =>
  (Object.keys(ANSWER_CODES) as Array<keyof typeof ANSWER_CODES>).map((code) => ({ id: `ck:${appointmentId}:${code}`, key: `checkups.answer.${ANSWER_CODES[code]}` }));

export interface SlotFacts {
  id: number;
  date: string;
  start: string;
  end: string;
  label: string;
}

export interface CampaignFacts {
  hospital: string;
  address: string;
  preparation: string;
  /** Whole days from the appointment: negative ones are reminders before it. */
  cadence: number[];
}

/** What a campaign's messages say of it, from its row (the cadence is stored as JSON). */
export function campaignFacts(c: { hospital: string; address: string; preparation: string; cadence: string }): CampaignFacts {
  return { hospital: c.hospital, address: c.address, preparation: c.preparation, cadence: JSON.parse(c.cadence) as number[] };
}

/** "3月10日（周三）上午 08:00–12:00", in the reader's language. */
export function slotWords(t: Translate, slot: SlotFacts): string {
  const [, month, day] = slot.date.split('-').map(Number);
  return t('checkups.slot_words', { month, day, weekday: t(`reminders.weekdays.${weekdayOf(slot.date)}`), label: slot.label, start: slot.start, end: slot.end });
}

export interface AppointmentMessages {
  appointmentId: number;
  to: Address;
  accountId: number;
  /** The honoree's name and the reader's language, fixed when written. */
  name: string;
  t: Translate;
  campaign: CampaignFacts;
  slot: SlotFacts;
  now: Date;
  timeZone: string;
  quiet: QuietHours | null;
  /** When its messages fall due, if worked out already: the same for every appointment of the slot. */
  times?: MessageTimes;
}

/** When an appointment's invitation and its reminders fall due: a slot's, shared by all its appointments. */
export interface MessageTimes {
  invitation: Date;
  /** Reminders still to come, by cadence day (negative: before the appointment). */
  reminders: Array<{ days: number; dueAt: Date }>;
}

/**
 * The times of a slot's messages. Time-zone arithmetic is most of the cost of a message: a
 * campaign of thousands works them out once per slot (`times`) instead of once per message.
 */
export function messageTimes(m: Pick<AppointmentMessages, 'campaign' | 'slot' | 'now' | 'timeZone' | 'quiet'>): MessageTimes {
  const reminderTimes = m.campaign.cadence
    .filter((days) => days < 0)
    .map((days) => ({ days, dueAt: outOfQuietHours(zonedInstant(addDays(m.slot.date, days), REMINDER_TIME, m.timeZone), m.quiet, m.timeZone) }))
    .filter((r) => r.dueAt > m.now);
  return { invitation: outOfQuietHours(m.now, m.quiet, m.timeZone), reminders: reminderTimes };
}

const placeParams = (m: AppointmentMessages) => ({ name: m.name, when: slotWords(m.t, m.slot), hospital: m.campaign.hospital, address: m.campaign.address, preparation: m.campaign.preparation });

/** The invitation, with its three choices, as soon as it is daytime. */
export function invitation(m: AppointmentMessages): NewNotification {
  return {
    dedupeKey: `checkup:${m.appointmentId}:invite`,
    to: m.to,
    accountId: m.accountId,
    kind: 'checkup_invite',
    messageKey: m.campaign.preparation ? 'checkups.invitation_prep' : 'checkups.invitation',
    params: placeParams(m),
    dueAt: m.times?.invitation ?? outOfQuietHours(m.now, m.quiet, m.timeZone),
    appointmentId: m.appointmentId,
    choices: answerChoices(m.appointmentId),
  };
}

/**
 * The reminders before the appointment (cadence days < 0), those still to come. Keyed by the
 * slot: a new slot's reminders are new rows, and the old slot's are cancelled (cancelPending).
 */
export function reminders(m: AppointmentMessages): NewNotification[] {
  return (m.times ?? messageTimes(m)).reminders.map(({ days, dueAt }) => ({
    dedupeKey: `checkup:${m.appointmentId}:slot${m.slot.id}:${days}`,
    to: m.to,
    accountId: m.accountId,
    kind: 'checkup_reminder',
    messageKey: m.campaign.preparation ? 'checkups.reminder_prep' : 'checkups.reminder',
    params: { ...placeParams(m), days: -days },
    dueAt,
    appointmentId: m.appointmentId,
  }));
}

/** The reminders of one appointment (a new slot), written at once. */
export async function enqueueReminders(m: AppointmentMessages & { tx: Tx }): Promise<void> {
  await enqueueMany(m.tx, reminders(m), m.now);
}

/** Every message of the appointment still waiting is cancelled: its slot changed, it was declined, or the campaign closed. */
export async function cancelPending(tx: Tx, appointmentId: number, now: Date, why: string): Promise<number> {
  const rows = await tx.notification.findMany({ where: { appointmentId, status: 'pending' }, select: { id: true } });
  return cancelRows(tx, rows.map((r) => r.id), now, why);
}

/**
 * The reminders of these appointments still to come are cancelled (the cadence changed). Those
 * already due and waiting for the dispatcher go as planned: they were due under the old cadence.
 */
export async function cancelComingReminders(tx: Tx, appointmentIds: number[], now: Date, why: string): Promise<number> {
  const ids: number[] = [];
  for (let i = 0; i < appointmentIds.length; i += CHUNK) {
    const rows = await tx.notification.findMany({
      where: { appointmentId: { in: appointmentIds.slice(i, i + CHUNK) }, kind: 'checkup_reminder', status: 'pending', dueAt: { gt: now } },
      select: { id: true },
    });
    ids.push(...rows.map((r) => r.id));
  }
  return cancelRows(tx, ids, now, why);
}

/** Values per statement: a campaign may hold thousands, and a statement takes a bounded number. */
const CHUNK = 500;

/**
 * A cancelled row stays (what was planned, and why it was not sent) but gives up its dedupe key
 * for `<key>:cancelled:<id>`: the same message may be planned again later (a slot given back, a
 * day put back in the cadence) instead of being taken for one already written.
 */
async function cancelRows(tx: Tx, ids: number[], now: Date, why: string): Promise<number> {
  let count = 0;
  for (let i = 0; i < ids.length; i += CHUNK) {
    count += await tx.$executeRaw(sql`
      UPDATE "Notification" SET "status" = 'cancelled', "lastError" = ${why}, "updatedAt" = ${now}, "dedupeKey" = "dedupeKey" || ':cancelled:' || CAST("id" AS TEXT)
      WHERE "status" = 'pending' AND "id" IN (${join(ids.slice(i, i + CHUNK))})`);
  }
  return count;
}

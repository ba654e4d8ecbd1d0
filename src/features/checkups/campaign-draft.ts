/**
 * A campaign written in steps, so that thousands of invitations keep nobody waiting: on SQLite
 * one transaction writing them all held every other chat's statements back for seconds.
 *
 * 1. `createDraft`: the campaign, with status `draft`, and its slots with the places given.
 * 2. `insertAppointments` and the outbox's `holdMany`, a few hundred rows per statement, each
 *    statement on its own (other chats' statements run between them): the appointments, and
 *    their invitations and reminders `held`, which no dispatcher claims.
 * 3. `goLive`, one short transaction of a few set-based statements: the campaign opens, the
 *    appointments' audit entries are written from the rows themselves, the held messages
 *    become pending.
 *
 * All or nothing still holds for everyone else: a draft is nobody's campaign (campaign-status.ts)
 * and nothing of it is sent. A step that fails removes its draft; a draft whose process died on
 * the way is removed once it is an hour old (`discardStaleDrafts`, a planner run hourly and at start).
 */
import type { Actor } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { join, sql, type Sql } from '../../db/sql.ts';
import type { CheckupSlot as SlotSpec } from '../../domain/checkup-slots.ts';
import { dropHeld, releaseHeld } from '../../outbox/enqueue.ts';
import { recordAudit } from '../audit/index.ts';
import { DRAFT } from './campaign-status.ts';

/** A draft older than this was left by a process that died: creating a campaign takes seconds. */
const STALE_DRAFT_MS = 3600_000;

/** Ids per statement when a draft is removed: well inside both databases' limits on bound values. */
const IDS_PER_STATEMENT = 500;

export interface DraftCampaign {
  year: number;
  hospital: string;
  address: string;
  preparation: string;
  cadence: number[];
  /** The slots in the order typed, each with the places already given in it. */
  slots: Array<SlotSpec & { taken: number }>;
  createdById: number;
  now: Date;
}

export interface DraftSlot {
  id: number;
  date: string;
  start: string;
  end: string;
  label: string;
}

/** The campaign as a draft, with its slots (in the order given). */
export async function createDraft(db: Db, d: DraftCampaign): Promise<{ id: number; slots: DraftSlot[] }> {
  const campaign = await db.checkupCampaign.create({
    data: { year: d.year, hospital: d.hospital, address: d.address, preparation: d.preparation, status: DRAFT, cadence: JSON.stringify(d.cadence), createdById: d.createdById, createdAt: d.now },
  });
  const rows = await db.checkupSlot.createManyAndReturn({ data: d.slots.map((s) => ({ campaignId: campaign.id, ...s })) });
  // A date and start time name one slot of a campaign (parseSlots refuses two alike).
  const byTime = new Map(rows.map((r) => [`${r.date} ${r.start}`, r]));
  return { id: campaign.id, slots: d.slots.map((s) => byTime.get(`${s.date} ${s.start}`)!) };
}

/** One appointment per placed invitee, status invited, in one statement; their ids in the order given. */
export async function insertAppointments(db: Db, campaignId: number, placed: Array<{ honoreeId: number; slotId: number }>, now: Date): Promise<number[]> {
  const values = placed.map((p) => sql`(${campaignId}, ${p.honoreeId}, ${p.slotId}, 'invited', ${now}, ${now}, ${now})`);
  const rows = await db.$direct.query<{ id: number; honoreeId: number }>(sql`
    INSERT INTO "CheckupAppointment" ("campaignId", "honoreeId", "slotId", "status", "invitedAt", "createdAt", "updatedAt")
    VALUES ${join(values)}
    RETURNING "id", "honoreeId"`);
  // RETURNING promises no order; a campaign invites each honoree once.
  const idOf = new Map(rows.map((r) => [Number(r.honoreeId), Number(r.id)]));
  return placed.map((p) => idOf.get(p.honoreeId)!);
}

/** The messages of the campaign's appointments, a condition on the outbox's rows. */
const messagesOf = (campaignId: number): Sql => sql`"appointmentId" IN (SELECT "id" FROM "CheckupAppointment" WHERE "campaignId" = ${campaignId})`;

/**
 * The audit entry of each appointment of the campaign, as recordAudit writes one for a new row
 * (`{"id":[null,12],"honoreeId":[null,7],"slotId":[null,3],"status":[null,"invited"]}`), built by
 * the database from the rows: one statement instead of binding thousands of texts. Dated when
 * the appointments were made (the command's time).
 */
function appointmentAudits(campaignId: number, actor: Actor): Sql {
  const text = (column: string) => sql([`CAST(a."${column}" AS TEXT)`]);
  const changes = sql`'{"id":[null,' || ${text('id')} || '],"honoreeId":[null,' || ${text('honoreeId')} || '],"slotId":[null,' || ${text('slotId')} || '],"status":[null,"' || a."status" || '"]}'`;
  return sql`
    INSERT INTO "AuditEntry" ("at", "actorId", "actorLabel", "entity", "entityId", "action", "changes")
    SELECT a."createdAt", CAST(${actor?.accountId ?? null} AS INTEGER), CAST(${actor?.label ?? 'system'} AS TEXT), 'checkup_appointment', a."id", 'create', ${changes}
    FROM "CheckupAppointment" a WHERE a."campaignId" = ${campaignId} ORDER BY a."id"`;
}

/**
 * The last step, in one short transaction: the draft opens, its audit entries are written and
 * its held messages become pending. Refused (nothing changes) if it is no longer a draft.
 */
export async function goLive(db: Db, campaignId: number, o: { actor: Actor; invited: number; now: Date }): Promise<void> {
  await db.$transaction(async (tx) => {
    const opened = await tx.checkupCampaign.updateMany({ where: { id: campaignId, status: DRAFT }, data: { status: 'open' } });
    if (opened.count !== 1) throw new Error(`checkup campaign ${campaignId} is no longer a draft`);
    const campaign = await tx.checkupCampaign.findUniqueOrThrow({ where: { id: campaignId } });
    await recordAudit(tx, o.actor, 'checkup_campaign', campaignId, 'create', null, { ...campaign, invited: o.invited });
    const writes = db.$direct.within(tx);
    await writes.execute(appointmentAudits(campaignId, o.actor));
    await releaseHeld(writes, messagesOf(campaignId), o.now);
  });
}

/**
 * Removes a draft: its held messages, appointments, slots and the campaign, in that order and in
 * short statements, so a removal cut short still leaves a draft, removed later. A campaign that
 * is no longer a draft is left alone.
 */
export async function discardDraft(db: Db, campaignId: number): Promise<void> {
  const campaign = await db.checkupCampaign.findUnique({ where: { id: campaignId }, select: { status: true } });
  if (campaign?.status !== DRAFT) return;
  const appointments = await db.checkupAppointment.findMany({ where: { campaignId }, select: { id: true }, orderBy: { id: 'asc' } });
  for (let i = 0; i < appointments.length; i += IDS_PER_STATEMENT) {
    const ids = join(appointments.slice(i, i + IDS_PER_STATEMENT).map((a) => a.id));
    await dropHeld(db.$direct, sql`"appointmentId" IN (${ids})`);
    await db.$direct.execute(sql`DELETE FROM "CheckupAppointment" WHERE "id" IN (${ids})`);
  }
  await db.checkupSlot.deleteMany({ where: { campaignId } });
  await db.checkupCampaign.deleteMany({ where: { id: campaignId, status: DRAFT } });
}

/** Removes the drafts of campaigns whose writing died on the way (the process stopped): none of it was ever sent. */
export async function discardStaleDrafts(db: Db, now: Date): Promise<number> {
  const stale = await db.checkupCampaign.findMany({ where: { status: DRAFT, createdAt: { lt: new Date(now.getTime() - STALE_DRAFT_MS) } }, select: { id: true } });
  for (const { id } of stale) await discardDraft(db, id);
  return stale.length;
}

import type { Db } from '../../db/client.ts';
import { honoreeRoutes } from './honoree-route.ts';

/**
 * Why staff should phone an invitee: no account to write to, unsubscribed (退订), the invitation
 * could not be delivered, no answer after the campaign's silence days, or a call to make again
 * today (稍后再打). Calls that ended without an answer (联系不上, 号码错误, 已搬走) stay listed with
 * that outcome on the board, not in the daily digest.
 */
export type CallReason = 'no_account' | 'opted_out' | 'undelivered' | 'no_answer' | 'call_later' | 'unreachable' | 'wrong_number' | 'moved';

export interface CallEntry {
  appointmentId: number;
  honoreeId: number;
  name: string;
  fileNo: string;
  reason: CallReason;
  /** Days since the invitation, for "no answer for 4 days". */
  days: number;
}

/** Outcomes of a call after which nobody calls again unless staff decide to. */
const ENDED = new Set(['unreachable', 'wrong_number', 'moved']);

/**
 * Everyone of a campaign who has not answered and is someone staff should phone, with the
 * reason; `today` decides silence and call-again dates. `actionable` leaves out calls that
 * already ended without an answer (for the digest: they need a decision, not another call).
 */
export async function callList(db: Db, campaignId: number, o: { now: Date; today: string; actionable: boolean }): Promise<CallEntry[]> {
  const campaign = await db.checkupCampaign.findUniqueOrThrow({ where: { id: campaignId }, select: { silenceDays: true } });
  const open = await db.checkupAppointment.findMany({
    where: { campaignId, status: 'invited' },
    orderBy: { id: 'asc' },
    select: { id: true, honoreeId: true, invitedAt: true, callOutcome: true, callAgainOn: true },
  });
  if (!open.length) return [];
  const ids = open.map((a) => a.honoreeId);
  const files = new Map((await db.honoree.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, fileNo: true, messagesOffAt: true } })).map((h) => [h.id, h]));
  const routes = await honoreeRoutes(db, ids);
  const undelivered = new Set(
    (await db.notification.findMany({ where: { appointmentId: { in: open.map((a) => a.id) }, kind: 'checkup_invite', status: { in: ['failed', 'skipped'] } }, select: { appointmentId: true } })).map(
      (n) => n.appointmentId,
    ),
  );
  const entries: CallEntry[] = [];
  for (const a of open) {
    const file = files.get(a.honoreeId);
    if (!file) continue;
    const days = Math.floor((o.now.getTime() - a.invitedAt.getTime()) / 86_400_000);
    const reason = reasonFor(a, { routed: routes.has(a.honoreeId), optedOut: file.messagesOffAt !== null, undelivered: undelivered.has(a.id), days, silenceDays: campaign.silenceDays, today: o.today });
    if (!reason || (o.actionable && ENDED.has(reason))) continue;
    entries.push({ appointmentId: a.id, honoreeId: a.honoreeId, name: file.name, fileNo: file.fileNo, reason, days });
  }
  return entries;
}

function reasonFor(
  a: { callOutcome: string | null; callAgainOn: string | null },
  f: { routed: boolean; optedOut: boolean; undelivered: boolean; days: number; silenceDays: number; today: string },
): CallReason | null {
  if (a.callOutcome && ENDED.has(a.callOutcome)) return a.callOutcome as CallReason;
  // Staff said to call again later: off the list until that day.
  if (a.callOutcome === 'call_later') return a.callAgainOn !== null && a.callAgainOn <= f.today ? 'call_later' : null;
  if (!f.routed) return 'no_account';
  if (f.optedOut) return 'opted_out';
  if (f.undelivered) return 'undelivered';
  if (f.days >= f.silenceDays) return 'no_answer';
  return null;
}


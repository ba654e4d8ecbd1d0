import type { CommandContext, Outcome } from '../../core/command.ts';
import { addDays } from '../../domain/dates.ts';
import { readDeclineReason } from '../../domain/checkup-answer.ts';
import { readPlanDay } from '../../domain/checkup-slots.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { answerInvitation, declineAppointment } from './answer-invitation.ts';

/** What a phone call came to, as staff say it. */
const OUTCOMES: Record<string, PhoneOutcome> = {
  确认: 'confirm',
  参加: 'confirm',
  改期: 'reschedule',
  不参加: 'decline',
  稍后再打: 'call_later',
  再打: 'call_later',
  联系不上: 'unreachable',
  打不通: 'unreachable',
  号码错误: 'wrong_number',
  空号: 'wrong_number',
  已搬走: 'moved',
  搬走: 'moved',
  已故: 'deceased',
  confirm: 'confirm',
  reschedule: 'reschedule',
  decline: 'decline',
  later: 'call_later',
  unreachable: 'unreachable',
  wrong_number: 'wrong_number',
  moved: 'moved',
  deceased: 'deceased',
};
type PhoneOutcome = 'confirm' | 'reschedule' | 'decline' | 'call_later' | 'unreachable' | 'wrong_number' | 'moved' | 'deceased';

/**
 * 体检 代确认 张三 确认 (or 改期, 不参加 [原因], 稍后再打 [日期], 联系不上, 号码错误, 已搬走, 已故):
 * what an honoree said on the phone, recorded by staff as the honoree's answer, audited with
 * who recorded it.
 */
export async function recordCall(deps: FeatureDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const words = args.trim().split(/\s+/).filter(Boolean);
  const at = words.findIndex((w, i) => i > 0 && OUTCOMES[w.toLowerCase()] !== undefined);
  if (at < 1) return { text: ctx.t('checkups.call.usage') };
  const who = words.slice(0, at).join(' ');
  const outcome = OUTCOMES[words[at].toLowerCase()];
  const extra = words.slice(at + 1).join(' ');
  const found = await deps.db.checkupAppointment.findMany({
    where: { campaign: { status: 'open' }, status: { in: ['invited', 'confirmed', 'declined'] }, honoreeId: { in: await idsOf(deps, who) } },
    orderBy: { invitedAt: 'desc' },
    include: { slot: true },
  });
  if (!found.length) return { text: ctx.t('checkups.call.not_invited', { who }) };
  const people = new Set(found.map((a) => a.honoreeId));
  if (people.size > 1) return { text: ctx.t('checkups.call.ambiguous', { who }) };
  const a = found[0];
  if (outcome === 'confirm' || outcome === 'reschedule') return answerInvitation(deps, ctx, a.id, outcome, { onBehalf: true });
  if (outcome === 'decline') {
    const reason = readDeclineReason(extra);
    return declineAppointment(deps, ctx, a.id, { onBehalf: true, reason: reason?.reason ?? null, note: reason && 'text' in reason ? reason.text : null });
  }
  if (outcome === 'deceased') return declineAppointment(deps, ctx, a.id, { onBehalf: true, reason: 'other', note: ctx.t('checkups.call.deceased_note'), callOutcome: 'deceased' });
  let callAgainOn: string | null = null;
  if (outcome === 'call_later') {
    if (extra) {
      const day = readPlanDay(extra, ctx.today());
      if (!day) return { text: ctx.t('checkups.call.bad_date', { value: extra }) };
      callAgainOn = day;
    } else callAgainOn = addDays(ctx.today(), 1);
  }
  await deps.db.$transaction(async (tx) => {
    const before = await tx.checkupAppointment.findUniqueOrThrow({ where: { id: a.id } });
    const after = await tx.checkupAppointment.update({ where: { id: a.id }, data: { callOutcome: outcome, callAgainOn, updatedAt: ctx.now() } });
    await recordAudit(tx, ctx.actor, 'checkup_appointment', a.id, 'update', before, after);
  });
  const file = await deps.db.honoree.findUniqueOrThrow({ where: { id: a.honoreeId }, select: { name: true, fileNo: true } });
  return { text: ctx.t(`checkups.call.recorded_${outcome}`, { name: file.name, fileNo: file.fileNo, day: callAgainOn ?? '' }) };
}

/** The files a word names: a file number, or everyone of that exact name. */
async function idsOf(deps: FeatureDeps, who: string): Promise<number[]> {
  const rows = await deps.db.honoree.findMany({ where: { OR: [{ fileNo: who.toUpperCase() }, { name: who }] }, select: { id: true } });
  return rows.map((r) => r.id);
}

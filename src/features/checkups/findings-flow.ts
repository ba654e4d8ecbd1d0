import { ask, type CommandContext, type Flow, type Outcome } from '../../core/command.ts';
import { addDays } from '../../domain/dates.ts';
import { zonedInstant } from '../../domain/zoned-time.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';
import { SKIP_WORDS, findNamed } from '../honorees/index.ts';
import { setFollowUpReminder } from '../reminders/index.ts';
import { OF_LIVE_CAMPAIGN } from './campaign-status.ts';

export const FINDINGS_FLOW = 'checkups.findings';
const MAX_TEXT = 500;
/** Follow-up reminders come in the morning. */
const FOLLOW_UP_TIME = '09:00';

interface FindingsDraft {
  appointmentId: number;
  name: string;
  fileNo: string;
  step: 'summary' | 'findings' | 'guidance';
  summary?: string;
  findings?: string | null;
}

/**
 * 体检 结果 张三: the report of one attendee, asked one part at a time (summary, abnormal
 * findings, the health guidance given). Health details: a private chat with staff only, never a
 * log line.
 */
export async function startFindings(deps: FeatureDeps, ctx: CommandContext, who: string): Promise<Outcome> {
  if (!who.trim()) return { text: ctx.t('checkups.findings.usage') };
  const named = await findNamed(deps.db, who);
  if ('problem' in named) return { text: ctx.t(`checkups.new.names_${named.problem}`, named.params) };
  if (named.ids.length !== 1) return { text: ctx.t('checkups.findings.usage') };
  const a = await deps.db.checkupAppointment.findFirst({
    where: { honoreeId: named.ids[0], status: { in: ['attended', 'confirmed', 'invited'] }, ...OF_LIVE_CAMPAIGN },
    orderBy: { invitedAt: 'desc' },
  });
  const file = await deps.db.honoree.findUniqueOrThrow({ where: { id: named.ids[0] }, select: { name: true, fileNo: true } });
  if (!a) return { text: ctx.t('checkups.findings.no_appointment', file) };
  return ask(FINDINGS_FLOW, { appointmentId: a.id, ...file, step: 'summary' } satisfies FindingsDraft, { text: ctx.t('checkups.findings.ask_summary', file) });
}

export function findingsFlow(deps: FeatureDeps): Flow {
  return {
    name: FINDINGS_FLOW,
    interruptible: false,
    async step(ctx, raw, input) {
      const d = raw as FindingsDraft;
      const text = (input.text ?? '').trim();
      if (text.length > MAX_TEXT) return ask(FINDINGS_FLOW, d, { text: ctx.t('checkups.findings.too_long', { max: MAX_TEXT }) });
      const skipped = SKIP_WORDS.has(text.toLowerCase()) || text === '无异常' || text === '正常';
      if (d.step === 'summary') {
        if (!text) return ask(FINDINGS_FLOW, d, { text: ctx.t('checkups.findings.ask_summary', { name: d.name, fileNo: d.fileNo }) });
        return ask(FINDINGS_FLOW, { ...d, step: 'findings', summary: text }, { text: ctx.t('checkups.findings.ask_findings') });
      }
      if (d.step === 'findings') return ask(FINDINGS_FLOW, { ...d, step: 'guidance', findings: skipped || !text ? null : text }, { text: ctx.t('checkups.findings.ask_guidance') });
      return save(deps, ctx, d, skipped || !text ? null : text);
    },
  };
}

/**
 * The report saved on the appointment (the honoree attended); an abnormal finding puts them on
 * this year's priority register for health, with the reason, and sets a follow-up reminder for
 * the staff member who recorded it: all in one transaction.
 */
async function save(deps: FeatureDeps, ctx: CommandContext, d: FindingsDraft, guidance: string | null): Promise<Outcome> {
  const now = ctx.now();
  const year = Number(ctx.today().slice(0, 4));
  const followUp = await deps.db.$transaction(async (tx) => {
    const before = await tx.checkupAppointment.findUniqueOrThrow({ where: { id: d.appointmentId }, include: { campaign: true } });
    const after = await tx.checkupAppointment.update({
      where: { id: d.appointmentId },
      data: { status: 'attended', reportSummary: d.summary ?? null, findings: d.findings ?? null, guidance, updatedAt: now },
    });
    await recordAudit(tx, ctx.actor, 'checkup_appointment', d.appointmentId, 'update', before, after);
    if (!d.findings) return null;
    const reason = ctx.t('checkups.findings.priority_reason', { findings: d.findings });
    const survey = await tx.survey.findUnique({ where: { honoreeId_year: { honoreeId: before.honoreeId, year } } });
    if (survey) {
      const updated = await tx.survey.update({ where: { id: survey.id }, data: { priorityHealth: true, priorityReason: survey.priorityReason ? `${survey.priorityReason}；${reason}` : reason } });
      await recordAudit(tx, ctx.actor, 'survey', survey.id, 'update', survey, updated);
    } else {
      const created = await tx.survey.create({ data: { honoreeId: before.honoreeId, year, priorityHealth: true, priorityReason: reason } });
      await recordAudit(tx, ctx.actor, 'survey', created.id, 'create', null, created);
    }
    const day = addDays(ctx.today(), before.campaign.followUpDays);
    const chat = ctx.incoming.chat;
    await setFollowUpReminder(tx, {
      ownerId: ctx.account.id,
      chat: { channel: chat.channel, via: chat.via, id: chat.id },
      // Names and file number only: a reminder may be listed where others read it.
      text: ctx.t('checkups.findings.follow_up_text', { name: d.name, fileNo: d.fileNo }),
      honoreeId: before.honoreeId,
      at: zonedInstant(day, FOLLOW_UP_TIME, deps.timeZone ?? 'UTC'),
      actor: ctx.actor,
      now,
    });
    return day;
  });
  const lines = [ctx.t('checkups.findings.saved', { name: d.name, fileNo: d.fileNo })];
  if (followUp) lines.push(ctx.t('checkups.findings.priority_added', { year, day: followUp }));
  return { text: lines.join('\n') };
}

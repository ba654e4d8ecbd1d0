import type { CommandContext, Outcome } from '../../core/command.ts';
import { recordAudit } from '../audit/index.ts';
import type { FeatureDeps } from '../feature.ts';

/**
 * 体检 结束 N: the campaign takes no more answers, and every invitation and reminder of it not
 * yet sent is cancelled in the same transaction: nobody is written to about a closed campaign.
 */
export async function closeCampaign(deps: FeatureDeps, ctx: CommandContext, args: string): Promise<Outcome> {
  const m = /^#?(\d{1,9})$/.exec(args.trim());
  if (!m) return { text: ctx.t('checkups.close_usage') };
  const id = Number(m[1]);
  const now = ctx.now();
  const cancelled = await deps.db.$transaction(async (tx) => {
    const before = await tx.checkupCampaign.findUnique({ where: { id } });
    if (!before || before.status !== 'open') return null;
    const after = await tx.checkupCampaign.update({ where: { id }, data: { status: 'closed', closedAt: now } });
    await recordAudit(tx, ctx.actor, 'checkup_campaign', id, 'update', before, after);
    const appointments = await tx.checkupAppointment.findMany({ where: { campaignId: id }, select: { id: true } });
    let count = 0;
    // In chunks: a statement takes a bounded number of values.
    for (let i = 0; i < appointments.length; i += 500) {
      const ids = appointments.slice(i, i + 500).map((a) => a.id);
      count += (await tx.notification.updateMany({ where: { appointmentId: { in: ids }, status: 'pending' }, data: { status: 'cancelled', lastError: 'campaign closed', updatedAt: now } })).count;
    }
    return count;
  });
  if (cancelled === null) return { text: ctx.t('checkups.no_such_campaign', { id }) };
  return { text: ctx.t('checkups.closed', { id, cancelled }) };
}

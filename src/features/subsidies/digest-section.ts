import { DEFAULT_REMIND_DAYS, dueNotice } from '../../domain/subsidy.ts';
import type { DigestSection, FeatureDeps } from '../feature.ts';

/**
 * The digest's subsidy part: a policy's unpaid payments 14 and 3 days before they are due
 * (HONORCARE_SUBSIDY_REMIND_DAYS), and
 * every day once overdue. Counts only (no names, no money of anyone), so it may go to a group.
 */
export function subsidyDigestSection(deps: FeatureDeps): DigestSection {
  const db = deps.db;
  return {
    id: 'subsidies',
    async collect(q) {
      const open = await db.subsidyPayment.groupBy({ by: ['policyId', 'period', 'dueDate'], where: { status: 'unpaid' }, _count: { _all: true }, orderBy: { dueDate: 'asc' } });
      const lines: string[] = [];
      for (const g of open) {
        const notice = dueNotice(g.dueDate, q.today, deps.subsidyRemindDays ?? DEFAULT_REMIND_DAYS);
        if (!notice) continue;
        const policy = await db.subsidyPolicy.findUnique({ where: { id: g.policyId }, select: { name: true } });
        lines.push(q.t(`subsidies.digest.${notice.kind}`, { id: g.policyId, name: policy?.name ?? '', period: g.period, due: g.dueDate, days: notice.days, count: g._count._all }));
      }
      return lines.length ? [q.t('subsidies.digest.title'), ...lines, q.t('subsidies.digest.hint')] : [];
    },
  };
}

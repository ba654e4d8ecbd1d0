import type { Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import type { DigestSection } from '../feature.ts';
import { callList, type CallEntry } from './call-list.ts';

/** Names listed in the digest's call list; the rest are counted (all of them under 体检 电话). */
const MAX_NAMES = 20;

export const callLine = (t: Translate, e: CallEntry) => t('checkups.calls.entry', { name: e.name, fileNo: e.fileNo, reason: t(`checkups.calls.reasons.${e.reason}`, { days: e.days }) });

/**
 * The digest's checkup part while a campaign is open: today's appointments, the answers so far,
 * and whom to phone and why. Names, file numbers and counts only: no health details, so it may
 * go to a group.
 */
export function checkupDigestSection(db: Db): DigestSection {
  return {
    id: 'checkups',
    async collect(q) {
      const campaigns = await db.checkupCampaign.findMany({ where: { status: 'open' }, orderBy: { id: 'asc' }, include: { slots: { where: { date: q.today }, orderBy: { start: 'asc' } } } });
      if (!campaigns.length) return [];
      const t = q.t;
      const lines = [t('checkups.digest.title')];
      for (const c of campaigns) {
        const byStatus = await db.checkupAppointment.groupBy({ by: ['status'], where: { campaignId: c.id }, _count: { _all: true } });
        const count = (s: string) => byStatus.find((g) => g.status === s)?._count._all ?? 0;
        const invited = byStatus.reduce((n, g) => n + g._count._all, 0);
        lines.push(t('checkups.digest.campaign', { id: c.id, hospital: c.hospital, confirmed: count('confirmed'), invited, unanswered: count('invited'), declined: count('declined') }));
        if (c.slots.length) lines.push(t('checkups.digest.today', { slots: c.slots.map((s) => t('checkups.digest.today_slot', { label: s.label, start: s.start, taken: s.taken })).join('；') }));
        const calls = await callList(db, c.id, { now: q.now, today: q.today, actionable: true });
        if (calls.length) {
          lines.push(t('checkups.digest.calls', { count: calls.length }));
          lines.push(...calls.slice(0, MAX_NAMES).map((e) => `  ${callLine(t, e)}`));
          if (calls.length > MAX_NAMES) lines.push(t('checkups.digest.more_calls', { more: calls.length - MAX_NAMES }));
        }
      }
      return lines;
    },
  };
}

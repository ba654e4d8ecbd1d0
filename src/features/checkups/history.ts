import type { Translate } from '../../core/i18n.ts';
import type { Db } from '../../db/client.ts';
import { slotWords } from './appointment-messages.ts';
import { OF_LIVE_CAMPAIGN } from './campaign-status.ts';

/**
 * A file's checkup history, newest first, for the file view in a private chat with staff
 * (findings are health details: never in a group).
 */
export async function checkupHistoryLines(db: Db, t: Translate, honoreeId: number): Promise<string[]> {
  const rows = await db.checkupAppointment.findMany({ where: { honoreeId, ...OF_LIVE_CAMPAIGN }, orderBy: { invitedAt: 'desc' }, take: 5, include: { campaign: true, slot: true } });
  if (!rows.length) return [];
  const lines = [t('checkups.history.title')];
  for (const a of rows) {
    lines.push(t('checkups.history.line', { year: a.campaign.year, hospital: a.campaign.hospital, when: a.slot ? slotWords(t, a.slot) : '', status: t(`checkups.history.statuses.${a.status}`) }));
    if (a.findings) lines.push(t('checkups.history.findings', { findings: a.findings }));
  }
  return lines;
}

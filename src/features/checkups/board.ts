import type { CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { slotWords } from './appointment-messages.ts';

/** What a board counts; "rescheduled" counts confirmed ones whose slot changed, "invited" all of them. */
type Counted = 'invited' | 'confirmed' | 'rescheduled' | 'declined' | 'attended' | 'no_show';

/**
 * 体检: each open campaign's counts (invited, confirmed, rescheduled, declined, no answer,
 * attended, no-show) and each slot's occupancy. Names and counts only: no health details.
 */
export async function boardText(db: Db, ctx: CommandContext): Promise<string> {
  const t = ctx.t;
  const campaigns = await db.checkupCampaign.findMany({ where: { status: 'open' }, orderBy: { id: 'asc' }, include: { slots: { orderBy: [{ date: 'asc' }, { start: 'asc' }] } } });
  if (!campaigns.length) return t('checkups.board.none');
  const lines: string[] = [];
  for (const c of campaigns) {
    const groups = await db.checkupAppointment.groupBy({ by: ['status', 'rescheduled'], where: { campaignId: c.id }, _count: { _all: true } });
    const count = (status: string, rescheduled?: boolean) =>
      groups.filter((g) => g.status === status && (rescheduled === undefined || g.rescheduled === rescheduled)).reduce((n, g) => n + g._count._all, 0);
    const total = groups.reduce((n, g) => n + g._count._all, 0);
    const counts: Record<Counted, number> = {
      invited: total,
      confirmed: count('confirmed'),
      rescheduled: count('confirmed', true),
      declined: count('declined'),
      attended: count('attended'),
      no_show: count('no_show'),
    };
    lines.push(t('checkups.board.title', { id: c.id, year: c.year, hospital: c.hospital }));
    lines.push(t('checkups.board.counts', { ...counts, unanswered: count('invited') }));
    for (const s of c.slots) lines.push(t('checkups.board.slot', { when: slotWords(t, s), taken: s.taken, capacity: s.capacity }));
  }
  lines.push(t('checkups.board.lists_hint'));
  return lines.join('\n');
}

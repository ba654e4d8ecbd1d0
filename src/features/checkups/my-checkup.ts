import type { Command, CommandContext } from '../../core/command.ts';
import { HONOREE_ROLES } from '../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { honourLabel } from '../honorees/index.ts';
import { slotWords } from './appointment-messages.ts';

/**
 * 我的体检 (/mycheckup): what an honoree, or the family member acting for them, may see: the
 * file's name, number and honours, and their checkup. Never anything of anyone else's, and
 * nothing an office keeps about them (ID number, income, health notes).
 */
export function myCheckupCommand(db: Db): Command {
  return {
    id: 'mycheckup',
    keywords: ['我的体检', '体检安排', 'mycheckup'],
    slash: 'mycheckup',
    roles: HONOREE_ROLES,
    where: 'private',
    run: async (ctx) => ({ text: await myCheckupText(db, ctx) }),
  };
}

async function myCheckupText(db: Db, ctx: CommandContext): Promise<string> {
  const { t } = ctx;
  // An admin may run every command, but has no file of their own.
  if (ctx.account.honoreeId === null) return t('checkups.mine_not_honoree');
  const file = await db.honoree.findUnique({
    where: { id: ctx.account.honoreeId },
    select: { name: true, fileNo: true, messagesOffAt: true, honours: { orderBy: [{ year: 'desc' }, { id: 'asc' }], select: { category: true, level: true, year: true } } },
  });
  if (!file) return t('checkups.mine_gone');
  const lines = [t('checkups.mine_title', { name: file.name, fileNo: file.fileNo })];
  if (file.honours.length) lines.push(t('checkups.mine_honours', { honours: file.honours.map((h) => honourLabel(t, h)).join('、') }));
  // Their appointments of campaigns under way: when, where, and what they answered.
  const appointments = await db.checkupAppointment.findMany({
    where: { honoreeId: ctx.account.honoreeId, campaign: { status: 'open' } },
    orderBy: { invitedAt: 'desc' },
    include: { campaign: true, slot: true },
  });
  if (!appointments.length) lines.push(t('checkups.mine_none'));
  for (const a of appointments) {
    const status = t(`checkups.history.statuses.${a.status}`);
    lines.push(a.slot ? t('checkups.mine_appointment', { when: slotWords(t, a.slot), hospital: a.campaign.hospital, address: a.campaign.address, status }) : t('checkups.mine_declined', { year: a.campaign.year }));
    if (a.status === 'invited' || a.status === 'confirmed') {
      if (a.campaign.preparation) lines.push(t('checkups.reply.preparation', { preparation: a.campaign.preparation }));
      lines.push(t(a.status === 'invited' ? 'checkups.mine_answer' : 'checkups.mine_change'));
    }
  }
  if (file.messagesOffAt) lines.push(t('checkups.mine_opted_out'));
  return lines.join('\n');
}

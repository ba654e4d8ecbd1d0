import type { Command, CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { honourLabel } from '../honorees/index.ts';

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
    roles: ['honoree', 'proxy'],
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
  lines.push(t('checkups.mine_none'));
  if (file.messagesOffAt) lines.push(t('checkups.mine_opted_out'));
  return lines.join('\n');
}

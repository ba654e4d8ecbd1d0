import type { ChannelName } from '../../core/message.ts';
import { isHonoreeSide, type Role } from '../../core/roles.ts';
import type { Db, Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/** How an account got the admin role (Account.adminVia). */
export type AdminVia = 'config' | 'invite' | 'admin';

export interface ConfiguredAdmin {
  channel: ChannelName;
  id: string;
  name?: string;
}

/**
 * Brings admin roles in line with HONORCARE_ADMINS (and the terminal operator) at every start.
 * Listed people are admins. An admin made admin only by the list and no longer on it becomes
 * staff; admins made by an admin's invite or by 角色 stay admins. Deactivation is left alone:
 * taking access away holds across restarts, whatever the list says. An honoree's or proxy's
 * account listed is left as it is: it belongs to one file and never gets the office's roles.
 * Returns who was demoted, and who was listed but refused.
 */
export async function ensureAdmins(db: Db, admins: ConfiguredAdmin[]): Promise<{ demoted: string[]; refused: string[] }> {
  const key = (channel: string, id: string) => `${channel}:${id}`;
  const listed = new Set(admins.map((a) => key(a.channel, a.id)));
  return db.$transaction(async (tx) => {
    await classifyEarlierAdmins(tx);
    const refused: string[] = [];
    for (const admin of admins) {
      const before = await tx.account.findUnique({ where: { channel_externalId: { channel: admin.channel, externalId: admin.id } } });
      if (before?.role === 'admin') continue;
      if (before && isHonoreeSide(before.role as Role)) {
        refused.push(key(admin.channel, admin.id));
        continue;
      }
      const after = before
        ? await tx.account.update({ where: { id: before.id }, data: { role: 'admin', adminVia: 'config' } })
        : await tx.account.create({
            data: { channel: admin.channel, externalId: admin.id, role: 'admin', adminVia: 'config', displayName: admin.name ?? '' },
          });
      await recordAudit(tx, null, 'account', after.id, before ? 'update' : 'create', before, after);
    }
    const demoted: string[] = [];
    for (const before of await tx.account.findMany({ where: { role: 'admin', adminVia: 'config' }, orderBy: { id: 'asc' } })) {
      if (listed.has(key(before.channel, before.externalId))) continue;
      const after = await tx.account.update({ where: { id: before.id }, data: { role: 'staff', adminVia: null } });
      await recordAudit(tx, null, 'account', after.id, 'update', before, after);
      demoted.push(key(before.channel, before.externalId));
    }
    return { demoted, refused };
  });
}

/**
 * Admins from before adminVia existed: only an admin invite or the list could make an admin
 * then, so one who bound with an admin invite came by invite and every other one by the list.
 */
async function classifyEarlierAdmins(tx: Tx): Promise<void> {
  const earlier = await tx.account.findMany({
    where: { role: 'admin', adminVia: null },
    include: { invitesUsed: { where: { role: 'admin' }, select: { id: true } } },
  });
  for (const { invitesUsed, ...before } of earlier) {
    const adminVia: AdminVia = invitesUsed.length ? 'invite' : 'config';
    const after = await tx.account.update({ where: { id: before.id }, data: { adminVia } });
    await recordAudit(tx, null, 'account', after.id, 'update', before, after);
  }
}

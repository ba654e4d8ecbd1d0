import type { AccountDirectory, AccountInfo } from '../../core/ports.ts';
import { isLocale } from '../../core/i18n.ts';
import { isRole } from '../../core/roles.ts';
import type { ChannelName } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

type AccountRow = { id: number; channel: string; externalId: string; displayName: string; role: string; locale: string | null };

export function toAccountInfo(row: AccountRow): AccountInfo | null {
  if (!isRole(row.role)) return null;
  return {
    id: row.id,
    channel: row.channel as ChannelName,
    externalId: row.externalId,
    displayName: row.displayName,
    role: row.role,
    locale: isLocale(row.locale) ? row.locale : null,
  };
}

/** Looks accounts up by channel and platform id. */
export function dbAccountDirectory(db: Db): AccountDirectory {
  return {
    async find(channel, externalId) {
      const row = await db.account.findUnique({ where: { channel_externalId: { channel, externalId } } });
      return row ? toAccountInfo(row) : null;
    },
  };
}

/**
 * Makes sure the configured admins (and the terminal operator) exist with the admin role.
 * Runs at every start, so changing HONORCARE_ADMINS takes effect on restart.
 */
export async function ensureAdmins(db: Db, admins: { channel: ChannelName; id: string; name?: string }[]): Promise<void> {
  for (const admin of admins) {
    await db.$transaction(async (tx) => {
      const before = await tx.account.findUnique({ where: { channel_externalId: { channel: admin.channel, externalId: admin.id } } });
      if (before?.role === 'admin') return;
      const after = before
        ? await tx.account.update({ where: { id: before.id }, data: { role: 'admin' } })
        : await tx.account.create({ data: { channel: admin.channel, externalId: admin.id, role: 'admin', displayName: admin.name ?? '' } });
      await recordAudit(tx, null, 'account', after.id, before ? 'update' : 'create', before, after);
    });
  }
}

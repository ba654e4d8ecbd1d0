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

/** A directory that can be told an account changed, so the next message sees it at once. */
export interface CachedAccountDirectory extends AccountDirectory {
  forget(channel: ChannelName, externalId: string): void;
}

/** How long a looked-up account is trusted before it is read again. */
const TTL_MS = 30_000;

/**
 * Looks accounts up by channel and platform id. Every message needs its account, and accounts
 * change rarely, so found accounts are kept for a short while; changes made through this
 * process call `forget`, and changes made elsewhere show within TTL_MS.
 */
export function dbAccountDirectory(db: Db, clock: () => number = Date.now): CachedAccountDirectory {
  const cache = new Map<string, { info: AccountInfo; until: number }>();
  return {
    async find(channel, externalId) {
      const key = `${channel}:${externalId}`;
      const hit = cache.get(key);
      if (hit && hit.until > clock()) return hit.info;
      const row = await db.account.findUnique({ where: { channel_externalId: { channel, externalId } } });
      const info = row ? toAccountInfo(row) : null;
      // Only found accounts are kept: someone who binds is recognised on their very next message.
      if (info) cache.set(key, { info, until: clock() + TTL_MS });
      else cache.delete(key);
      return info;
    },
    forget(channel, externalId) {
      cache.delete(`${channel}:${externalId}`);
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

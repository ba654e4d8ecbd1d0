import type { AccountDirectory, AccountInfo } from '../../core/ports.ts';
import { isLocale } from '../../core/i18n.ts';
import { isHonoreeSide, isRole } from '../../core/roles.ts';
import type { ChannelName } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { sql } from '../../db/sql.ts';

type AccountRow = { id: number; channel: string; externalId: string; displayName: string; role: string; locale: string | null; honoreeId?: number | null };
type FoundRow = AccountRow & { active: boolean; lastSeenAt: Date | null };

export function toAccountInfo(row: AccountRow): AccountInfo | null {
  if (!isRole(row.role)) return null;
  return {
    id: row.id,
    channel: row.channel as ChannelName,
    externalId: row.externalId,
    displayName: row.displayName,
    role: row.role,
    locale: isLocale(row.locale) ? row.locale : null,
    honoreeId: row.honoreeId ?? null,
  };
}

/** "Last seen" is kept to the hour: finer would cost a write on every message. */
export const LAST_SEEN_STEP_MS = 3600_000;
const HONOREE_SEEN_STEP_MS = 60_000;

/**
 * Looks accounts up by channel and platform id: one read by the unique index per message, and
 * no cache. A cache kept in this process could not know of a change made by another instance
 * on the same PostgreSQL, and a deactivated or demoted person must be refused from their next
 * message on, wherever the change was made.
 */
export function dbAccountDirectory(db: Db, clock: () => Date = () => new Date()): AccountDirectory {
  return {
    async find(channel, externalId) {
      // A plain parameterised SELECT on the (channel, externalId) unique index, sent straight to
      // the driver: the query builder's findUnique added about 0.7 ms per message at p50.
      const [row] = await db.$direct.query<FoundRow>(sql`
        SELECT id, channel, "externalId", "displayName", role, locale, "honoreeId", active, "lastSeenAt"
        FROM "Account" WHERE channel = ${channel} AND "externalId" = ${externalId}`);
      // A deactivated account is not found: its owner gets the stranger's refusal.
      if (!row?.active) return null;
      const now = clock();
      // An honoree is written to on the channel they used last: theirs is kept to the minute
      // (they write seldom, so it costs little).
      const step = isRole(row.role) && isHonoreeSide(row.role) ? HONOREE_SEEN_STEP_MS : LAST_SEEN_STEP_MS;
      if (!row.lastSeenAt || now.getTime() - row.lastSeenAt.getTime() >= step) {
        // Conditional, so two instances seeing the same old value write it once between them.
        const stale = new Date(now.getTime() - step);
        await db.account.updateMany({
          where: { id: row.id, OR: [{ lastSeenAt: null }, { lastSeenAt: { lte: stale } }] },
          data: { lastSeenAt: now },
        });
      }
      return toAccountInfo(row);
    },
  };
}

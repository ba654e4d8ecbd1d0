import type { UpdateLog } from '../core/ports.ts';
import type { Db } from './client.ts';

/** Keeps handled update ids for this long; platforms redeliver within minutes, not days. */
const KEEP_MS = 3 * 24 * 3600 * 1000;

/**
 * Handled update ids in the database, so an update delivered twice (even across a restart) is
 * answered once. The primary key does the deduplication: a second insert fails.
 */
export function dbUpdateLog(db: Db, clock: () => Date = () => new Date()): UpdateLog {
  let inserts = 0;
  return {
    async firstTime(channel, updateId) {
      // One statement both databases know: inserted (1) the first time, nothing (0) after.
      const inserted = await db.$executeRaw`INSERT INTO "ProcessedUpdate" ("key", "at") VALUES (${`${channel}:${updateId}`}, ${clock()}) ON CONFLICT ("key") DO NOTHING`;
      if (inserted === 0) return false;
      if (++inserts % 1000 === 0) {
        await db.processedUpdate.deleteMany({ where: { at: { lt: new Date(clock().getTime() - KEEP_MS) } } });
      }
      return true;
    },
  };
}

import type { UpdateLog } from '../core/ports.ts';
import type { Db } from './client.ts';
import { sql } from './sql.ts';

/** Keeps handled update ids for this long; platforms redeliver within minutes, not days. */
const KEEP_MS = 3 * 24 * 3600 * 1000;

/** Handled update ids in the database, so an update delivered twice (even across a restart) is answered once. */
export function dbUpdateLog(db: Db, clock: () => Date = () => new Date()): UpdateLog {
  let inserts = 0;
  return {
    // Direct statements: both run on every message, where Prisma's query path costs more than the query.
    async seen(channel, updateId) {
      return (await db.$direct.query(sql`SELECT 1 AS "x" FROM "ProcessedUpdate" WHERE "key" = ${`${channel}:${updateId}`}`)).length > 0;
    },
    async markSeen(channel, updateId) {
      // One statement both databases know; marking twice is harmless.
      await db.$direct.execute(sql`INSERT INTO "ProcessedUpdate" ("key", "at") VALUES (${`${channel}:${updateId}`}, ${clock()}) ON CONFLICT ("key") DO NOTHING`);
      if (++inserts % 1000 === 0) {
        await db.processedUpdate.deleteMany({ where: { at: { lt: new Date(clock().getTime() - KEEP_MS) } } });
      }
    },
  };
}

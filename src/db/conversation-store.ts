import type { ConversationRecord, ConversationStore } from '../core/ports.ts';
import type { Db } from './client.ts';
import { sql } from './sql.ts';

/** How many people's records are kept in memory at most; the oldest are dropped first. */
const CACHE_SIZE = 5000;

/**
 * Conversation records in the database, so a half-answered form survives a restart. Reads are
 * served from memory once known: each conversation belongs to one chat of one channel, which one
 * process serves, and every change goes through here (written to the database first).
 */
export function dbConversationStore(db: Db): ConversationStore {
  const cache = new Map<string, ConversationRecord | null>();
  const remember = (key: string, record: ConversationRecord | null) => {
    cache.delete(key);
    cache.set(key, record);
    if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  };
  return {
    async get(key) {
      if (cache.has(key)) return cache.get(key)!;
      const row = await db.conversationState.findUnique({ where: { key } });
      const record = row ? (JSON.parse(row.data) as ConversationRecord) : null;
      // Records written before the engine kept their time: the row's time tells how idle they are.
      if (record && !record.at) record.at = row!.updatedAt.toISOString();
      remember(key, record);
      return record;
    },
    async put(key, record) {
      const data = JSON.stringify(record);
      // The engine's clock when it says (so the row and the record agree on when it was written).
      const at = record.at ? new Date(record.at) : new Date();
      // Raw: this runs on most messages (every list offered), and one upsert statement that both
      // databases know costs a fraction of Prisma's upsert.
      await db.$direct.execute(sql`
        INSERT INTO "ConversationState" ("key", "flow", "data", "updatedAt") VALUES (${key}, ${record.flow ?? ''}, ${data}, ${at})
        ON CONFLICT ("key") DO UPDATE SET "flow" = excluded."flow", "data" = excluded."data", "updatedAt" = excluded."updatedAt"`);
      remember(key, record);
    },
    async since(prefix, since) {
      const rows = await db.conversationState.findMany({ where: { key: { startsWith: prefix }, updatedAt: { gte: since } }, orderBy: { updatedAt: 'asc' }, take: 500 });
      return rows.map((row) => ({ key: row.key, record: JSON.parse(row.data) as ConversationRecord }));
    },
    async clear(key) {
      await db.conversationState.deleteMany({ where: { key } });
      remember(key, null);
    },
  };
}

import type { ConversationRecord, ConversationStore } from '../core/ports.ts';
import type { Db } from './client.ts';

/** Conversation records in the database: a half-answered form survives a restart. */
export function dbConversationStore(db: Db): ConversationStore {
  return {
    async get(key) {
      const row = await db.conversationState.findUnique({ where: { key } });
      return row ? (JSON.parse(row.data) as ConversationRecord) : null;
    },
    async put(key, record) {
      const data = JSON.stringify(record);
      await db.conversationState.upsert({
        where: { key },
        create: { key, flow: record.flow ?? '', data },
        update: { flow: record.flow ?? '', data },
      });
    },
    async clear(key) {
      await db.conversationState.deleteMany({ where: { key } });
    },
  };
}

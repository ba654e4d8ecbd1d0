import type { Db } from '../../src/db/client.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';

/**
 * Writes `count` reminders due at `dueAt` straight into the outbox, one private chat each
 * (chat ids from `firstChat` on), through the outbox's own door, many per transaction. Each text
 * is numbered, so what the fake Bot API received can be matched to the rows.
 */
export async function seedDue(db: Db, o: { count: number; via: string; dueAt: Date; firstChat?: number; prefix?: string; accountId?: number }): Promise<void> {
  const first = o.firstChat ?? 500_000;
  for (let start = 0; start < o.count; start += 200) {
    await db.$transaction(async (tx) => {
      for (let i = start; i < Math.min(o.count, start + 200); i++) {
        await enqueue(
          tx,
          {
            dedupeKey: `test:${o.prefix ?? 'n'}:${i}`,
            to: { channel: 'telegram', via: o.via, chatId: String(first + i), kind: 'private' },
            accountId: o.accountId ?? null,
            kind: 'reminder',
            messageKey: 'reminders.due',
            params: { text: `${o.prefix ?? 'n'}-${i}` },
            dueAt: o.dueAt,
          },
          o.dueAt,
        );
      }
    });
  }
}

/** How many times each text arrived in `texts` (the fake Bot API's sent messages). */
export function arrivals(texts: string[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const t of texts) seen.set(t, (seen.get(t) ?? 0) + 1);
  return seen;
}

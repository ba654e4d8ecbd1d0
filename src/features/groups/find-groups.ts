import type { ChatRef } from '../../core/message.ts';
import type { Tx } from '../../db/client.ts';

/** A registered notification group (table NotifyGroup). */
export type NotifyGroupRow = NonNullable<Awaited<ReturnType<Tx['notifyGroup']['findUnique']>>>;

/** The database or a transaction: both read groups alike. */
type Reader = Pick<Tx, 'notifyGroup'>;

/** A chat as NotifyGroup keys it: `via` is '' where the channel has a single bot. */
export const groupKey = (chat: Pick<ChatRef, 'channel' | 'via' | 'id'>) => ({ channel: chat.channel, via: chat.via ?? '', chatId: chat.id });

/** The notification group row of a chat, active or not. */
export const groupRowOf = (db: Reader, chat: Pick<ChatRef, 'channel' | 'via' | 'id'>) =>
  db.notifyGroup.findUnique({ where: { channel_via_chatId: groupKey(chat) } });

/**
 * The registered (active) notification group a chat is, or null: a private chat, a group nobody
 * registered with 绑定群, or one unregistered (解绑群) or that removed the bot.
 */
export async function findActiveGroup(db: Reader, chat: ChatRef): Promise<NotifyGroupRow | null> {
  if (chat.kind !== 'group') return null;
  const row = await groupRowOf(db, chat);
  return row?.active ? row : null;
}

/** Every active notification group, oldest first (the daily digest goes to each). */
export function activeGroups(db: Reader): Promise<NotifyGroupRow[]> {
  return db.notifyGroup.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
}

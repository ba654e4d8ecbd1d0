import type { ChatMember, ChatMemberUpdated, Message, Update } from 'grammy/types';
import type { MembershipChange, MembershipEvent } from '../../core/membership.ts';
import { chatRef, sender } from './to-incoming.ts';

/**
 * Translates the updates about the bot's own place in a chat into the neutral MembershipEvent:
 * `my_chat_member` (added to or removed from a group, blocked or unblocked in a private chat) and
 * the service message of a group upgraded to a supergroup (`migrate_to_chat_id`). Null for
 * anything else, and for changes that leave the bot where it was (made admin in a group it is in).
 */
export function toMembership(update: Update, botId: number): MembershipEvent | null {
  const updateId = `${botId}:${update.update_id}`;
  if (update.my_chat_member) return fromMemberUpdate(update.my_chat_member, updateId, botId);
  const message = update.message;
  if (message?.migrate_to_chat_id !== undefined) return fromMigration(message, message.migrate_to_chat_id, updateId, botId);
  return null;
}

function fromMemberUpdate(u: ChatMemberUpdated, updateId: string, botId: number): MembershipEvent | null {
  // Channels (broadcast) are not chats the bot works in.
  if (u.chat.type === 'channel' || u.new_chat_member.user.id !== botId) return null;
  const change = u.chat.type === 'private' ? privateChange(u) : groupChange(u);
  if (!change) return null;
  const event: MembershipEvent = { chat: chatRef(u.chat, botId), change, at: new Date(u.date * 1000), updateId };
  if (!u.from.is_bot) event.by = sender(u.from);
  return event;
}

/** In a private chat Telegram says `kicked` when the person blocked the bot, and `member` once they allow it again. */
function privateChange(u: ChatMemberUpdated): MembershipChange | null {
  if (u.new_chat_member.status === 'kicked') return 'blocked';
  if (u.old_chat_member.status === 'kicked' && u.new_chat_member.status === 'member') return 'unblocked';
  return null;
}

function groupChange(u: ChatMemberUpdated): MembershipChange | null {
  const was = isIn(u.old_chat_member);
  const is = isIn(u.new_chat_member);
  if (!was && is) return 'joined';
  if (was && !is) return u.new_chat_member.status === 'kicked' ? 'kicked' : 'left';
  return null;
}

/** Whether the member is in the chat: a restricted member may be, or not. */
function isIn(m: ChatMember): boolean {
  if (m.status === 'restricted') return m.is_member;
  return m.status === 'creator' || m.status === 'administrator' || m.status === 'member';
}

function fromMigration(message: Message, newId: number, updateId: string, botId: number): MembershipEvent {
  const event: MembershipEvent = { chat: chatRef(message.chat, botId), change: 'migrated', newChatId: String(newId), at: new Date(message.date * 1000), updateId };
  if (message.from && !message.from.is_bot) event.by = sender(message.from);
  return event;
}

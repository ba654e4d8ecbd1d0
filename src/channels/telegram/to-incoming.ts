import type { Chat, Message, Update, User } from 'grammy/types';
import type { ChatRef, Incoming, IncomingFile, Sender } from '../../core/message.ts';

/** A file a person sent, as Telegram describes it before anything is downloaded. */
export interface FileRef {
  fileId: string;
  name: string;
  /** The declared size; 0 when Telegram did not say (reading then enforces the limit). */
  size: number;
  mimeType?: string;
}

export interface MappingOptions {
  /**
   * The bot's own id. update_id counts per bot, so two bots sharing one database (a city's and a
   * county's) would otherwise take each other's updates for duplicates.
   */
  botId: number;
  /** The bot's username, to drop a leading "@bot" mention in groups. */
  botUsername?: string;
  /** Makes the lazily read IncomingFile for a file reference. */
  file(ref: FileRef): IncomingFile;
}

/** An update in the neutral model, plus where on Telegram its answers go. */
export interface TelegramInput {
  incoming: Incoming;
  chatId: number;
  /** The message to quote when answering in a group. */
  messageId?: number;
  /** Forum topic of the message, so answers stay in that topic. */
  threadId?: number;
  /** Set for a button press: it must be answered, whatever happens next. */
  callbackQueryId?: string;
}

// Messages a person wrote (as opposed to service messages: joins, pins, title changes...). The
// ones without text or file still go to the core, which asks for a text command in private.
const PERSON_CONTENT = ['text', 'document', 'photo', 'sticker', 'voice', 'audio', 'video', 'video_note', 'animation', 'location', 'venue', 'contact', 'poll', 'dice'] as const;

/**
 * Translates one Telegram update into the neutral Incoming. Returns null for what the bot
 * ignores: edited messages, messages from bots (including anonymous group admins), service
 * messages and update kinds it does not handle.
 */
export function toIncoming(update: Update, opts: MappingOptions): TelegramInput | null {
  const updateId = `${opts.botId}:${update.update_id}`;
  if (update.message) return fromMessage(update.message, updateId, opts);
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    // Buttons of inline-mode messages have no chat; a press without data is a game, not ours.
    if (!chat || query.data === undefined || query.from.is_bot) return null;
    return {
      incoming: { chat: chatRef(chat, opts.botId), sender: sender(query.from), updateId, choice: query.data },
      chatId: chat.id,
      threadId: query.message && 'is_topic_message' in query.message && query.message.is_topic_message ? query.message.message_thread_id : undefined,
      callbackQueryId: query.id,
    };
  }
  return null;
}

function fromMessage(message: Message, updateId: string, opts: MappingOptions): TelegramInput | null {
  const from = message.from;
  if (!from || from.is_bot) return null;
  if (!PERSON_CONTENT.some((k) => message[k] !== undefined)) return null;
  const chat = chatRef(message.chat, opts.botId);
  const raw = message.text ?? message.caption;
  const incoming: Incoming = { chat, sender: sender(from), updateId };
  if (raw !== undefined) incoming.text = chat.kind === 'group' ? withoutMention(raw, opts.botUsername) : raw;
  const file = fileOf(message);
  if (file) incoming.file = opts.file(file);
  return {
    incoming,
    chatId: message.chat.id,
    messageId: message.message_id,
    threadId: message.is_topic_message ? message.message_thread_id : undefined,
  };
}

function fileOf(message: Message): FileRef | null {
  const doc = message.document;
  if (doc) {
    return { fileId: doc.file_id, name: doc.file_name || `document_${doc.file_unique_id}`, size: doc.file_size ?? 0, mimeType: doc.mime_type };
  }
  if (message.photo?.length) {
    // Telegram lists the sizes of a photo from small to large; take the largest.
    const best = message.photo.reduce((a, b) => (area(b) > area(a) || (area(b) === area(a) && (b.file_size ?? 0) > (a.file_size ?? 0)) ? b : a));
    return { fileId: best.file_id, name: `photo_${best.file_unique_id}.jpg`, size: best.file_size ?? 0, mimeType: 'image/jpeg' };
  }
  return null;
}

const area = (p: { width: number; height: number }) => p.width * p.height;

export function chatRef(chat: Chat, botId: number): ChatRef {
  const group = chat.type === 'group' || chat.type === 'supergroup';
  const ref: ChatRef = { channel: 'telegram', id: String(chat.id), kind: group ? 'group' : 'private', via: String(botId) };
  if (group && chat.title) ref.title = chat.title;
  return ref;
}

export function sender(user: User): Sender {
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ').trim() || user.username || String(user.id);
  const s: Sender = { id: String(user.id), name };
  if (user.language_code) s.languageCode = user.language_code;
  return s;
}

/** "@honorcare_bot 查询 张三" in a group means "查询 张三". */
function withoutMention(text: string, botUsername: string | undefined): string {
  if (!botUsername) return text;
  const mention = `@${botUsername}`;
  const t = text.trimStart();
  if (!t.toLowerCase().startsWith(mention.toLowerCase())) return text;
  const rest = t.slice(mention.length);
  return rest === '' || /^[\s,:，：]/.test(rest) ? rest.replace(/^[\s,:，：]+/, '') : text;
}

import { InputFile, type Api } from 'grammy';
import type { GrammySignal } from './api-guard.ts';
import type { TelegramSend } from './render.ts';

/** Where in a chat a message goes: a forum topic, and the message it answers (quoted). */
export interface Placement {
  threadId?: number;
  replyTo?: number;
}

/**
 * Performs one rendered send (a text, a document or a photo) through `api`: the bot's own, with
 * its retrying transformers, for replies; the outbox's bare one, bounded by `signal`, for
 * notifications. Resolves with the message Telegram made.
 */
export function sendPart(api: Api, chatId: number | string, s: TelegramSend, place: Placement = {}, signal?: GrammySignal): Promise<{ message_id: number }> {
  const other = {
    ...(place.threadId !== undefined ? { message_thread_id: place.threadId } : {}),
    ...(place.replyTo !== undefined ? { reply_parameters: { message_id: place.replyTo, allow_sending_without_reply: true } } : {}),
    ...(s.reply_markup ? { reply_markup: s.reply_markup } : {}),
  };
  if (s.method === 'sendMessage') return api.sendMessage(chatId, s.text, other, signal);
  const file = new InputFile(Buffer.from(s.file.data.buffer, s.file.data.byteOffset, s.file.data.byteLength), s.file.name);
  const withCaption = s.caption !== undefined ? { ...other, caption: s.caption } : other;
  return s.method === 'sendDocument' ? api.sendDocument(chatId, file, withCaption, signal) : api.sendPhoto(chatId, file, withCaption, signal);
}

/** A chat id as the Bot API takes it: a number, or an @username kept as it is. */
export const apiChatId = (chatId: string): number | string => (/^-?\d+$/.test(chatId) ? Number(chatId) : chatId);

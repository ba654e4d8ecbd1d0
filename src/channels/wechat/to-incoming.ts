import type { ChatRef, Incoming, IncomingFile } from '../../core/message.ts';
import { withoutMention } from './mention.ts';

/** What kind of message a person sent, as far as the bot is concerned. */
export type MessageKind = 'text' | 'file' | 'other';

/** A WeChat message as the channel reads it off Wechaty (read-message.ts): plain data. */
export interface MessageView {
  id: string;
  kind: MessageKind;
  text: string;
  /** Sent by the logged-in account itself (the puppet echoes the bot's own messages). */
  self: boolean;
  /** When it was sent, as the puppet says. */
  at: Date;
  talker: { id: string; name: string };
  /** Set in a group (a WeChat room). */
  room?: { id: string; title?: string };
  /** In a group: whether the bot was @-mentioned. */
  mentionsBot: boolean;
  /** The names the bot may be mentioned by in this group: its group nickname, its own name. */
  botNames: string[];
  /** The file of a `file` message, read only when the core asks for it. */
  file?: IncomingFile;
}

export interface Listening {
  /** The logged-in account: Address.via of everything this bot sends and ChatRef.via of its chats. */
  via: string;
  /** When the channel started: a message stamped earlier than this (less a margin) is a replay. */
  since: number;
}

/**
 * The stamps of messages are whole seconds of the puppet's clock, not ours: a message sent just
 * after the start may carry a time a moment before it. A replay of what came in while the bot
 * was down is older than this.
 */
export const STAMP_MARGIN_MS = 5_000;

/**
 * What the bot does with a message:
 * - `take`: hand it to the core;
 * - `ask`: a group message that does not mention the bot; it is the bot's only in a registered
 *   notification group and when it starts with a command (the composition root decides);
 * - `ignore`, with the reason for the log.
 */
export type Verdict = { take: Incoming } | { ask: Incoming } | { ignore: string };

/** A bare number: the answer to a numbered question, taken in a group without a mention. */
const PICK = /^\d{1,2}$/;

/**
 * Decides about one message. Private chats: texts and files go to the core, and so do other
 * kinds (voice, sticker, picture, link, mini program) as a message without text, which the core
 * answers with what the bot can read. Groups: texts only, when the bot is mentioned (the mention
 * taken off), when it is a bare number (the answer to the person's own open question; the core
 * says nothing when there is none), or else as `ask`. The bot's own messages and replays of
 * messages from before the start are ignored.
 */
export function toIncoming(m: MessageView, l: Listening): Verdict {
  if (m.self) return { ignore: 'own message' };
  if (m.at.getTime() < l.since - STAMP_MARGIN_MS) return { ignore: 'sent before the bot started' };
  const chat: ChatRef = m.room
    ? { channel: 'wechat', id: m.room.id, kind: 'group', via: l.via, ...(m.room.title ? { title: m.room.title } : {}) }
    : { channel: 'wechat', id: m.talker.id, kind: 'private', via: l.via };
  const base: Incoming = { chat, sender: { id: m.talker.id, name: m.talker.name }, updateId: `${l.via}:${m.id}` };
  if (!m.room) {
    if (m.kind === 'text') return { take: { ...base, text: m.text } };
    if (m.kind === 'file' && m.file) return { take: { ...base, file: m.file } };
    return { take: base };
  }
  if (m.kind !== 'text') return { ignore: 'not a text, in a group' };
  if (m.mentionsBot) return { take: { ...base, text: withoutMention(m.text, m.botNames) } };
  const text = m.text.trim();
  if (PICK.test(text)) return { take: { ...base, text } };
  return { ask: { ...base, text } };
}

import { cleanLine, cleanText } from '../domain/clean-text.ts';
import type { Incoming } from './message.ts';

/**
 * Every text a person sends, as the core should see it: no control characters, terminal
 * escapes or bidi controls in the message, the sender's or chat's name or a file's name. Done
 * once where messages come in, so no command can store or echo them. The message keeps its
 * newlines and tabs; names are single lines, trimmed.
 */
export function cleanIncoming(incoming: Incoming): Incoming {
  const { chat, sender, text, file } = incoming;
  return {
    ...incoming,
    chat: chat.title === undefined ? chat : { ...chat, title: cleanLine(chat.title).trim() },
    sender: { ...sender, name: cleanLine(sender.name).trim() },
    ...(text === undefined ? {} : { text: cleanText(text) }),
    // read() is called on the original: a channel's file may keep what it needs on itself.
    ...(file ? { file: { name: cleanLine(file.name).trim(), size: file.size, mimeType: file.mimeType, read: () => file.read() } } : {}),
  };
}

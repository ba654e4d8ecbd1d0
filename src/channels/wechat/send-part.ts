import { FileBox } from 'file-box';
import type { Wechaty } from 'wechaty';
import type { Sender } from '../../core/message.ts';
import type { WechatSend } from './render.ts';

/** How WeChat clients end a mention: a four-per-em space. */
const MENTION_SEPARATOR = '\u2005';

/**
 * Sends one message to a chat (a person's id, or a group's) through the puppet: a text, or a
 * file. `mention`: in a group the asker is mentioned at the start of the answer, since several
 * people may be asking at once. Resolves with the message's id where the puppet gives one.
 */
export async function sendPart(puppet: Wechaty['puppet'], chatId: string, part: WechatSend, mention?: Sender): Promise<string | undefined> {
  if ('file' in part) {
    const { data, name } = part.file;
    // Base64, not a buffer: a FileBox has to be serialised to reach a puppet service (and the
    // mock), and a buffer-backed one cannot be (file-box: "toJSON() can only work on limited types").
    const box = FileBox.fromBase64(Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64'), name);
    return (await puppet.messageSendFile(chatId, box)) || undefined;
  }
  if (!mention) return (await puppet.messageSendText(chatId, part.text)) || undefined;
  return (await puppet.messageSendText(chatId, `@${mention.name}${MENTION_SEPARATOR}${part.text}`, [mention.id])) || undefined;
}

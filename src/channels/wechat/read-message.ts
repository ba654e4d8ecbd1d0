import { types, type Contact, type Message } from 'wechaty';
import type { IncomingFile } from '../../core/message.ts';
import type { MessageKind, MessageView } from './to-incoming.ts';

/**
 * Message kinds a person sends that the bot cannot read: answered in a private chat with what it
 * can read, ignored in a group. Anything not listed here (system notes, recalls, transfers, red
 * envelopes, posts) is not a message to the bot at all.
 */
const OTHER_KINDS = new Set<types.Message>([
  types.Message.Audio,
  types.Message.Emoticon,
  types.Message.Image,
  types.Message.Video,
  types.Message.Url,
  types.Message.MiniProgram,
  types.Message.Contact,
  types.Message.Location,
  types.Message.ChatHistory,
]);

function kindOf(type: types.Message): MessageKind | undefined {
  if (type === types.Message.Text) return 'text';
  if (type === types.Message.Attachment) return 'file';
  return OTHER_KINDS.has(type) ? 'other' : undefined;
}

/**
 * Reads what the channel needs off a Wechaty message, as plain data for toIncoming(). Null for a
 * kind that is no message to the bot. The mention, the group's title and the bot's nickname
 * there are looked up only for a group text, where they matter.
 */
export async function readMessage(msg: Message, me: Contact): Promise<MessageView | null> {
  const kind = kindOf(msg.type());
  if (!kind) return null;
  const talker = msg.talker();
  const room = msg.room();
  const view: MessageView = {
    id: msg.id,
    kind,
    text: kind === 'text' ? msg.text() : '',
    // Checked against the bot's own id too: a puppet that echoes the bot's messages must not make it answer itself.
    self: msg.self() || talker.id === me.id,
    at: msg.date(),
    talker: { id: talker.id, name: talker.name() || talker.id },
    mentionsBot: false,
    botNames: [me.name()],
  };
  if (room && kind === 'text' && !view.self) {
    const [title, mentioned, nickname] = await Promise.all([room.topic().catch(() => undefined), msg.mentionSelf(), room.alias(me).catch(() => undefined)]);
    view.room = { id: room.id, ...(title ? { title } : {}) };
    view.mentionsBot = mentioned;
    if (nickname) view.botNames = [nickname, me.name()];
  } else if (room) {
    view.room = { id: room.id };
  }
  if (kind === 'file' && !room) view.file = incomingFile(msg);
  return view;
}

/** The file of a message, fetched from the puppet only when the core reads it. */
function incomingFile(msg: Message): IncomingFile {
  const name = msg.payload?.filename || msg.text() || 'file';
  return {
    name,
    // Unknown until fetched: the core checks the size of what it reads.
    size: 0,
    read: async () => {
      const box = await msg.toFileBox();
      return new Uint8Array(await box.toBuffer());
    },
  };
}

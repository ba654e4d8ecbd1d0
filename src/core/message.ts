/**
 * The neutral message model: what every channel adapter turns platform updates into, and what
 * the core answers with. No platform type ever crosses this line.
 */

/**
 * Where the bot talks. `wecom` is send-only: a WeCom group robot (企业微信群机器人) posts to one
 * group through its webhook and hears nothing, so no message ever arrives from it.
 */
export type ChannelName = 'terminal' | 'telegram' | 'wechat' | 'wecom';

/** A chat on some channel: a private chat with one person, or a group. */
export interface ChatRef {
  channel: ChannelName;
  id: string;
  kind: 'private' | 'group';
  title?: string;
  /**
   * Which bot of the channel the chat is with, where several bots share one database (a city's
   * and a county's): a person's private chat has the same id with both, yet they are two
   * conversations.
   */
  via?: string;
}

/** The person who wrote. `id` is the platform's stable id of that person. */
export interface Sender {
  id: string;
  name: string;
  /** The platform's language hint (e.g. Telegram's language_code), used for unbound people. */
  languageCode?: string;
}

/** A file that came with a message; read lazily so a huge upload can be refused unread. */
export interface IncomingFile {
  name: string;
  /** Size in bytes as the platform declares it. */
  size: number;
  mimeType?: string;
  read(): Promise<Uint8Array>;
}

/**
 * How a person gives the bot a file on a channel, so answers can say how: attached to a message
 * (Telegram, WeChat), or typed as a path on the bot's own machine (the terminal: `导入 ./roster.xlsx`).
 */
export type FileInput = 'attached' | 'typed';

/** One thing a person did in a chat: a text, a pressed button, a file. */
export interface Incoming {
  chat: ChatRef;
  sender: Sender;
  /** The platform's id for this update, when it has one; duplicates are answered once. */
  updateId?: string;
  text?: string;
  /** The id of a pressed choice (Telegram inline button). Digits typed in reply are mapped by the core. */
  choice?: string;
  file?: IncomingFile;
  /** How files come on this message's channel; 'attached' when absent. Chooses the wording of answers about files. */
  files?: FileInput;
}

/** An option offered to the reader: a button on Telegram, a numbered line elsewhere. */
export interface Choice {
  /** What comes back when chosen. An id starting with "/" is run as that command text. */
  id: string;
  label: string;
}

/** A file or picture the bot sends. */
export interface OutgoingFile {
  name: string;
  mimeType: string;
  data: Uint8Array;
}

/** What the bot says: text, optionally with choices, a file or an image. */
export interface Reply {
  text: string;
  choices?: Choice[];
  file?: OutgoingFile;
  image?: OutgoingFile;
}

/** Builds a plain text reply. */
export const text = (body: string, choices?: Choice[]): Reply => (choices?.length ? { text: body, choices } : { text: body });

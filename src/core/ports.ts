import type { ChannelName, Choice } from './message.ts';
import type { Locale } from './i18n.ts';
import type { Role } from './roles.ts';

/** A bound account as the core sees it. */
export interface AccountInfo {
  id: number;
  channel: ChannelName;
  externalId: string;
  displayName: string;
  role: Role;
  locale: Locale | null;
  /** An honoree's or proxy's file: the only one they see. Null for the office's accounts. */
  honoreeId: number | null;
}

/** Finds who is writing. Implemented by the accounts feature. */
export interface AccountDirectory {
  find(channel: ChannelName, externalId: string): Promise<AccountInfo | null>;
}

/** What the core keeps between two messages of one person in one chat. */
export interface ConversationRecord {
  /** The guided flow under way, if any. */
  flow?: string;
  state?: unknown;
  /** Choices last offered, so that a typed digit or a pressed button can pick one. */
  choices?: Choice[];
  /** Marks the buttons of the message that offered `choices`; buttons of older messages are stale. */
  nonce?: string;
  /** The id of the command that opened the form or offered the choices, to name it when it ends. */
  command?: string;
  /** A command typed into a form, kept while the person is asked whether to leave the form for it. */
  pending?: string;
  /** When the record was last written (ISO time of the engine's clock): an idle form expires. */
  at?: string;
  /** The question that offered `choices` and where: asked again, once, after a channel's outage (WeChat). */
  asked?: { chatId: string; kind: 'private' | 'group'; text: string; again?: boolean };
}

/** Durable storage of conversation records, so a restart does not lose a half-answered question. */
export interface ConversationStore {
  get(key: string): Promise<ConversationRecord | null>;
  put(key: string, record: ConversationRecord): Promise<void>;
  clear(key: string): Promise<void>;
  /** The records whose key starts with `prefix` (one channel's, for questions to ask again), written since `since`. */
  since(prefix: string, since: Date): Promise<Array<{ key: string; record: ConversationRecord }>>;
}

/** Remembers handled update ids, so an update delivered twice is answered once. */
export interface UpdateLog {
  seen(channel: ChannelName, updateId: string): Promise<boolean>;
  markSeen(channel: ChannelName, updateId: string): Promise<void>;
}

/**
 * The secret a send-only channel posts to a group with, found by the group's chat id: a WeCom
 * group robot's webhook key. Kept out of the outbox's rows, so it is read only at the moment of
 * sending; null when the group has none any more (unbound since the message was planned).
 */
export interface WebhookKeys {
  keyOf(chatId: string): Promise<string | null>;
}

/**
 * A simulated WeChat around wechaty-puppet-mock: people and groups made with the puppet's Mocker,
 * the bot's account logged in, messages said by people to the bot or in groups, and every
 * message the bot sends recorded with the time it arrived. The channel runs real Wechaty on it.
 */
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { EventEmitter } from 'node:events';
import { FileBox } from 'file-box';
import { types } from 'wechaty';

type Mocker = InstanceType<typeof mock.Mocker>;
export type MockContact = ReturnType<Mocker['createContact']>;
export type MockRoom = ReturnType<Mocker['createRoom']>;

/** One message the bot sent, as the simulated WeChat received it. */
export interface BotMessage {
  /** The group's id, or the person's for a private chat. */
  to: string;
  text: string;
  /** For a file: its name. */
  file?: string;
  /** Arrival, in ms of the performance clock. */
  at: number;
}

export interface WaitOptions {
  /** Only messages after the first `after` ones the bot sent (default: all so far). */
  after?: number;
  timeoutMs?: number;
}

let ids = 0;

export class WechatWorld {
  readonly mocker: Mocker = new mock.Mocker();
  readonly puppet = new PuppetMock({ mocker: this.mocker });
  readonly bot: MockContact;
  /** What the bot sent, in order. */
  readonly sent: BotMessage[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(botName = '工会助手', botId = 'wxid_honorcare_bot') {
    this.bot = this.mocker.createContact({ id: botId, name: botName });
    // The mock tells the bot's contact of every message it is in: the bot's own are the ones it sent.
    (this.bot as unknown as EventEmitter).on('message', (m: { payload: { talkerId?: string; roomId?: string; listenerId?: string; text?: string; type: number; id: string } }) => {
      const p = m.payload;
      if (p.talkerId !== this.bot.id) return;
      const file = p.type !== types.Message.Text ? this.mocker.cacheFileBoxPayload.get(p.id) : undefined;
      this.sent.push({ to: p.roomId ?? p.listenerId ?? '', text: p.text ?? '', ...(file ? { file: (file as { name: string }).name } : {}), at: performance.now() });
      for (const wake of [...this.waiters]) wake();
    });
  }

  person(id: string, name: string): MockContact {
    return this.mocker.createContact({ id, name });
  }

  /** A group (WeChat room; its id ends in @chatroom as real ones do) of the bot and `members`. */
  group(title: string, members: MockContact[]): MockRoom {
    return this.mocker.createRoom({ id: `${++ids}${Date.now()}@chatroom`, topic: title, memberIdList: [this.bot.id, ...members.map((m) => m.id)] });
  }

  login(): void {
    this.mocker.login(this.bot);
  }

  /** `from` writes `text` to the bot, or in a group (mentioning `mentions`). */
  say(from: MockContact, text: string, where?: MockRoom, mentions: MockContact[] = []): void {
    from.say(text, mentions).to(where ?? this.bot);
  }

  /** `from` sends a message of another kind (a sticker, a voice message…), stamped `at`. */
  sendKind(from: MockContact, type: types.Message, where?: MockRoom, at = Date.now()): string {
    const id = `mock-${++ids}`;
    const text = type === types.Message.Text ? 'hello' : '';
    const to = where ? { roomId: where.id, mentionIdList: [] } : { listenerId: this.bot.id };
    this.mocker.MessageMock.create({ id, talkerId: from.id, timestamp: at, type, text, ...to } as never);
    this.puppet.emit('message', { messageId: id });
    return id;
  }

  /** `from` sends a file (an attachment message, as a real puppet reports a document) to the bot. */
  sendFile(from: MockContact, name: string, content: string): void {
    const id = `mock-${++ids}`;
    // The mock keeps a message's file as FileBox JSON: base64 survives that, a buffer does not.
    this.mocker.cacheFileBoxPayload.set(id, FileBox.fromBase64(Buffer.from(content).toString('base64'), name).toJSON());
    this.mocker.MessageMock.create({ id, talkerId: from.id, listenerId: this.bot.id, timestamp: Date.now(), type: types.Message.Attachment, text: name, filename: name } as never);
    this.puppet.emit('message', { messageId: id });
  }

  /** `from`'s text, stamped `at` (a replay of an old message). */
  sayAt(from: MockContact, text: string, at: number): void {
    const id = `mock-${++ids}`;
    this.mocker.MessageMock.create({ id, talkerId: from.id, listenerId: this.bot.id, timestamp: at, type: types.Message.Text, text } as never);
    this.puppet.emit('message', { messageId: id });
  }

  /** Messages the bot sent to `chat` (a person's id or a group's), in order. */
  sentTo(chat: string): BotMessage[] {
    return this.sent.filter((m) => m.to === chat);
  }

  /** The next message the bot sends to `chat` (after `after` of all it sent). */
  async next(chat: string, o: WaitOptions = {}): Promise<BotMessage> {
    const [first] = await this.nextMany(chat, 1, o);
    return first;
  }

  /** The next `count` messages the bot sends to `chat`. */
  nextMany(chat: string, count: number, o: WaitOptions = {}): Promise<BotMessage[]> {
    const after = o.after ?? this.sent.length;
    const found = () => this.sent.slice(after).filter((m) => m.to === chat);
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = found();
        if (got.length < count) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(got.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`the bot sent ${found().length} of ${count} messages to ${chat} in time; all it sent: ${JSON.stringify(this.sent.map((m) => m.text.slice(0, 60)))}`));
      }, o.timeoutMs ?? 5000);
      this.waiters.add(check);
      check();
    });
  }

  /** Resolves after `ms` with whatever the bot sent to `chat` meanwhile (to show it said nothing). */
  async quietFor(chat: string, ms: number): Promise<BotMessage[]> {
    const after = this.sent.length;
    await new Promise((r) => setTimeout(r, ms));
    return this.sent.slice(after).filter((m) => m.to === chat);
  }
}

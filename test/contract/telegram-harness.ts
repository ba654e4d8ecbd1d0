import pino from 'pino';
import type { Chat } from 'grammy/types';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { group, privateChat, startFakeBotApi, user, type Call, type FakeBotApi, type StoredMessage } from '../fakes/bot-api-server.ts';
import { OPEN_LIMITS } from '../support/rate-limits.ts';
import type { Harness, Shown, Who } from './harness.ts';

const TOKEN = '123456:CONTRACT';
const PEOPLE = {
  admin: user(3001, '老王', 'zh-hans'),
  staff: user(3002, '小李', 'zh-hans'),
  stranger: user(3009, '路人'),
  zhang: user(3011, '张三'),
  daughter: user(3012, '海燕的女儿'),
  wang: user(3013, '王建国'),
};
const OFFICE = group(-100300, '工会办公室');
/** The calls that show the person something: a message, an edited one, a file or an image with its caption. */
const SHOWN = new Set(['sendMessage', 'editMessageText', 'sendDocument', 'sendPhoto']);

const shownOf = (c: Call): Shown => {
  const m = c.result as StoredMessage;
  // A file or an image carries the text as its caption.
  const keyboard = (m.reply_markup as { inline_keyboard?: { text: string }[][] } | undefined)?.inline_keyboard ?? [];
  return { text: m.text ?? m.caption ?? '', buttons: keyboard.flat().map((b) => b.text) };
};

/** Telegram over real HTTP to the fake Bot API, the real grammY channel polling it. */
export async function telegramHarness(): Promise<Harness> {
  const fake: FakeBotApi = await startFakeBotApi({ token: TOKEN });
  const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: pino({ level: 'silent' }), maxUploadBytes: 1 << 20, rateLimits: OPEN_LIMITS });
  /** Messages to a chat, and the message id of each shown answer (for presses). */
  const isTo = (chat: Chat) => (c: Call) => SHOWN.has(c.method) && c.params.chat_id === chat.id && c.result !== undefined;
  const messageIds = new WeakMap<Shown, number>();
  /** The bot's messages to a chat so far, each remembered with its id (a delivered invitation can be pressed). */
  const sentIn = (chat: Chat): Shown[] =>
    fake.calls.filter(isTo(chat)).map((c) => {
      const s = shownOf(c);
      messageIds.set(s, (c.result as StoredMessage).message_id);
      return s;
    });

  /** Sends an update, then collects the bot's messages to `chat` until it has been quiet a moment. */
  async function answers(chat: Chat, push: () => void): Promise<Shown[]> {
    const n = fake.calls.length;
    push();
    const first = await fake.waitForCall(undefined, isTo(chat), { after: n, timeoutMs: 10_000 });
    // Multi-part answers follow within moments; none comes later than this after the last.
    await new Promise((r) => setTimeout(r, 300));
    return fake.calls.slice(first.index).filter(isTo(chat)).map((c) => {
      const s = shownOf(c);
      messageIds.set(s, (c.result as StoredMessage).message_id);
      return s;
    });
  }

  return {
    channel: 'telegram',
    people: Object.fromEntries(Object.entries(PEOPLE).map(([k, u]) => [k, { id: String(u.id), name: u.first_name }])),
    buttons: true,
    groupChatId: String(OFFICE.id),
    async start(core) {
      await channel.start(core.handle, core.menu(), { membership: core.membership });
    },
    say: (who, text) => answers(privateChat(PEOPLE[who]), () => fake.sendText({ from: PEOPLE[who], chat: privateChat(PEOPLE[who]), text })),
    async press(who, on, label) {
      const chat = privateChat(PEOPLE[who]);
      const list = fake.calls.filter(isTo(chat)).map((c) => c.result as StoredMessage).find((m) => m.message_id === messageIds.get(on));
      const button = ((list?.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard ?? []).flat().find((b) => b.text === label);
      if (!list || !button) throw new Error(`no button "${label}" on that message`);
      return answers(chat, () => fake.pressButton({ from: PEOPLE[who], chat, message_id: list.message_id, data: button.callback_data }));
    },
    // Privacy mode hands the bot slash commands in groups: the contract speaks to it so.
    sayInGroup: (who: Who, text: string) => answers(OFFICE, () => fake.sendText({ from: PEOPLE[who], chat: OFFICE, text: `@${fake.botInfo.username} ${text}` })),
    deliverer: () => ({ deliverer: channel, via: String(fake.botInfo.id) }),
    address: (who) => ({ channel: 'telegram', via: String(fake.botInfo.id), chatId: String(PEOPLE[who].id), kind: 'private' }),
    async received(who) {
      const last = sentIn(privateChat(PEOPLE[who])).at(-1);
      if (!last) throw new Error(`nothing was sent to ${who}`);
      return last;
    },
    sentTo: (who) => sentIn(privateChat(PEOPLE[who])),
    filesTo: (who) => fake.calls.filter((c) => (c.method === 'sendDocument' || c.method === 'sendPhoto') && c.params.chat_id === PEOPLE[who].id && c.result !== undefined).flatMap((c) => c.files.map((f) => f.filename)),
    sentToGroup: () => sentIn(OFFICE),
    async stop() {
      await channel.stop();
      await fake.stop();
    },
  };
}

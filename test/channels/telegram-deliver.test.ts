import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import type { Address } from '../../src/core/delivery.ts';
import { group, privateChat, startFakeBotApi, user, type ApiError, type Call, type FakeBotApi, type StoredMessage } from '../fakes/bot-api-server.ts';

/**
 * The Telegram channel as the outbox's Deliverer, over real HTTP to the fake Bot API, with
 * Telegram's real rate limits: what Telegram says comes back as a value the dispatcher records.
 */
const TOKEN = '123456:DELIVER';
const silent = pino({ level: 'silent' });
const MAX_TEXT = 4096;

const sentTo = (fake: FakeBotApi, chatId: number) => fake.calls.filter((c) => c.method === 'sendMessage' && c.params.chat_id === chatId);
const messageId = (c: Call) => String((c.result as StoredMessage).message_id);
const forbidden = (description: string): ApiError => ({ error_code: 403, description: `Forbidden: ${description}` });
const badRequest = (description: string, parameters?: ApiError['parameters']): ApiError => ({ error_code: 400, description: `Bad Request: ${description}`, ...(parameters ? { parameters } : {}) });

/** A text of `lines` numbered lines of about 100 characters each: 100 lines make three messages. */
const longText = (lines: number) => Array.from({ length: lines }, (_, i) => `第${i + 1}行 ${'走访记录'.repeat(24)}`).join('\n');

describe('the Telegram channel delivers notifications for the outbox', () => {
  let fake: FakeBotApi;
  let channel: TelegramChannel;
  let ready: { username: string; id: number; via: string } | undefined;
  /** Each test writes to chats of its own, so one's rate budget never holds up another's. */
  let nextChat = 5000;
  const deadline = (ms = 10_000) => ({ deadline: Date.now() + ms });
  const to = (kind: Address['kind'] = 'private'): Address & { id: number } => {
    const id = kind === 'group' ? -(++nextChat) : ++nextChat;
    return { channel: 'telegram', via: ready!.via, chatId: String(id), kind, id };
  };

  beforeAll(async () => {
    fake = await startFakeBotApi({ token: TOKEN });
    channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: silent, maxUploadBytes: 1 << 20, onReady: (me) => (ready = me) });
    await channel.start(async (incoming) => [{ text: `收到：${incoming.text ?? ''}` }], { 'zh-CN': [], en: [] });
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.stop();
  });

  it('tells who the bot is, so the dispatcher serves it under its id', () => {
    expect(ready).toEqual({ username: fake.botInfo.username, id: fake.botInfo.id, via: String(fake.botInfo.id) });
    expect(channel.via).toBe(String(fake.botInfo.id));
  });

  it('sends a reminder and reports the message id Telegram gave it', async () => {
    const chat = to();
    const result = await channel.deliver(chat, { text: '⏰ 提醒：给张三打电话' }, deadline());
    const [call] = sentTo(fake, chat.id);
    expect(result).toEqual({ outcome: 'sent', messageIds: [messageId(call)], sentParts: 1 });
    expect(fake.sent(chat.id)).toEqual(['⏰ 提醒：给张三打电话']);
  });

  it('offers the choices of a notification as buttons, as in a reply', async () => {
    const chat = to();
    await channel.deliver(chat, { text: '明天的走访已安排', choices: [{ id: '/reminders', label: '查看提醒' }] }, deadline());
    const [call] = sentTo(fake, chat.id);
    expect((call.result as StoredMessage).reply_markup).toEqual({ inline_keyboard: [[{ text: '查看提醒', callback_data: '/reminders' }]] });
  });

  it('splits a long digest at line breaks, in order, one message id per part, a second apart in one chat', async () => {
    const chat = to('group');
    const text = longText(100);
    const result = await channel.deliver(chat, { text }, deadline());
    const calls = sentTo(fake, chat.id);
    const parts = fake.sent(chat.id);
    expect(parts).toHaveLength(3);
    expect(parts.every((p) => p.length <= MAX_TEXT)).toBe(true);
    // Cut only between lines: the parts, joined by the line breaks dropped at the cuts, are the text.
    expect(parts.join('\n')).toBe(text);
    expect(result).toEqual({ outcome: 'sent', messageIds: calls.map(messageId), sentParts: 3 });
    // Telegram's 1/s per chat, kept by the channel's own budget.
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
    expect(calls[2].at - calls[1].at).toBeGreaterThanOrEqual(950);
  });

  it('sends only the parts an earlier attempt did not, and counts all of them', async () => {
    const chat = to();
    const text = longText(100);
    const result = await channel.deliver(chat, { text }, { ...deadline(), fromPart: 2 });
    const calls = sentTo(fake, chat.id);
    expect(calls).toHaveLength(1);
    expect(fake.sent(chat.id)[0]).toMatch(/^第\d+行/);
    expect(text.endsWith(fake.sent(chat.id)[0])).toBe(true);
    expect(result).toEqual({ outcome: 'sent', messageIds: [messageId(calls[0])], sentParts: 3 });
  });

  it('stops at the part that failed and says how many went before it', async () => {
    const chat = to();
    const text = longText(100);
    const firstLine = text.split('\n')[0];
    fake.failNext('sendMessage', { error_code: 500, description: 'Internal Server Error' }, 1, (c) => c.params.chat_id === chat.id && !String(c.params.text).startsWith(firstLine));
    const result = await channel.deliver(chat, { text }, deadline());
    expect(result).toEqual({ outcome: 'retry', reason: '500 Internal Server Error', sentParts: 1 });
    expect(fake.sent(chat.id)).toHaveLength(1);
    // The next attempt begins where this one stopped.
    const rest = await channel.deliver(chat, { text }, { ...deadline(), fromPart: 1 });
    expect(rest).toMatchObject({ outcome: 'sent', sentParts: 3 });
    expect(fake.sent(chat.id).join('\n')).toBe(text);
  });

  it('reports a 429 with its wait, and holds that chat (not others) for as long', async () => {
    const chat = to();
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 3', parameters: { retry_after: 3 } }, 1, (c) => c.params.chat_id === chat.id);
    const result = await channel.deliver(chat, { text: '提醒' }, deadline());
    expect(result).toEqual({ outcome: 'retry', afterMs: 3000, reason: expect.stringContaining('429'), sentParts: 0 });
    expect(channel.waitFor(chat)).toBeGreaterThan(2500);
    // Another chat waits at most for the bot's 30/s (earlier tests may have just used its burst).
    expect(channel.waitFor(to())).toBeLessThan(100);
    // Asked again before the wait is over, it does not send but says how long is left.
    const again = await channel.deliver(chat, { text: '提醒' }, deadline());
    expect(again).toMatchObject({ outcome: 'retry', afterMs: expect.any(Number), sentParts: 0 });
    expect((again as { afterMs: number }).afterMs).toBeGreaterThan(2000);
    expect(sentTo(fake, chat.id)).toHaveLength(1);
  });

  it('reports a server error or a wrong token as a retry, not as the recipient’s fault', async () => {
    for (const error of [
      { error_code: 500, description: 'Internal Server Error' },
      { error_code: 401, description: 'Unauthorized' },
      { error_code: 404, description: 'Not Found' },
    ]) {
      const chat = to();
      fake.failNext('sendMessage', error, 1, (c) => c.params.chat_id === chat.id);
      expect(await channel.deliver(chat, { text: '提醒' }, deadline())).toEqual({ outcome: 'retry', reason: `${error.error_code} ${error.description}`, sentParts: 0 });
    }
  });

  it('tells a gateway that could not reach Telegram apart from a server error: no answer, not a failed attempt', async () => {
    for (const error of [
      { error_code: 502, description: 'Bad Gateway' },
      { error_code: 504, description: 'Gateway Timeout' },
    ]) {
      const chat = to();
      fake.failNext('sendMessage', error, 1, (c) => c.params.chat_id === chat.id);
      expect(await channel.deliver(chat, { text: '提醒' }, deadline())).toEqual({ outcome: 'retry', reason: `${error.error_code} ${error.description}`, sentParts: 0, noAnswer: true });
    }
  });

  it('tells why a person or group cannot be reached', async () => {
    const cases: Array<[Address['kind'], ApiError, string]> = [
      ['private', forbidden('bot was blocked by the user'), 'blocked'],
      ['private', forbidden("bot can't initiate conversation with a user"), 'never_started'],
      ['private', forbidden('user is deactivated'), 'chat_gone'],
      ['private', badRequest('chat not found'), 'chat_gone'],
      ['group', forbidden('bot was kicked from the group chat'), 'kicked'],
      ['group', forbidden('bot is not a member of the supergroup chat'), 'kicked'],
      ['group', forbidden('the group is closed to bots for some new reason'), 'kicked'],
    ];
    for (const [kind, error, reason] of cases) {
      const chat = to(kind);
      fake.failNext('sendMessage', error, 1, (c) => c.params.chat_id === chat.id);
      const result = await channel.deliver(chat, { text: '明日走访' }, deadline());
      expect(result, error.description).toEqual({ outcome: 'unreachable', reason, detail: `${error.error_code} ${error.description}`, sentParts: 0 });
    }
  });

  it('follows a group that became a supergroup, and refuses what Telegram calls a bad request', async () => {
    const chat = to('group');
    fake.failNext('sendMessage', badRequest('group chat was upgraded to a supergroup chat', { migrate_to_chat_id: -1009876543210 }), 1, (c) => c.params.chat_id === chat.id);
    expect(await channel.deliver(chat, { text: '今日摘要' }, deadline())).toEqual({ outcome: 'moved', chatId: '-1009876543210', sentParts: 0 });

    const other = to();
    fake.failNext('sendMessage', badRequest('wrong parameter action in request'), 1, (c) => c.params.chat_id === other.id);
    expect(await channel.deliver(other, { text: '今日摘要' }, deadline())).toEqual({ outcome: 'rejected', reason: '400 Bad Request: wrong parameter action in request', sentParts: 0 });
    // A blank notification (a bug upstream) is refused, not recorded as sent.
    const blank = to();
    expect(await channel.deliver(blank, { text: ' \n ' }, deadline())).toMatchObject({ outcome: 'rejected', sentParts: 0 });
    expect(sentTo(fake, blank.id)).toEqual([]);
  });

  it('gives up on a Bot API that never answers by the deadline, and says so', async () => {
    const chat = to();
    fake.silenceNext('sendMessage');
    const started = Date.now();
    const result = await channel.deliver(chat, { text: '提醒' }, deadline(1500));
    const elapsed = Date.now() - started;
    // No answer at all says the channel is down, not that this message failed: the outbox does not count it.
    expect(result).toMatchObject({ outcome: 'retry', sentParts: 0, reason: expect.stringMatching(/no answer/), noAnswer: true });
    expect(result).not.toHaveProperty('afterMs');
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(elapsed).toBeLessThan(1500 + 250);
  });

  it('does not begin a send it cannot finish by the deadline', async () => {
    const result = await channel.deliver(to(), { text: '提醒' }, deadline(100));
    expect(result).toMatchObject({ outcome: 'retry', sentParts: 0, reason: expect.stringMatching(/deadline/) });
  });

  it('refuses an address it does not serve: another bot, another channel (a bug, not an outcome)', async () => {
    await expect(channel.deliver({ ...to(), via: '42' }, { text: 'x' }, deadline())).rejects.toThrow(/bot 42/);
    await expect(channel.deliver({ channel: 'terminal', chatId: 'console', kind: 'private' }, { text: 'x' }, deadline())).rejects.toThrow(/terminal/);
  });

  it('counts replies and notifications in one budget: a notification waits a second after an answer', async () => {
    const person = user(++nextChat, '李工');
    const chat: Address = { channel: 'telegram', via: ready!.via, chatId: String(person.id), kind: 'private' };
    expect(channel.waitFor(chat)).toBeLessThan(100); // a new chat: at most the bot's 30/s
    const say = async (text: string) => {
      const n = fake.calls.length;
      fake.sendText({ from: person, chat: privateChat(person), text });
      return fake.waitForCall('sendMessage', (c) => c.params.chat_id === person.id && c.result !== undefined, { after: n });
    };
    const answer = await say('好的');
    // The answer counts: the next notification to this chat waits a second after it.
    expect(channel.waitFor(chat)).toBeGreaterThan(500);
    expect(await channel.deliver(chat, { text: '⏰ 提醒：交材料' }, deadline())).toMatchObject({ outcome: 'sent' });
    const notified = sentTo(fake, person.id).at(-1)!;
    expect(notified.at - answer.at).toBeGreaterThanOrEqual(950);
    expect(channel.waitFor(chat)).toBeGreaterThan(500);
    // An answer right after a notification is not held up: replies may come in a small burst.
    const quick = await say('收到');
    expect(quick.at - notified.at).toBeLessThan(900); // 1/s would hold it to 1,000 ms
  });

  it('holds notifications to a chat while a reply there waits out a 429', async () => {
    const office = group(-(++nextChat), '工会办公室');
    const chat: Address = { channel: 'telegram', via: ready!.via, chatId: String(office.id), kind: 'group' };
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 2', parameters: { retry_after: 2 } }, 1, (c) => c.params.chat_id === office.id);
    const n = fake.calls.length;
    fake.sendText({ from: user(4242, '老张'), chat: office, text: '/whoami' });
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === office.id && c.error?.error_code === 429, { after: n });
    // The fake records the call just before its answer reaches the bot.
    await vi.waitFor(() => expect(channel.waitFor(chat)).toBeGreaterThan(1500), { timeout: 1000 });
    // The reply itself is not dropped: it arrives once the wait is over.
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === office.id && c.result !== undefined, { after: n, timeoutMs: 5000 });
  });
});

describe('the Telegram channel after stop()', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('sends nothing more and gives the notification back as a retry at once', async () => {
    const fake = await startFakeBotApi({ token: TOKEN });
    cleanups.push(() => fake.stop());
    const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: silent, maxUploadBytes: 1 << 20 });
    cleanups.push(() => channel.stop());
    await channel.start(async () => [], { 'zh-CN': [], en: [] });
    const chat: Address = { channel: 'telegram', via: channel.via, chatId: '77', kind: 'private' };
    expect(await channel.deliver(chat, { text: '早上好' }, { deadline: Date.now() + 5000 })).toMatchObject({ outcome: 'sent' });
    await channel.stop();
    const started = Date.now();
    const result = await channel.deliver(chat, { text: longText(100) }, { deadline: Date.now() + 5000, fromPart: 1 });
    expect(result).toMatchObject({ outcome: 'retry', sentParts: 1, reason: expect.stringContaining('stopped') });
    expect(Date.now() - started).toBeLessThan(100);
    expect(fake.sent(77)).toEqual(['早上好']);
  });

  it('ends a notification under way when it stops: the parts sent are counted, the rest goes back', async () => {
    const fake = await startFakeBotApi({ token: TOKEN });
    cleanups.push(() => fake.stop());
    const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: silent, maxUploadBytes: 1 << 20, stopGraceMs: 5000 });
    cleanups.push(() => channel.stop());
    await channel.start(async () => [], { 'zh-CN': [], en: [] });
    const chat: Address = { channel: 'telegram', via: channel.via, chatId: '78', kind: 'private' };
    const delivering = channel.deliver(chat, { text: longText(100) }, { deadline: Date.now() + 10_000 });
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === 78 && c.result !== undefined);
    // The second part waits its turn (1/s in a chat) when the stop comes: it is not begun, and
    // the stop waits no longer than that turn.
    await new Promise((r) => setTimeout(r, 200));
    const stopping = Date.now();
    await channel.stop();
    expect(Date.now() - stopping).toBeLessThan(1500);
    expect(await delivering).toMatchObject({ outcome: 'retry', sentParts: 1, reason: expect.stringContaining('stopped') });
    expect(fake.sent(78)).toHaveLength(1);
  });
});

import pino from 'pino';
import type { Chat, User } from 'grammy/types';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import { TelegramError } from '../../src/channels/telegram/errors.ts';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import type { MessageHandler } from '../../src/core/channel.ts';
import type { Incoming } from '../../src/core/message.ts';
import { makeIdNumber } from '../../src/domain/index.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { group, privateChat, startFakeBotApi, user, type Call, type FakeBotApi, type StoredMessage } from '../fakes/bot-api-server.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { OPEN_LIMITS } from '../support/rate-limits.ts';
import { seedAccounts } from '../support/seed.ts';

const TOKEN = '123456:TEST';
const MB = 1024 * 1024;
const silent = pino({ level: 'silent' });
// The people of test/support/seed.ts (ADMIN telegram:1001, STAFF telegram:2002), as Telegram users.
const admin = user(1001, '老王', 'zh-hans');
const staff = user(2002, '小李', 'zh-hans');
const stranger = user(9009, '路人');
const office = group(-100500, '工会办公室');

const textOf = (c: Call) => (c.result as StoredMessage).text ?? '';
const keyboardOf = (c: Call) => (c.result as StoredMessage).reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
const isTo = (chat: Chat) => (c: Call) => c.params.chat_id === chat.id && c.result !== undefined;

/** A channel to the fake; its rate budget wide open (telegram-deliver.test.ts tests the budget). */
function channelFor(fake: FakeBotApi, extra: Partial<ConstructorParameters<typeof TelegramChannel>[0]> = {}) {
  return new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log: silent, maxUploadBytes: 10 * MB, rateLimits: OPEN_LIMITS, ...extra });
}

describe.each(PROVIDERS)('the Telegram channel end to end over HTTP, on %s', (provider) => {
  let t: TestDb;
  let fake: FakeBotApi;
  let channel: TelegramChannel;
  let readyAs: string | undefined;
  let handler: MessageHandler;
  const seen: Incoming[] = [];

  beforeAll(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    await loadDemoData(t.db, 2026);
    const now = new Date('2026-11-23T02:00:00Z');
    const core = createCore(t.db, silent, {
      defaultLocale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
      fileNoPrefix: 'LM',
      inviteTtlHours: 72,
      maxUploadBytes: 10 * MB,
      clock: () => now,
    });
    fake = await startFakeBotApi({ token: TOKEN });
    channel = channelFor(fake, { onReady: (me) => (readyAs = me.username) });
    // The real core, with each Incoming kept so tests can look at what the channel made of an update.
    handler = (incoming) => {
      seen.push(incoming);
      return core.handle(incoming);
    };
    await channel.start(handler, core.menu());
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.stop();
    await t?.destroy();
  });

  /** `from` writes `text`; resolves with the text of the bot's next message to that chat. */
  async function say(from: User, text: string, chat: Chat = privateChat(from)): Promise<string> {
    const n = fake.calls.length;
    fake.sendText({ from, chat, text });
    return textOf(await fake.waitForCall('sendMessage', isTo(chat), { after: n }));
  }

  it('publishes the command menu in Chinese (default) and English, after removing any webhook', async () => {
    expect(readyAs).toBe('honorcare_test_bot');
    const menus = fake.calls.filter((c) => c.method === 'setMyCommands');
    const zh = menus.find((c) => c.params.language_code === undefined)!;
    const en = menus.find((c) => c.params.language_code === 'en')!;
    const names = (c: Call) => (c.params.commands as { command: string }[]).map((x) => x.command);
    expect(names(zh)).toEqual(expect.arrayContaining(['find', 'help', 'add']));
    expect(names(en)).toEqual(names(zh));
    const describe = (c: Call, cmd: string) => (c.params.commands as { command: string; description: string }[]).find((x) => x.command === cmd)!.description;
    expect(describe(zh, 'find')).toMatch(/查找/);
    expect(describe(en, 'find')).toMatch(/^find/);
    // Polling only starts once the webhook is gone and only asks for what the bot handles.
    await fake.waitForCall('getUpdates');
    const order = fake.calls.map((c) => c.method);
    expect(order.indexOf('deleteWebhook')).toBeGreaterThan(-1);
    expect(order.indexOf('deleteWebhook')).toBeLessThan(order.indexOf('getUpdates'));
    expect(fake.calls.find((c) => c.method === 'getUpdates')!.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
  });

  it('answers /start, /help and a Chinese keyword command from a staff member', async () => {
    expect(await say(staff, '/start')).toContain('欢迎回来');
    const help = await say(staff, '/help');
    expect(help).toContain('劳模关爱助手 · 可用命令');
    expect(help).toContain('/find');
    expect(await say(staff, '查询 张三')).toContain('张三（LM00001）');
    const incoming = seen.at(-1)!;
    expect(incoming).toMatchObject({
      chat: { channel: 'telegram', id: '2002', kind: 'private', via: String(fake.botInfo.id) },
      sender: { id: '2002', name: '小李', languageCode: 'zh-hans' },
      text: '查询 张三',
    });
    // update_id counts per bot: the bot's id keeps two bots' updates apart in one database.
    expect(incoming.updateId).toMatch(new RegExp(`^${fake.botInfo.id}:\\d+$`));
  });

  it('carries a guided conversation over several messages, and its last step by button', async () => {
    expect(await say(staff, '/add')).toContain('请输入姓名');
    expect(await say(staff, '钱电报')).toContain('身份证号');
    expect(await say(staff, makeIdNumber('999002', '1971-03-09', '013'))).toContain('民族');
    for (const answer of ['汉族', '13900001111', '示例电报公司', '跳过', '退休', '跳过', '2019 省级 劳动模范']) await say(staff, answer);
    const n = fake.calls.length;
    fake.sendText({ from: staff, chat: privateChat(staff), text: '跳过' });
    const review = await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: n });
    expect(textOf(review)).toContain('请核对');
    const [save] = keyboardOf(review).inline_keyboard.map((row) => row[0]);
    expect(save.text).toBe('保存');
    expect(await t.db.honoree.count({ where: { name: '钱电报' } })).toBe(0);

    const m = fake.calls.length;
    const press = fake.pressButton({ from: staff, chat: privateChat(staff), message_id: (review.result as StoredMessage).message_id, data: save.callback_data });
    const saved = await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: m });
    expect(textOf(saved)).toMatch(/已建档：钱电报，档案号 LM\d{5}/);
    expect(fake.isAnswered(press.callback_query.id)).toBe(true);
    const row = await t.db.honoree.findFirstOrThrow({ where: { name: '钱电报' } });
    expect(row.birthDate).toBe('1971-03-09');
  });

  it('cancels a guided conversation with 取消, saving nothing', async () => {
    const before = await t.db.honoree.count();
    expect(await say(staff, '新增')).toContain('请输入姓名');
    await say(staff, '孙取消');
    expect(await say(staff, '取消')).toContain('已取消');
    expect(await t.db.honoree.count()).toBe(before);
  });

  it('offers several matches as buttons; pressing the second answers the press and shows that file', async () => {
    const n = fake.calls.length;
    fake.sendText({ from: staff, chat: privateChat(staff), text: '查询 张' });
    const list = await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: n });
    const buttons = keyboardOf(list).inline_keyboard;
    expect(buttons.length).toBeGreaterThan(1);
    expect(buttons.every((row) => row.length === 1 && Buffer.byteLength(row[0].callback_data) <= 64)).toBe(true);
    const second = buttons[1][0];

    const m = fake.calls.length;
    const press = fake.pressButton({ from: staff, chat: privateChat(staff), message_id: (list.result as StoredMessage).message_id, data: second.callback_data });
    const file = textOf(await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: m }));
    expect(fake.isAnswered(press.callback_query.id)).toBe(true);
    expect(file).toContain('【档案】');
    expect(file).toContain(second.text.split('（')[0]);
    expect(seen.at(-1)).toMatchObject({ choice: second.callback_data, sender: { id: '2002' } });
    expect(seen.at(-1)!.text).toBeUndefined();
  });

  it('hands an uploaded document to the core as a file whose bytes are the upload, read through getFile', async () => {
    const id = makeIdNumber('999001', '1968-05-12', '017');
    const content = Buffer.from(`姓名,身份证号,电话\n赵试运,${id},13800000000\n`, 'utf8');
    const n = fake.calls.length;
    const update = fake.sendDocument({ from: staff, chat: privateChat(staff), fileName: '名单.csv', content, caption: '导入 试运行' });
    const answer = textOf(await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: n }));
    // The import feature read the roster through the channel: its dry-run report names the file.
    expect(answer).toContain('试运行（没有保存任何内容）：名单.csv');
    expect(answer).not.toContain('没有看懂');
    expect(await t.db.honoree.count({ where: { idNumber: id } })).toBe(0);
    const incoming = seen.find((i) => i.updateId === `${fake.botInfo.id}:${update.update_id}`)!;
    expect(incoming.text).toBe('导入 试运行');
    expect(incoming.file).toMatchObject({ name: '名单.csv', size: content.length, mimeType: 'text/csv' });
    const fileId = update.message.document!.file_id;
    expect(fake.calls.filter((c) => c.method === 'getFile' && c.params.file_id === fileId)).toHaveLength(1);
    // The download (not recorded by the fake) gave exactly the uploaded bytes.
    expect(Buffer.from(await incoming.file!.read())).toEqual(content);
  });

  it('never fetches a document declared above the upload limit, and says it is too large', async () => {
    const n = fake.calls.length;
    const update = fake.sendDocument({ from: staff, chat: privateChat(staff), fileName: '全市名单.xlsx', content: Buffer.from('PK'), caption: '导入 试运行', declaredSize: 50 * MB });
    const answer = textOf(await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: n }));
    expect(answer).toContain('文件太大（50.0 MB），上限 10 MB');
    const incoming = seen.find((i) => i.updateId === `${fake.botInfo.id}:${update.update_id}`)!;
    expect(incoming.file!.size).toBe(50 * MB);
    // The channel refuses on its own too, should any feature read without checking.
    await expect(incoming.file!.read()).rejects.toThrow(/above the limit/);
    expect(fake.calls.filter((c) => c.method === 'getFile' && c.params.file_id === update.message.document!.file_id)).toHaveLength(0);
  });

  it('refuses an unbound person politely, and answers a re-delivered update only once', async () => {
    expect(await say(stranger, '查询 张三')).toContain('仅供工会工作人员使用');

    const n = fake.calls.length;
    const first = fake.sendText({ from: staff, chat: privateChat(staff), text: '查询 张三' });
    await fake.waitForCall('sendMessage', isTo(privateChat(staff)), { after: n });
    fake.pushUpdate({ update_id: first.update_id, message: first.message }); // Telegram sends it again
    fake.sendText({ from: staff, chat: privateChat(staff), text: '/whoami' });
    // One person's messages are handled in order, so once /whoami is answered the duplicate was handled.
    await fake.waitForCall('sendMessage', (c) => isTo(privateChat(staff))(c) && textOf(c).includes('角色'), { after: n });
    const texts = fake.calls.slice(n).filter(isTo(privateChat(staff))).map(textOf);
    expect(texts.filter((x) => x.includes('张三（LM00001）'))).toHaveLength(1);
    expect(seen.filter((i) => i.updateId === `${fake.botInfo.id}:${first.update_id}`)).toHaveLength(2);
  });

  it('keeps the updates of two bots on one database apart, though their update_ids are the same', async () => {
    await say(staff, '/whoami'); // so the city bot has answered its update 1, even run alone
    // A county bot beside the city bot: its own update_id count starts at 1 again.
    const county = await startFakeBotApi({ token: TOKEN, botInfo: { id: 7_000_000_002, username: 'honorcare_county_bot' } });
    const second = channelFor(county);
    try {
      await second.start(handler, { 'zh-CN': [], en: [] });
      const sayToCounty = async (text: string) => {
        const n = county.calls.length;
        const update = county.sendText({ from: staff, chat: privateChat(staff), text });
        return { update, answer: textOf(await county.waitForCall('sendMessage', isTo(privateChat(staff)), { after: n })) };
      };
      const first = await sayToCounty('/whoami');
      expect(first.update.update_id).toBe(1);
      expect(first.answer).toContain('角色');
      // The same person's chats with the two bots are two conversations: a list offered by the
      // city bot is not answered by a digit sent to the county bot.
      expect(await say(staff, '查询 张')).toContain('请回复编号');
      expect((await sayToCounty('1')).answer).toContain('没有看懂');
      expect(await say(staff, '1')).toContain('【档案】');
    } finally {
      await second.stop();
      await county.stop();
    }
  });

  it('waits out a 429 and delivers the message', async () => {
    fake.failNext('sendMessage');
    const n = fake.calls.length;
    expect(await say(admin, '/whoami')).toContain('管理员');
    const sends = fake.calls.slice(n).filter((c) => c.method === 'sendMessage');
    expect(sends[0].error?.error_code).toBe(429);
    expect(sends[1].result).toBeDefined();
    expect(sends[1].at - sends[0].at).toBeGreaterThanOrEqual(950);
  });

  it('works in a group: commands with @bot, mentions, quoting the asker, silence on chatter', async () => {
    const n = fake.calls.length;
    fake.sendText({ from: staff, chat: office, text: '今天下午开会' });
    const whoami = await say(staff, '/whoami@honorcare_test_bot', office);
    expect(whoami).toContain('工作人员');
    expect(await say(staff, '@honorcare_test_bot 查询 张三', office)).toContain('张三（LM00001）');
    const replies = fake.calls.slice(n).filter(isTo(office));
    expect(replies.map(textOf).some((x) => x.includes('开会'))).toBe(false);
    expect(replies).toHaveLength(2);
    expect(replies[0].params.reply_parameters).toMatchObject({ message_id: expect.any(Number) });
    expect(seen.find((i) => i.text === '查询 张三' && i.chat.kind === 'group')).toMatchObject({ chat: { id: String(office.id), title: '工会办公室' } });
  });

  it('ignores messages from bots and edited messages', async () => {
    const bot = { ...user(8008, 'OtherBot'), is_bot: true };
    const n = fake.calls.length;
    fake.sendText({ from: bot, chat: privateChat(bot), text: '/help' });
    fake.pushUpdate({ edited_message: { message_id: 1, date: 0, chat: privateChat(staff), from: staff, text: '查询 张三', edit_date: 1 } } as never);
    expect(await say(staff, '/whoami')).toContain('工作人员');
    expect(fake.calls.slice(n).filter((c) => c.method === 'sendMessage' && c.params.chat_id === bot.id)).toHaveLength(0);
    expect(fake.calls.slice(n).filter(isTo(privateChat(staff))).map(textOf).some((x) => x.includes('张三'))).toBe(false);
  });

  it('sends a message of its own with a file', async () => {
    const to = { channel: 'telegram', chatId: '2002', kind: 'private', via: String(fake.botInfo.id) } as const;
    const result = await channel.deliver(to, { text: '本月走访名单', file: { name: '走访.csv', mimeType: 'text/csv', data: new TextEncoder().encode('姓名\n张三\n') } }, { deadline: Date.now() + 10_000 });
    expect(result).toMatchObject({ outcome: 'sent', sentParts: 1 });
    const files = fake.sentFiles(2002).filter((f) => f.filename === '走访.csv');
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ method: 'sendDocument', caption: '本月走访名单' });
    expect(files[0].content.toString('utf8')).toBe('姓名\n张三\n');
  });
});

describe('the Telegram channel lifecycle', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });
  async function setup(handler: MessageHandler, extra: Partial<ConstructorParameters<typeof TelegramChannel>[0]> = {}) {
    const fake = await startFakeBotApi();
    cleanups.push(() => fake.stop());
    const channel = channelFor(fake, extra);
    cleanups.push(() => channel.stop()); // runs before fake.stop()
    await channel.start(handler, { 'zh-CN': [], en: [] });
    return { fake, channel };
  }
  const alice = user(42, '王芳');

  it('answers a button press even when handling it fails, and keeps running', async () => {
    const { fake } = await setup(async (incoming) => {
      if (incoming.choice) throw new Error('boom');
      return [{ text: `收到：${incoming.text}` }];
    });
    const press = fake.pressButton({ from: alice, chat: privateChat(alice), message_id: 1, data: 'abc.1' });
    await fake.waitForCall('answerCallbackQuery');
    expect(fake.isAnswered(press.callback_query.id)).toBe(true);
    fake.sendText({ from: alice, chat: privateChat(alice), text: '还在吗' });
    const next = await fake.waitForCall('sendMessage');
    expect(textOf(next)).toBe('收到：还在吗');
  });

  it('stop() lets a message being answered finish, then refuses further sends at once', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let entered!: () => void;
    const handling = new Promise<void>((r) => (entered = r));
    const { fake, channel } = await setup(async () => {
      entered();
      await gate;
      return [{ text: '处理完毕' }];
    });
    fake.sendText({ from: alice, chat: privateChat(alice), text: '慢慢来' });
    await handling;
    let stopped = false;
    const stopping = channel.stop().then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 200));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(fake.sent(42)).toEqual(['处理完毕']);
    const started = Date.now();
    // A notification after the stop goes back to the outbox: a retry, not an error.
    const late = await channel.deliver({ channel: 'telegram', chatId: '42', kind: 'private' }, { text: '太晚了' }, { deadline: Date.now() + 10_000 });
    expect(late).toMatchObject({ outcome: 'retry', sentParts: 0, reason: expect.stringContaining('stopped') });
    expect(Date.now() - started).toBeLessThan(100);
    expect(fake.sent(42)).toHaveLength(1);
  });

  it('stop() cuts a reply stuck waiting out a long rate limit after the grace time', async () => {
    const { fake, channel } = await setup(async () => [{ text: '回复' }], { stopGraceMs: 200 });
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 30', parameters: { retry_after: 30 } });
    fake.sendText({ from: alice, chat: privateChat(alice), text: '你好' });
    await fake.waitForCall('sendMessage');
    const started = Date.now();
    await channel.stop();
    expect(Date.now() - started).toBeLessThan(3000);
    expect(fake.sent(42)).toEqual([]);
  });

  it('tells the bot when polling ends for good after the start (the token revoked: 401)', async () => {
    let fatal: unknown;
    const { fake } = await setup(async () => [], { onFatal: (err) => (fatal = err) });
    fake.failNext('getUpdates', { error_code: 401, description: 'Unauthorized' });
    const deadline = Date.now() + 10_000;
    while (!fatal && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(fatal).toBeInstanceOf(TelegramError);
    expect(fatal).toMatchObject({ method: 'getUpdates', errorCode: 401 });
  });

  it('refuses to start on a wrong token', async () => {
    const fake = await startFakeBotApi({ token: TOKEN });
    cleanups.push(() => fake.stop());
    const channel = new TelegramChannel({ token: '999:WRONG', apiRoot: fake.apiRoot, log: silent, maxUploadBytes: MB });
    cleanups.push(() => channel.stop());
    await expect(channel.start(async () => [], { 'zh-CN': [], en: [] })).rejects.toThrow(/401/);
  });

  it('lets no error or log line carry the bot token or the text of a message', async () => {
    const lines: string[] = [];
    const log = pino({ level: 'debug' }, { write: (line: string) => void lines.push(line) });
    const { fake, channel } = await setup(async () => [], { log });
    // A refused send: what the outbox can act on, without the message (which may hold an ID number).
    const refused = await channel.deliver({ channel: 'telegram', chatId: '0', kind: 'private' }, { text: '身份证号 999001196805120011' }, { deadline: Date.now() + 10_000 });
    expect(refused).toMatchObject({ outcome: 'unreachable', reason: 'chat_gone', detail: expect.stringContaining('400') });
    expect(JSON.stringify(refused)).not.toContain('999001196805120011');
    expect(lines.filter((l) => l.includes('999001196805120011'))).toEqual([]);

    // The network gone while polling: node-fetch's errors name the URL, which holds the token.
    await fake.stop();
    const deadline = Date.now() + 5000;
    while (!lines.some((l) => l.includes('getUpdates failed')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const failure = JSON.parse(lines.find((l) => l.includes('getUpdates failed'))!) as { err: { type: string; code: string; message: string } };
    expect(failure.err).toMatchObject({ type: 'TelegramError', code: expect.stringMatching(/^E[A-Z]+$/) });
    expect(failure.err.message).toContain('<token>'); // redacted where the URL had it
    expect(lines.filter((l) => l.includes(TOKEN))).toEqual([]);

    // Starting without a reachable API: every attempt is logged with a plain message, never the
    // token, and stop() ends the attempts (start() then resolves, having polled nothing).
    const offline = channelFor(fake, { log, connectRetry: { firstMs: 50, maxMs: 100 } });
    const starting = offline.start(async () => [], { 'zh-CN': [], en: [] });
    const attempts = () => lines.filter((l) => l.includes('telegram not reachable, retrying'));
    while (attempts().length < 2 && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 20));
    const attempt = JSON.parse(attempts()[1]) as { attempt: number; err: { type: string; code: string } };
    expect(attempt).toMatchObject({ attempt: 2, err: { type: 'TelegramError', code: expect.stringMatching(/^E[A-Z]+$/) } });
    await offline.stop();
    await expect(starting).resolves.toBeUndefined();
    expect(lines.filter((l) => l.includes(TOKEN))).toEqual([]);
  });
});

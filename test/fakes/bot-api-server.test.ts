import { describe, it, expect, afterEach } from 'vitest';
import { Bot, GrammyError, InlineKeyboard, InputFile } from 'grammy';
import { run } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import { startFakeBotApi, user, privateChat, group, type FakeBotApi } from './bot-api-server.ts';
import { startEchoBot } from './echo-bot.ts';

const TOKEN = '123456:TEST-token';
const alice = user(42, '王芳', 'zh-hans');
const aliceChat = privateChat(alice);

// Runners first, then servers (LIFO), so no runner polls a closed port and logs retries.
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function startFake(): Promise<FakeBotApi> {
  const fake = await startFakeBotApi();
  cleanups.push(() => fake.stop());
  return fake;
}

/** A real grammY bot run by @grammyjs/runner against a fresh fake. */
async function setup(configure: (bot: Bot, fake: FakeBotApi) => void) {
  const fake = await startFake();
  const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
  configure(bot, fake);
  const handle = run(bot);
  cleanups.push(() => handle.stop());
  return { fake, bot };
}

describe('FakeBotApi with grammY and the runner', () => {
  it('delivers /start to bot.command and records the reply', async () => {
    const { fake } = await setup((bot) => {
      bot.command('start', (ctx) => ctx.reply(`欢迎, ${ctx.from?.first_name}`));
    });
    fake.sendText({ from: alice, chat: aliceChat, text: '/start' });
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === 42);
    expect(fake.sent(42)).toEqual(['欢迎, 王芳']);

    // In groups the command may carry a bot name: ours counts, another bot's does not.
    const room = group(-1001, '工会办公室');
    const n = fake.calls.length;
    fake.sendText({ from: alice, chat: room, text: '/start@other_bot' });
    fake.sendText({ from: alice, chat: room, text: '/start@honorcare_test_bot hi' });
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === -1001, { after: n });
    expect((reply.result as { text: string }).text).toBe('欢迎, 王芳');
    await fake.waitForCall('getUpdates', (c) => c.params.offset === 4, { after: n }); // both confirmed
    expect(fake.sent(-1001)).toHaveLength(1);
  });

  it('answers a callback button press', async () => {
    const { fake } = await setup((bot) => {
      bot.command('ask', (ctx) => ctx.reply('确认?', { reply_markup: new InlineKeyboard().text('是', 'yes') }));
      bot.callbackQuery('yes', async (ctx) => {
        await ctx.answerCallbackQuery({ text: '好的' });
        await ctx.editMessageText('已确认');
      });
    });
    fake.sendText({ from: alice, chat: aliceChat, text: '/ask' });
    const asked = await fake.waitForCall('sendMessage');
    const { message_id } = asked.result as { message_id: number };
    expect(fake.message(42, message_id)?.reply_markup).toEqual({ inline_keyboard: [[{ text: '是', callback_data: 'yes' }]] });

    const press = fake.pressButton({ from: alice, chat: aliceChat, message_id, data: 'yes' });
    await fake.waitForCall('editMessageText');
    expect(fake.isAnswered(press.callback_query.id)).toBe(true);
    expect(fake.answerOf(press.callback_query.id)?.text).toBe('好的');
    // The edit carried no keyboard, so (as on Telegram) the buttons are gone.
    expect(fake.message(42, message_id)).toMatchObject({ text: '已确认' });
    expect(fake.message(42, message_id)?.reply_markup).toBeUndefined();
  });

  it('lets the bot download a user document with identical bytes', async () => {
    const content = Buffer.from([0, 1, 2, 0xff, 0x0d, 0x0a, ...Buffer.from('姓名,电话\n')]);
    let downloaded: Buffer | undefined;
    const { fake } = await setup((bot, f) => {
      bot.on('message:document', async (ctx) => {
        const file = await ctx.getFile();
        const res = await fetch(`${f.apiRoot}/file/bot${TOKEN}/${file.file_path}`);
        downloaded = Buffer.from(await res.arrayBuffer());
        await ctx.reply(`${ctx.message.document.file_name} ${file.file_size}`);
      });
    });
    fake.sendDocument({ from: alice, chat: aliceChat, fileName: '劳模名单.csv', mimeType: 'text/csv', content });
    await fake.waitForCall('sendMessage');
    expect(downloaded?.equals(content)).toBe(true);
    expect(fake.sent(42)).toEqual([`劳模名单.csv ${content.length}`]);
  });

  it('records a multipart sendDocument with filename and bytes', async () => {
    const { fake } = await setup((bot) => {
      bot.command('export', async (ctx) => {
        await ctx.replyWithDocument(new InputFile(Buffer.from('a,b'), 'x.csv'), { caption: '导出' });
        await ctx.replyWithDocument(new InputFile(Buffer.from('名单'), '劳模; "名单".csv'));
      });
    });
    fake.sendText({ from: alice, chat: aliceChat, text: '/export' });
    const call = await fake.waitForCall('sendDocument');
    expect(call.params.chat_id).toBe(42); // multipart strings are coerced back
    expect(call.files[0]).toMatchObject({ field: 'document', filename: 'x.csv' });
    expect(call.files[0].content.toString()).toBe('a,b');
    await fake.waitForCall('sendDocument', undefined, { after: call.index + 1 });
    expect(fake.sentFiles(42).map((f) => [f.filename, f.content.toString(), f.caption])).toEqual([
      ['x.csv', 'a,b', '导出'],
      ['劳模; "名单".csv', '名单', undefined],
    ]);
  });

  it('a 429 from failNext is retried by auto-retry and the message arrives', async () => {
    const { fake } = await setup((bot, f) => {
      bot.api.config.use(autoRetry());
      f.failNext('sendMessage');
      bot.on('message:text', (ctx) => ctx.reply('收到'));
    });
    fake.sendText({ from: alice, chat: aliceChat, text: '你好' });
    const ok = await fake.waitForCall('sendMessage', (c) => !c.error);
    const attempts = fake.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts.map((c) => c.error?.error_code)).toEqual([429, undefined]);
    expect(ok.at - attempts[0].at).toBeGreaterThanOrEqual(900);
    expect(fake.sent(42)).toEqual(['收到']);
  });

  it('the echo bot echoes', async () => {
    const fake = await startFake();
    const echo = await startEchoBot(fake.apiRoot, TOKEN);
    cleanups.push(() => echo.stop());
    fake.sendText({ from: alice, chat: aliceChat, text: '测试 123' });
    const call = await fake.waitForCall('sendMessage');
    expect(call.params).toMatchObject({ chat_id: 42, text: '测试 123' });
  });
});

describe('FakeBotApi protocol details', () => {
  const post = (fake: FakeBotApi, method: string, body: object) =>
    fetch(`${fake.apiRoot}/bot${TOKEN}/${method}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }).then((r) => r.json() as Promise<{ ok: boolean; result?: Array<{ update_id: number }>; error_code?: number }>);

  it('long polls: wakes on push, batches a burst, honours offset, redelivers a re-pushed update_id, 409 on overlap', async () => {
    const fake = await startFake();
    const t0 = Date.now();
    const polling = post(fake, 'getUpdates', { timeout: 10 });
    await fake.waitForCall('getUpdates');
    const burst = [1, 2, 3].map((i) => fake.sendText({ from: alice, chat: aliceChat, text: `m${i}` }));
    const first = await polling;
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(first.result?.map((u) => u.update_id)).toEqual(burst.map((u) => u.update_id));

    // Without advancing the offset the same updates come again; with it they are confirmed.
    expect((await post(fake, 'getUpdates', {})).result).toHaveLength(3);
    expect((await post(fake, 'getUpdates', { offset: 4 })).result).toEqual([]);
    expect(fake.pendingUpdates).toBe(0);

    fake.pushUpdate(burst[0]);
    expect((await post(fake, 'getUpdates', { offset: 4 })).result?.map((u) => u.update_id)).toEqual([1]);

    const older = post(fake, 'getUpdates', { offset: 4, timeout: 10 });
    await fake.waitForCall('getUpdates', (c) => c.params.timeout === 10, { after: fake.calls.length });
    const newer = post(fake, 'getUpdates', { offset: 4, timeout: 0 });
    expect((await older).error_code).toBe(409);
    expect((await newer).ok).toBe(true);
    expect((await post(fake, 'noSuchMethod', {})).error_code).toBe(404);
  });

  it('serves many parallel sendMessage calls and enforces Telegram limits', async () => {
    const fake = await startFake();
    const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
    const sent = await Promise.all(Array.from({ length: 50 }, (_, i) => bot.api.sendMessage(42, `#${i}`)));
    expect(new Set(sent.map((m) => m.message_id)).size).toBe(50);
    expect(fake.sent(42)).toHaveLength(50);

    const msg = await bot.api.sendMessage(42, '<b>张三</b> &amp; 李四', { parse_mode: 'HTML' });
    expect(msg.text).toBe('张三 & 李四');
    const refusals = [
      bot.api.sendMessage(42, 'a < b', { parse_mode: 'HTML' }),
      bot.api.sendMessage(42, 'x'.repeat(4097)),
      bot.api.sendMessage(42, 'hi', { reply_markup: new InlineKeyboard().text('按钮', '劳'.repeat(22)) }),
      bot.api.editMessageText(42, msg.message_id, '张三 & 李四'),
      bot.api.getFile(fake.registerFile(Buffer.alloc(1), { declaredSize: 50 * 1024 * 1024 }).file_id),
    ];
    const errors = await Promise.all(refusals.map((p) => p.then(() => undefined, (e: unknown) => e)));
    expect(errors.every((e) => e instanceof GrammyError && e.error_code === 400)).toBe(true);
    expect(errors.map((e) => (e as GrammyError).description)).toEqual([
      expect.stringContaining("can't parse entities"),
      'Bad Request: message is too long',
      'Bad Request: BUTTON_DATA_INVALID',
      expect.stringContaining('message is not modified'),
      'Bad Request: file is too big',
    ]);
  });

  it('fails the matching call only, and can swallow a request without answering', async () => {
    const fake = await startFake();
    const bot = new Bot(TOKEN, { client: { apiRoot: fake.apiRoot } });
    const moved = { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: -1001234 } };
    fake.failNext('sendMessage', moved, 1, (c) => c.params.text === 'second');
    expect((await bot.api.sendMessage(42, 'first')).text).toBe('first');
    const refused = await bot.api.sendMessage(42, 'second').catch((e: unknown) => e);
    expect(refused).toMatchObject({ error_code: 400, parameters: { migrate_to_chat_id: -1001234 } });
    expect((await bot.api.sendMessage(42, 'second')).text).toBe('second');

    fake.silenceNext('sendMessage');
    const started = Date.now();
    const unanswered = await bot.api.sendMessage(42, 'into the void', {}, AbortSignal.timeout(300) as never).catch((e: unknown) => e);
    expect(unanswered).toBeInstanceOf(Error);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(fake.calls.filter((c) => c.params.text === 'into the void' && !c.result && !c.error)).toHaveLength(1);
    expect((await bot.api.sendMessage(42, 'heard again')).text).toBe('heard again');
  });
});

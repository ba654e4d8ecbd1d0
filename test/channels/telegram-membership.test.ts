import pino from 'pino';
import type { Chat, Update } from 'grammy/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore } from '../../src/app.ts';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { toMembership } from '../../src/channels/telegram/to-membership.ts';
import { group, privateChat, startFakeBotApi, supergroup, user, type Call, type FakeBotApi, type StoredMessage } from '../fakes/bot-api-server.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

const TOKEN = '123456:TEST';
// The people of test/support/seed.ts (ADMIN telegram:1001, STAFF telegram:2002), as Telegram users.
const admin = user(1001, '老王', 'zh-hans');
const staff = user(2002, '小李', 'zh-hans');
const until = { timeout: 5000, interval: 20 };

describe.each(PROVIDERS)('the bot removed, blocked or moved on Telegram (my_chat_member, migrate_to_chat_id), on %s', (provider) => {
  let t: TestDb;
  let fake: FakeBotApi;
  let channel: TelegramChannel;
  let via: string;
  /** Every log line of the bot, to see what it made of an update nobody answers. */
  const logged: Array<{ level: number; msg: string; [k: string]: unknown }> = [];

  beforeAll(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    const log = pino({ level: 'debug' }, { write: (line: string) => void logged.push(JSON.parse(line) as (typeof logged)[number]) });
    const now = new Date('2026-11-23T02:00:00Z');
    const core = createCore(t.db, log, { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20, clock: () => now });
    fake = await startFakeBotApi({ token: TOKEN });
    via = String(fake.botInfo.id);
    channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log, maxUploadBytes: 1 << 20 });
    await channel.start(core.handle, core.menu(), { membership: core.membership });
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.stop();
    await t?.destroy();
  });

  /** `from` writes `text` in `chat`; resolves with the text of the bot's answer there. */
  async function say(from: typeof admin, text: string, chat: Chat): Promise<string> {
    const n = fake.calls.length;
    fake.sendText({ from, chat, text });
    const call = await fake.waitForCall('sendMessage', (c: Call) => c.params.chat_id === chat.id && c.result !== undefined, { after: n });
    return (call.result as StoredMessage).text ?? '';
  }

  it('asks Telegram for my_chat_member updates: given allowed_updates, only the kinds listed come', async () => {
    const poll = await fake.waitForCall('getUpdates');
    expect(poll.params.allowed_updates).toEqual(['message', 'callback_query', 'my_chat_member']);
  });

  it('the bot kicked from a registered group: the group goes inactive and each admin gets one notification in the outbox', async () => {
    const office = supergroup(-1001234, '工会办公室');
    fake.botStatusChanged({ chat: office, from: admin, oldStatus: 'left', newStatus: 'member' });
    expect(await say(admin, '/group', office)).toContain('已绑定');
    const group = await t.db.notifyGroup.findFirstOrThrow({ where: { chatId: String(office.id) } });
    expect(group).toMatchObject({ via, active: true, title: '工会办公室' });
    // Being added said nothing in the group: only the answer to /group was posted there.
    expect(fake.sent(office.id)).toHaveLength(1);
    const second = await t.db.account.create({ data: { channel: 'telegram', externalId: '1002', displayName: '副主席', role: 'admin', adminVia: 'admin' } });

    fake.botStatusChanged({ chat: office, from: admin, oldStatus: 'member', newStatus: 'kicked' });
    await vi.waitFor(async () => expect((await t.db.notifyGroup.findUniqueOrThrow({ where: { id: group.id } })).active).toBe(false), until);
    const told = await t.db.notification.findMany({ where: { kind: 'group_lost' }, orderBy: { accountId: 'asc' } });
    expect(told.map((n) => n.chatId)).toEqual(['1001', '1002']);
    expect(told[1]).toMatchObject({ accountId: second.id, channel: 'telegram', via, chatKind: 'private', messageKey: 'groups.lost', status: 'pending' });
    expect(JSON.parse(told[0].params)).toEqual({ title: '工会办公室' });
    expect(told[0].dedupeKey).toMatch(new RegExp(`^group-lost:${group.id}:\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z:\\d+$`));
    // Telegram now refuses the group, as it does for a bot that was removed.
    const result = await channel.deliver({ channel: 'telegram', via, chatId: String(office.id), kind: 'group' }, { text: 'x' }, { deadline: Date.now() + 5000 });
    expect(result).toMatchObject({ outcome: 'unreachable', reason: 'kicked' });
  });

  it('a registered group upgraded to a supergroup keeps its registration and its reminders under the new id', async () => {
    const old = group(-4501, '县总工会工作群');
    expect(await say(admin, '/group', old)).toContain('已绑定');
    expect(await say(staff, '/remind 30分钟后 开会', old)).toContain('到时我会在本群提醒');
    const [updated] = fake.migrateGroup(old.id, -1004501, { from: admin });
    await vi.waitFor(async () => expect(await t.db.notifyGroup.findFirst({ where: { chatId: '-1004501' } })).toMatchObject({ active: true, via }), until);
    expect(await t.db.notifyGroup.count({ where: { chatId: String(old.id) } })).toBe(0);
    const reminder = await t.db.notification.findFirstOrThrow({ where: { kind: 'reminder' } });
    expect(reminder.chatId).toBe('-1004501');
    expect(await say(staff, '/reminders', supergroup(-1004501, '县总工会工作群'))).toContain('本群的提醒（1 条）');
    expect(updated.update_id).toBeGreaterThan(0);
  });

  it('a person blocking the bot, and unblocking it, is handled without an error or a message', async () => {
    const chat = privateChat(staff);
    const sentBefore = fake.calls.filter((c) => c.method === 'sendMessage').length;
    const blocked = fake.botStatusChanged({ chat, from: staff, oldStatus: 'member', newStatus: 'kicked' });
    await vi.waitFor(() => expect(logged.some((l) => l.msg === 'person blocked the bot')).toBe(true), until);
    const unblocked = fake.botStatusChanged({ chat, from: staff, oldStatus: 'kicked', newStatus: 'member' });
    await vi.waitFor(() => expect(logged.some((l) => l.msg === 'person unblocked the bot')).toBe(true), until);
    const account = await t.db.account.findFirstOrThrow({ where: { externalId: String(staff.id) } });
    expect(logged.find((l) => l.msg === 'person blocked the bot')).toMatchObject({ account: account.id });
    for (const u of [blocked, unblocked]) expect(await t.db.processedUpdate.count({ where: { key: `telegram:${via}:${u.update_id}` } })).toBe(1);
    expect(logged.filter((l) => l.level >= 50)).toEqual([]);
    expect(fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(sentBefore);
  });
});

describe('what a my_chat_member update means', () => {
  const bot = user(7001, 'HonorCare');
  const office = group(-4600, '工会办公室');
  const member = (status: string, extra: object = {}) => ({ status, user: { ...bot, is_bot: true }, ...extra });
  const change = (chat: Chat, from: ReturnType<typeof member>, to: ReturnType<typeof member>, by = admin) =>
    toMembership({ update_id: 5, my_chat_member: { chat, from: by, date: 1_795_000_000, old_chat_member: from, new_chat_member: to } } as unknown as Update, bot.id);

  it.each([
    ['added to a group', office, member('left'), member('member'), 'joined'],
    ['added as an administrator', office, member('left'), member('administrator'), 'joined'],
    ['removed from a group', office, member('member'), member('kicked', { until_date: 0 }), 'kicked'],
    ['leaving a group', office, member('administrator'), member('left'), 'left'],
    ['restricted out of a group', office, member('member'), member('restricted', { is_member: false }), 'left'],
    ['blocked in a private chat', privateChat(staff), member('member'), member('kicked', { until_date: 0 }), 'blocked'],
    ['unblocked in a private chat', privateChat(staff), member('kicked', { until_date: 0 }), member('member'), 'unblocked'],
  ])('%s', (_what, chat, from, to, expected) => {
    expect(change(chat, from, to)).toMatchObject({ change: expected, chat: { id: String(chat.id), via: '7001' }, by: { id: '1001' }, at: new Date(1_795_000_000_000), updateId: '7001:5' });
  });

  it.each([
    ['made an administrator of a group it is in', office, member('member'), member('administrator')],
    ['restricted but still in the group', office, member('member'), member('restricted', { is_member: true })],
    ['a channel', { id: -1007, type: 'channel', title: '公告' } as Chat, member('left'), member('administrator')],
  ])('nothing for %s', (_what, chat, from, to) => {
    expect(change(chat, from, to)).toBeNull();
  });

  it('a group upgraded to a supergroup moves to the id Telegram gives', () => {
    const message = { message_id: 9, date: 1_795_000_000, chat: office, from: admin, migrate_to_chat_id: -1004600 };
    expect(toMembership({ update_id: 6, message } as unknown as Update, bot.id)).toMatchObject({ change: 'migrated', chat: { id: '-4600', kind: 'group' }, newChatId: '-1004600' });
  });
});

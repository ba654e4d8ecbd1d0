import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import { WechatChannel } from '../../src/channels/wechat/wechat-channel.ts';
import type { WechatPacing } from '../../src/channels/wechat/limits.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { freshDb, type TestDb } from '../support/databases.ts';
import { WechatWorld, type MockContact } from '../fakes/wechat-world.ts';

const silent = pino({ level: 'silent' });
const i18n = createI18n();
const t = i18n.for('zh-CN');

/** The notifications and replies the bot sends on WeChat: what arrives, in what order, and how far apart. */
describe('the WeChat channel sends for the outbox, paced', () => {
  let db: TestDb;
  let world: WechatWorld;
  let channel: WechatChannel;
  let staff: MockContact;

  async function start(pacing: WechatPacing): Promise<void> {
    db = await freshDb('sqlite');
    await db.db.account.create({ data: { channel: 'wechat', externalId: 'wxid_xiaoli', displayName: '小李', role: 'staff' } });
    const core = createCore(db.db, silent, { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20 });
    world = new WechatWorld();
    staff = world.person('wxid_xiaoli', '小李');
    // A fixed jitter (random() = 1: the whole of jitterMs), so the gaps can be measured exactly.
    channel = new WechatChannel({ puppet: world.puppet, log: silent, pacing, random: () => 1, acceptsUnmentioned: core.acceptsUnmentioned });
    await channel.start(core.handle, core.menu(), { membership: core.membership });
    world.login();
    while (!channel.via) await new Promise((r) => setTimeout(r, 5));
  }
  afterEach(async () => {
    await channel?.stop();
    await db?.destroy();
  });

  /** A reminder for `chat` in the outbox, due now, written the way features write them. */
  async function remind(chat: { id: string; kind: 'private' | 'group' }, text: string, key = text): Promise<void> {
    const now = new Date();
    await db.db.$transaction((tx) =>
      enqueue(tx, { dedupeKey: `test:${key}`, to: { channel: 'wechat', via: world.bot.id, chatId: chat.id, kind: chat.kind }, kind: 'reminder', messageKey: 'reminders.due', params: { text }, dueAt: now }, now),
    );
  }

  function dispatcher() {
    const d = createDispatcher({ db: db.db, provider: db.provider, i18n, log: silent, defaultLocale: 'zh-CN', catchupDays: 7, idleLookMs: 100 });
    d.serve('wechat', channel.via!, channel);
    return d;
  }

  it('posts a group notification from the outbox to the group, once, and records it sent', async () => {
    await start({ minGapMs: 5, jitterMs: 0, perMinute: 1000 });
    const room = world.group('示例通知群', [staff]);
    await remind({ id: room.id, kind: 'group' }, '下午三点慰问张三');
    const d = dispatcher();
    d.start();
    expect((await world.next(room.id, { after: 0 })).text).toBe(t('reminders.due', { text: '下午三点慰问张三' }));
    await d.stop();
    expect(await db.db.notification.findFirstOrThrow()).toMatchObject({ status: 'sent', sentParts: 1, chatId: room.id, via: world.bot.id });
    expect(world.sentTo(room.id)).toHaveLength(1);
  });

  it('keeps at least the gap, plus its jitter, between two messages to one chat; another chat need not wait', async () => {
    await start({ minGapMs: 300, jitterMs: 100, perMinute: 1000 });
    const other = world.person('wxid_other', '另一位');
    for (const n of [1, 2, 3]) await remind({ id: staff.id, kind: 'private' }, `第${n}条`);
    await remind({ id: other.id, kind: 'private' }, '别人的');
    const d = dispatcher();
    d.start();
    const three = await world.nextMany(staff.id, 3, { after: 0 });
    const theirs = await world.next(other.id, { after: 0 });
    await d.stop();
    expect(three.map((m) => m.text)).toEqual(['第1条', '第2条', '第3条'].map((text) => t('reminders.due', { text })));
    for (const [a, b] of [three.slice(0, 2), three.slice(1)]) expect(b.at - a.at).toBeGreaterThanOrEqual(400 - 2);
    // The other person's reminder did not queue behind the first person's.
    expect(theirs.at).toBeLessThan(three[1].at);
  });

  it('holds a notification for the gap after an answer in the same chat: replies and notifications share one budget', async () => {
    await start({ minGapMs: 400, jitterMs: 0, perMinute: 1000 });
    world.say(staff, '帮助');
    const answer = await world.next(staff.id, { after: 0 });
    await remind({ id: staff.id, kind: 'private' }, '紧跟着的提醒');
    const d = dispatcher();
    d.start();
    const notice = await world.next(staff.id, { after: world.sent.indexOf(answer) + 1 });
    await d.stop();
    expect(notice.text).toContain('紧跟着的提醒');
    expect(notice.at - answer.at).toBeGreaterThanOrEqual(400 - 2);
  });

  it('sends a long notification in parts cut at line breaks, in order, each part paced', async () => {
    await start({ minGapMs: 50, jitterMs: 0, perMinute: 1000 });
    // 400 lines of 13 characters: 142 fit in 2,000 characters, so three parts.
    const lines = Array.from({ length: 400 }, (_, i) => `第${String(i + 1).padStart(3, '0')}行：示例慰问名单`);
    const delivered = await channel.deliver({ channel: 'wechat', via: world.bot.id, chatId: staff.id, kind: 'private' }, { text: lines.join('\n') }, { deadline: Date.now() + 10_000 });
    expect(delivered).toMatchObject({ outcome: 'sent', sentParts: 3 });
    const parts = world.sentTo(staff.id);
    expect(parts.map((p) => p.text.length).every((n) => n <= 2000)).toBe(true);
    expect(parts.map((p) => p.text).join('\n')).toBe(lines.join('\n'));
    expect(parts[2].at - parts[1].at).toBeGreaterThanOrEqual(50 - 2);
  });

  it('lets notifications out in small waves within the minute’s ceiling, while answers are never held by it', async () => {
    await start({ minGapMs: 5, jitterMs: 0, perMinute: 3 });
    const people = ['wxid_a', 'wxid_b', 'wxid_c', 'wxid_d'].map((id) => world.person(id, id));
    const to = (p: MockContact) => ({ channel: 'wechat' as const, via: world.bot.id, chatId: p.id, kind: 'private' as const });
    for (const p of people.slice(0, 3)) expect(await channel.deliver(to(p), { text: '通知' }, { deadline: Date.now() + 5_000 })).toMatchObject({ outcome: 'sent' });
    // The fourth waits for its share of the minute (one every 20 s at 3 a minute); it is sent back with that wait, not an error.
    expect(channel.waitFor(to(people[3]))).toBeGreaterThan(15_000);
    expect(await channel.deliver(to(people[3]), { text: '通知' }, { deadline: Date.now() + 5_000 })).toMatchObject({ outcome: 'retry', reason: 'pacing', sentParts: 0 });
    expect(world.sentTo(people[3].id)).toEqual([]);
    // Someone who writes now is answered at once.
    const after = world.sent.length;
    const asked = performance.now();
    world.say(staff, '帮助');
    expect((await world.next(staff.id, { after })).at - asked).toBeLessThan(1_000);
  });

  it('gives up on a puppet that does not answer by the deadline, as "no answer": the outbox pauses WeChat instead of spending attempts', async () => {
    await start({ minGapMs: 5, jitterMs: 0, perMinute: 1000 });
    // A connection that swallows the call: it never comes back.
    world.puppet.messageSendText = () => new Promise<never>(() => undefined);
    const started = Date.now();
    const result = await channel.deliver({ channel: 'wechat', via: world.bot.id, chatId: staff.id, kind: 'private' }, { text: '没有回音' }, { deadline: Date.now() + 1500 });
    expect(result).toMatchObject({ outcome: 'retry', sentParts: 0, noAnswer: true });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('keeps notifications pending while logged out, without counting an attempt, and sends them after the next login', async () => {
    await start({ minGapMs: 5, jitterMs: 0, perMinute: 1000 });
    const via = world.bot.id;
    await world.puppet.logout('test');
    while (channel.via) await new Promise((r) => setTimeout(r, 5));
    const address = { channel: 'wechat' as const, via, chatId: staff.id, kind: 'private' as const };
    expect(channel.waitFor(address)).toBeGreaterThanOrEqual(30_000);
    const refused = await channel.deliver(address, { text: '登出时的提醒' }, { deadline: Date.now() + 5_000 });
    // A wait the platform asks for (afterMs): the outbox counts no attempt for it.
    expect(refused).toMatchObject({ outcome: 'retry', afterMs: 30_000, sentParts: 0 });
    world.login();
    while (!channel.via) await new Promise((r) => setTimeout(r, 5));
    expect(await channel.deliver(address, { text: '登录后的提醒' }, { deadline: Date.now() + 5_000 })).toMatchObject({ outcome: 'sent', sentParts: 1 });
    expect(world.sentTo(staff.id).map((m) => m.text)).toEqual(['登录后的提醒']);
  });
});

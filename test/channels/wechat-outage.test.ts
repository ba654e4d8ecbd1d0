import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore } from '../../src/app.ts';
import { WechatChannel } from '../../src/channels/wechat/wechat-channel.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { ADMIN } from '../support/chat.ts';
import { seedAccounts } from '../support/seed.ts';
import { until } from '../support/until.ts';
import { WechatWorld, type MockContact } from '../fakes/wechat-world.ts';

const silent = pino({ level: 'silent' });
const TELEGRAM_BOT = '7000000001';
const QUICK = { minGapMs: 5, jitterMs: 0, perMinute: 10_000 };


/** WeChat logged out or silent: admins hear of it on Telegram, nothing is lost, open questions are asked again. */
describe.each(PROVIDERS)('WeChat going down and coming back, on %s', (provider) => {
  let t: TestDb;
  let world: WechatWorld;
  let channel: WechatChannel;
  let staff: MockContact;
  afterEach(async () => {
    await channel?.stop();
    await t?.destroy();
  });

  async function start(silenceMs = 60_000) {
    t = await freshDb(provider);
    await seedAccounts(t.db, [ADMIN]); // an admin on Telegram, the channel that tells
    await t.db.account.create({ data: { channel: 'wechat', externalId: 'wxid_xiaoli', displayName: '小李', role: 'staff' } });
    await loadDemoData(t.db, 2026);
    const core = createCore(t.db, silent, {
      defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20,
      routes: () => [{ channel: 'telegram', via: TELEGRAM_BOT }, ...(channel?.via ? [{ channel: 'wechat' as const, via: channel.via }] : [])],
    });
    world = new WechatWorld();
    staff = world.person('wxid_xiaoli', '小李');
    channel = new WechatChannel({ puppet: world.puppet, log: silent, pacing: QUICK, silenceMs, acceptsUnmentioned: core.acceptsUnmentioned });
    await channel.start(core.handle, core.menu(), { membership: core.membership, availability: core.availability, openQuestions: core.openQuestions });
    world.login();
    await until(() => channel.via !== undefined);
    return core;
  }
  const notices = async () => (await t.db.notification.findMany({ where: { kind: 'notice' }, orderBy: { id: 'asc' } })).map((n) => [n.channel, n.chatId, n.messageKey]);

  it('after a logout: admins told on Telegram, notifications kept and sent once after the login, the open question asked again once', async () => {
    await start();
    const via = channel.via!;
    // 小李 is offered a list; then WeChat logs out before the answer arrives.
    let after = world.sent.length;
    world.say(staff, '查询 张');
    const [list] = await world.nextMany(staff.id, 1, { after });
    expect(list.text).toMatch(/^1\. /m);
    const dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log: silent, defaultLocale: 'zh-CN', catchupDays: 7 });
    dispatcher.serve('wechat', via, channel);
    await world.puppet.logout('test');
    await until(() => channel.via === undefined);
    await until(async () => (await notices()).length === 1);
    expect(await notices()).toEqual([['telegram', ADMIN.id, 'channel_status.wechat_logged_out']]);
    // A reminder falls due while logged out: it waits, no attempt spent.
    const now = new Date();
    await t.db.$transaction((tx) => enqueue(tx, { dedupeKey: 'outage:1', to: { channel: 'wechat', via, chatId: staff.id, kind: 'private' }, kind: 'reminder', messageKey: 'reminders.due', params: { text: '回电话' }, dueAt: now }, now));
    await dispatcher.dispatchOnce();
    expect(await t.db.notification.findUniqueOrThrow({ where: { dedupeKey: 'outage:1' } })).toMatchObject({ status: 'pending', attempts: 0 });

    after = world.sent.length;
    world.login();
    await until(() => channel.via !== undefined);
    // Back: admins told, and the list asked again with its numbers.
    const [again] = await world.nextMany(staff.id, 1, { after });
    expect(again.text).toContain('再发一次下面的问题');
    expect(again.text).toContain(list.text.split('\n').find((l) => l.startsWith('2. '))!);
    await until(async () => (await notices()).length === 2);
    expect((await notices())[1]).toEqual(['telegram', ADMIN.id, 'channel_status.wechat_back']);
    await t.db.notification.updateMany({ where: { dedupeKey: 'outage:1' }, data: { nextAttemptAt: new Date() } });
    await dispatcher.dispatchOnce();
    expect(world.sentTo(staff.id).filter((m) => m.text.includes('回电话'))).toHaveLength(1);
    // The digit answers the question asked again; it is not asked a third time.
    after = world.sent.length;
    world.say(staff, '2');
    expect((await world.nextMany(staff.id, 1, { after }))[0].text).toContain('【档案】');
    expect(await world.quietFor(staff.id, 300)).toEqual([]);
    await dispatcher.stop();
  }, 30_000);

  it('a puppet that stops answering is reported silent after the limit, and back at its next sign of life', async () => {
    await start(900);
    // A dead connection: the puppet no longer answers the watchdog's ding.
    const ding = world.puppet.ding.bind(world.puppet);
    world.puppet.ding = () => undefined;
    await until(async () => (await notices()).length === 1, 5000);
    expect(await notices()).toEqual([['telegram', ADMIN.id, 'channel_status.wechat_silent']]);
    world.puppet.ding = ding;
    world.say(staff, '帮助');
    await until(async () => (await notices()).length === 2, 5000);
    expect((await notices())[1]).toEqual(['telegram', ADMIN.id, 'channel_status.wechat_back']);
  }, 20_000);

  it('a live puppet in a quiet office is not reported silent: it answers the ding', async () => {
    // The mock answers a ding a second later: well inside a silence limit of 2.4 s.
    await start(2400);
    await new Promise((r) => setTimeout(r, 4500));
    expect(await notices()).toEqual([]);
  }, 20_000);
});

import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { createCore } from '../../src/app.ts';
import { WechatChannel } from '../../src/channels/wechat/wechat-channel.ts';
import { commandLineInvite } from '../../src/features/index.ts';
import { ADMIN } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';
import { until } from '../support/until.ts';
import { WechatWorld, type MockContact } from '../fakes/wechat-world.ts';

const silent = pino({ level: 'silent' });
const QUICK = { minGapMs: 5, jitterMs: 0, perMinute: 10_000 };


/** A friend request whose greeting holds an invite code binds in one step; others are left alone and admins told. */
describe.each(PROVIDERS)('WeChat friend requests, on %s', (provider) => {
  let t: TestDb;
  let world: WechatWorld;
  let channel: WechatChannel;
  let accepted: string[];
  let requests = 0;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db, [ADMIN]); // the admin on Telegram hears of requests left alone
    const core = createCore(t.db, silent, {
      defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20,
      routes: () => [{ channel: 'telegram', via: '7000000001' }],
    });
    world = new WechatWorld();
    accepted = [];
    // The mock accepts silently: what was accepted is recorded here.
    world.puppet.friendshipAccept = async (id: string) => void accepted.push(id);
    channel = new WechatChannel({ puppet: world.puppet, log: silent, pacing: QUICK, acceptsUnmentioned: core.acceptsUnmentioned });
    await channel.start(core.handle, core.menu(), { membership: core.membership, friendRequest: core.friendRequest });
    world.login();
    await until(() => channel.via !== undefined);
  });
  afterEach(async () => {
    await channel?.stop();
    await t?.destroy();
  });

  /** `from` asks to be the bot's friend with `hello`, as a puppet reports it. */
  async function request(from: MockContact, hello: string): Promise<string> {
    const id = `friendship-${++requests}`;
    await world.puppet.friendshipPayload(id, { id, contactId: from.id, hello, type: types.Friendship.Receive, timestamp: Math.floor(Date.now() / 1000), ticket: 'ticket' } as never);
    world.puppet.emit('friendship', { friendshipId: id });
    return id;
  }
  const code = async (role: 'staff' | 'admin' = 'staff') => (await t.db.$transaction((tx) => commandLineInvite(tx, { role, now: new Date(), ttlHours: 72, operator: { id: 'operator', name: '终端操作员' } }))).code;

  it('accepts a request whose greeting holds a valid code, binds the person and greets them; the code then is used up', async () => {
    const zhang = world.person('wxid_xiaozhang', '小张');
    const invite = await code();
    const after = world.sent.length;
    const id = await request(zhang, `你好，我是街道工会小张，邀请码 ${invite.slice(0, 4)}-${invite.slice(4).toLowerCase()}`);
    const [welcome] = await world.nextMany(zhang.id, 1, { after });
    expect(welcome.text).toBe('绑定成功！小张，您的角色是：工作人员。发送「帮助」查看可用的命令。');
    expect(accepted).toEqual([id]);
    expect(await t.db.account.findFirstOrThrow({ where: { channel: 'wechat', externalId: zhang.id } })).toMatchObject({ role: 'staff', active: true });
    // The same code in another request does nothing: it is spent.
    const li = world.person('wxid_xiaoli2', '小李');
    await request(li, `邀请码 ${invite}`);
    await until(async () => (await t.db.notification.count()) === 1);
    expect(accepted).toEqual([id]);
    expect(await t.db.account.count({ where: { externalId: li.id } })).toBe(0);
  });

  it('leaves a request without a valid code alone, binds nobody, and tells the admins its sender’s name but not the greeting', async () => {
    const stranger = world.person('wxid_stranger', '推销员');
    await request(stranger, '您好，我的电话 13800001234，加个好友');
    await until(async () => (await t.db.notification.count()) === 1);
    expect(accepted).toEqual([]);
    expect(await t.db.account.count({ where: { channel: 'wechat' } })).toBe(0);
    const [notice] = await t.db.notification.findMany();
    expect(notice).toMatchObject({ channel: 'telegram', chatId: ADMIN.id, kind: 'notice', messageKey: 'channel_status.friend_request_left_alone' });
    expect(JSON.parse(notice.params)).toMatchObject({ name: '推销员' });
    expect(notice.params).not.toContain('13800001234');
    expect(await world.quietFor(stranger.id, 200)).toEqual([]);
  });
});

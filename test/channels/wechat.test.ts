import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { types } from 'wechaty';
import { createCore } from '../../src/app.ts';
import { WechatChannel } from '../../src/channels/wechat/wechat-channel.ts';
import type { Incoming } from '../../src/core/message.ts';
import { ensureAdmins } from '../../src/features/index.ts';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { WechatWorld, type MockContact } from '../fakes/wechat-world.ts';
import { ROSTER_HEADER, rosterCsv, rosterRows } from '../support/roster.ts';
import { until } from '../support/until.ts';

const silent = pino({ level: 'silent' });
/** Small gaps: these stories are about what is said (wechat-pacing.test.ts is about the gaps). */
const QUICK = { minGapMs: 5, jitterMs: 0, perMinute: 10_000 };

describe.each(PROVIDERS)('the WeChat channel on the mock puppet, on %s', (provider) => {
  let t: TestDb;
  let world: WechatWorld;
  let channel: WechatChannel;
  let admin: MockContact;
  let staff: MockContact;
  let stranger: MockContact;
  let loggedInAs: string | undefined;
  const seen: Incoming[] = [];

  beforeAll(async () => {
    t = await freshDb(provider);
    await ensureAdmins(t.db, [{ channel: 'wechat', id: 'wxid_laowang', name: '老王' }]);
    await t.db.account.create({ data: { channel: 'wechat', externalId: 'wxid_xiaoli', displayName: '小李', role: 'staff' } });
    await loadDemoData(t.db, 2026);
    const now = new Date('2026-11-23T02:00:00Z');
    const core = createCore(t.db, silent, { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20, clock: () => now });
    world = new WechatWorld();
    admin = world.person('wxid_laowang', '老王');
    staff = world.person('wxid_xiaoli', '小李');
    stranger = world.person('wxid_luren', '路人');
    channel = new WechatChannel({ puppet: world.puppet, log: silent, pacing: QUICK, acceptsUnmentioned: core.acceptsUnmentioned, onLogin: (me) => (loggedInAs = me.via) });
    await channel.start(
      (incoming) => {
        seen.push(incoming);
        return core.handle(incoming);
      },
      core.menu(),
      { membership: core.membership },
    );
    world.login();
    await until(() => channel.via !== undefined);
  });
  afterAll(async () => {
    await channel?.stop();
    await t?.destroy();
  });

  /** `from` writes `text` to the bot; resolves with the text of the bot's next message to them. */
  async function ask(from: MockContact, text: string): Promise<string> {
    const after = world.sent.length;
    world.say(from, text);
    return (await world.next(from.id, { after })).text;
  }

  it('logs in as the bot account and tells its id, under which the dispatcher serves it', () => {
    expect(loggedInAs).toBe(world.bot.id);
    expect(channel.via).toBe(world.bot.id);
  });

  it('answers a command in a private chat, and a pick from a numbered list by its digit', async () => {
    expect(await ask(staff, '帮助')).toContain('可用命令');
    const list = await ask(staff, '查询 张');
    expect(list).toContain('找到 2 位');
    expect(list).toMatch(/^1\. 张三（LM00001）/m);
    expect(list).toMatch(/^2\. 张德华（LM00021）/m);
    expect(await ask(staff, '2')).toContain('【档案】张德华（LM00021）');
    expect(seen.at(-1)).toMatchObject({ chat: { channel: 'wechat', id: 'wxid_xiaoli', kind: 'private', via: world.bot.id }, sender: { id: 'wxid_xiaoli', name: '小李' }, text: '2' });
  });

  it('takes a roster file sent in a private chat after 导入 试运行, and reports on it', async () => {
    expect(await ask(staff, '导入 试运行')).toContain('试运行：请发送花名册文件');
    const after = world.sent.length;
    world.sendFile(staff, 'roster.csv', rosterCsv(3));
    const report = (await world.next(staff.id, { after })).text;
    expect(report).toContain('试运行（没有保存任何内容）：roster.csv');
    expect(report).toMatch(/新增 3/);
  });

  it('checks a roster file sent alone at once, and imports it after the reply 1', async () => {
    const before = await t.db.honoree.count();
    const after = world.sent.length;
    // People of their own (named 徐, 孙, 马): the other stories of this chat find and import theirs.
    world.sendFile(staff, 'new-people.csv', [ROSTER_HEADER, ...rosterRows(13).slice(10)].map((r) => r.join(',')).join('\n'));
    const [report, question] = await world.nextMany(staff.id, 2, { after });
    expect(report.text).toContain('试运行（没有保存任何内容）：new-people.csv');
    expect(question.text).toBe('要导入这 3 人吗？回复 1 导入，2 取消。\n1. 导入\n2. 取消');
    expect(await t.db.honoree.count()).toBe(before);
    expect(await ask(staff, '1')).toContain('导入完成：new-people.csv');
    expect(await t.db.honoree.count()).toBe(before + 3);
  });

  it('sends the list of a roster’s errors back as a file, after the report', async () => {
    expect(await ask(staff, '导入 试运行')).toContain('试运行：请发送花名册文件');
    const rows = rosterRows(25).map((r) => r.map((cell, i) => (ROSTER_HEADER[i] === '身份证号' ? `11010${cell.slice(0, 5)}` : cell)));
    const after = world.sent.length;
    world.sendFile(staff, 'bad-roster.csv', [ROSTER_HEADER, ...rows].map((r) => r.join(',')).join('\n'));
    const [report, file] = await world.nextMany(staff.id, 2, { after });
    expect(report.text).toContain('bad-roster.csv');
    expect(file.file).toMatch(/\.csv$/);
    expect(report.text).toContain(file.file!);
  });

  it('refuses a stranger with the short answer that reveals nothing', async () => {
    expect(await ask(stranger, '查询 张三')).toContain('仅供工会工作人员使用');
  });

  it('shows a person their WeChat id (for HONORCARE_ADMINS)', async () => {
    expect(await ask(admin, '我是谁')).toContain('微信 用户 ID：wxid_laowang');
  });

  it('answers other kinds of message in a private chat with what it can read', async () => {
    for (const kind of [types.Message.Audio, types.Message.Emoticon, types.Message.Image, types.Message.Url, types.Message.MiniProgram]) {
      const after = world.sent.length;
      world.sendKind(staff, kind);
      expect((await world.next(staff.id, { after })).text).toContain('我只能读文字和文件');
    }
  });

  it('acts in a group when mentioned, with the mention taken off, and answers the asker by name', async () => {
    const room = world.group('示例工作群', [admin, staff]);
    const after = world.sent.length;
    world.say(staff, '@工会助手\u2005查询 张三', room, [world.bot]);
    const answer = await world.next(room.id, { after });
    expect(answer.text).toMatch(/^@小李\u2005/);
    expect(answer.text).toContain('张三（LM00001）');
    expect(seen.at(-1)).toMatchObject({ chat: { id: room.id, kind: 'group', title: '示例工作群' }, text: '查询 张三' });
  });

  it('keeps out of a group conversation that does not mention it, unless the group is registered and a command starts it', async () => {
    const room = world.group('示例闲聊群', [admin, staff]);
    world.say(staff, '查询 张三', room);
    world.say(staff, '大家好', room);
    expect(await world.quietFor(room.id, 300)).toEqual([]);
    // An admin registers the group (mentioning the bot); from then on a command alone is enough.
    let after = world.sent.length;
    world.say(admin, '@工会助手 绑定群', room, [world.bot]);
    expect((await world.next(room.id, { after })).text).toContain('已绑定：本群成为通知群');
    after = world.sent.length;
    world.say(staff, '查询 张三', room);
    expect((await world.next(room.id, { after })).text).toContain('张三（LM00001）');
    // Chatter that is no command still gets no answer.
    world.say(staff, '今天开会吗', room);
    expect(await world.quietFor(room.id, 300)).toEqual([]);
  });

  it('unregisters a notification group the bot is removed from, and tells the admins in private', async () => {
    const room = world.group('示例将解散群', [admin, staff]);
    const after = world.sent.length;
    world.say(admin, '@工会助手 绑定群', room, [world.bot]);
    await world.next(room.id, { after });
    const group = await t.db.notifyGroup.findFirstOrThrow({ where: { chatId: room.id } });
    expect(group).toMatchObject({ channel: 'wechat', via: world.bot.id, title: '示例将解散群', active: true });
    room.remove(world.bot).by(admin);
    await until(async () => !(await t.db.notifyGroup.findUniqueOrThrow({ where: { id: group.id } })).active);
    // A notice to each admin, through the outbox, on the group's channel and account.
    const notices = await t.db.notification.findMany({ where: { kind: 'group_lost' } });
    expect(notices.map((n) => [n.channel, n.via, n.chatId])).toEqual([['wechat', world.bot.id, 'wxid_laowang']]);
    // Someone else removed from a registered group is none of the bot's business.
    const other = world.group('示例另一群', [admin, staff]);
    const before = world.sent.length;
    world.say(admin, '@工会助手 绑定群', other, [world.bot]);
    await world.next(other.id, { after: before });
    other.remove(staff).by(admin);
    await world.quietFor(other.id, 200);
    expect(await t.db.notifyGroup.findFirstOrThrow({ where: { chatId: other.id } })).toMatchObject({ active: true });
    expect(await t.db.notification.count({ where: { kind: 'group_lost' } })).toBe(1);
  });

  it('ignores other kinds of message in a group', async () => {
    const room = world.group('示例表情群', [staff]);
    world.sendKind(staff, types.Message.Emoticon, room);
    world.sendKind(staff, types.Message.Audio, room);
    expect(await world.quietFor(room.id, 300)).toEqual([]);
  });

  it('never answers its own messages, nor messages from before it started that the puppet replays', async () => {
    const before = seen.length;
    // The mock echoes what the bot sends, as real puppets do: the answer comes back as a message of the bot's.
    expect(await ask(staff, '帮助')).toContain('可用命令');
    await world.quietFor(staff.id, 100);
    expect(seen.slice(before).map((i) => [i.sender.id, i.text])).toEqual([['wxid_xiaoli', '帮助']]);
    world.sayAt(staff, '帮助', Date.now() - 3_600_000);
    expect(await world.quietFor(staff.id, 300)).toEqual([]);
    expect(seen.slice(before)).toHaveLength(1);
  });
});


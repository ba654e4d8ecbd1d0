import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WecomDeliverer } from '../../src/channels/wecom/deliver.ts';
import type { Reply } from '../../src/core/message.ts';
import { planDigests } from '../../src/features/digest/index.ts';
import { webhookKeys } from '../../src/features/index.ts';
import { enqueue } from '../../src/outbox/enqueue.ts';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.ts';
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-webhook.ts';
import { ADMIN, STAFF, STRANGER, testChat, type Person } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

/**
 * WeCom groups through their group robots (企业微信群机器人), on a real database and a fake webhook:
 * an admin binds one in a private chat with its webhook address, it gets the digest as every
 * notification group does (the same words), within the robot's limits, and the address's key is
 * a secret from then on. All keys, names and people invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in China
const TZ = 'Asia/Shanghai';
const KEY = '0f3c9a7e-5b21-4d8e-a6c4-2e9b7d1f8a35';
const OTHER_KEY = '7a1d4e9c-2b6f-4a3e-8d5c-9f0e1b2c3d4e';
const url = (key = KEY) => `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`;
const EXAMPLE = '例如：绑定企业微信群 工会办公室 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx';

/** Things no group may see (all invented): the digest is built with them in the files. */
const PRIVATE_WORDS = ['11010519491231002X', '13800001111', '幸福路8号', '高血压', '下岗'];

describe.each(PROVIDERS)('WeCom group robots on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let fake: FakeWecom;
  let dispatcher: Dispatcher;
  let deliverer: WecomDeliverer;
  const lines: string[] = [];
  const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
  /** Every reply any test chat got, to look for the key in. */
  const replies: string[] = [];

  beforeEach(async () => {
    // WeCom's own 20 a minute, kept by the fake: a robot that went over would be answered 130101.
    fake = await startFakeWecom({ perMinute: 20 });
    t = await freshDb(provider);
    await seedAccounts(t.db);
    chat = testChat(t.db, { now: NOW, log, digestTime: '08:30' });
    deliverer = new WecomDeliverer({ keys: webhookKeys(t.db), apiRoot: fake.root, log: log.child({ channel: 'wecom' }) });
    dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: chat.core.i18n, log: log.child({ job: 'outbox' }), defaultLocale: 'zh-CN', catchupDays: 7, clock: () => NOW, random: () => 0.5 });
    dispatcher.serve('wecom', '', deliverer);
  });
  afterEach(async () => {
    await dispatcher.stop();
    await fake.stop();
    await t.destroy();
    // Whatever a test did: the key is in no log line and no reply.
    const logged = lines.join('');
    for (const key of [KEY, OTHER_KEY]) {
      expect(logged).not.toContain(key);
      expect(replies.join('\n')).not.toContain(key);
    }
  });

  const text = (rs: Reply[]) => rs.map((r) => r.text).join('\n');
  const say = async (who: Person, words: string, group?: string) => {
    const answer = text(await chat.send(who, { text: words, ...(group ? { chat: { channel: 'telegram', id: group, kind: 'group', title: '工会工作群' } } : {}) }));
    replies.push(answer);
    return answer;
  };
  const robotGroups = () => t.db.notifyGroup.findMany({ where: { channel: 'wecom' }, orderBy: { id: 'asc' } });
  const audits = (entity: string) => t.db.auditEntry.findMany({ where: { entity }, orderBy: { id: 'asc' } });
  const adminId = async () => (await t.db.account.findFirstOrThrow({ where: { externalId: ADMIN.id } })).id;

  it('an admin binds a WeCom group in a private chat; the key is stored apart, never shown, and every change is audited', async () => {
    const answer = await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`);
    expect(answer).toContain('已绑定企业微信群「工会办公室」');
    expect(answer).toContain('解绑群 工会办公室');
    const [group] = await robotGroups();
    // A chat id of our own, not the key.
    expect(group).toMatchObject({ channel: 'wecom', via: '', title: '工会办公室', active: true, boundById: await adminId() });
    expect(group.chatId).toMatch(/^robot-[0-9a-f]{12}$/);
    expect(await t.db.groupWebhook.findUnique({ where: { groupId: group.id } })).toMatchObject({ key: KEY });
    const [created] = await audits('notify_group');
    expect(created).toMatchObject({ action: 'create', entityId: group.id, actorId: await adminId() });
    const [webhook] = await audits('group_webhook');
    expect(webhook).toMatchObject({ action: 'create', entityId: group.id, actorId: await adminId() });
    expect(JSON.parse(webhook.changes)).toEqual({ groupId: [null, group.id], key: [null, '<secret>'] });
    // The group list shows it for what it is.
    expect(await say(ADMIN, '绑定群')).toContain('• 工会办公室（企业微信群机器人）');
  });

  it('the robot says hello in its group at once, through the outbox, in the office language', async () => {
    await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`);
    const [hello] = await t.db.notification.findMany();
    expect(hello).toMatchObject({ channel: 'wecom', chatKind: 'group', kind: 'group_bound', status: 'pending', dueAt: NOW });
    expect(await dispatcher.dispatchOnce(NOW)).toBe(1);
    expect(fake.texts(KEY)).toEqual(['👋 劳模关爱助手已接入本群：今后每天 08:30 的今日要事会由群机器人发到这里。群机器人只能发消息，不能回复。']);
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: hello.id } })).toMatchObject({ status: 'sent', sentParts: 1 });
  });

  it('is refused to staff (the short refusal), to strangers, and in any group chat (saying why), and nothing is saved', async () => {
    expect(await say(STAFF, `绑定企业微信群 工会办公室 ${url()}`)).toContain('您没有使用这个命令的权限');
    expect(await say(STRANGER, `绑定企业微信群 工会办公室 ${url()}`)).toContain('仅供工会工作人员使用');
    const inGroup = await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`, '-100501');
    expect(inGroup).toContain('请在与我的私聊中绑定企业微信群');
    expect(inGroup).toContain('删除这个群机器人、重新添加一个');
    expect(await t.db.notifyGroup.count()).toBe(0);
    expect(await t.db.groupWebhook.count()).toBe(0);
    expect(await t.db.notification.count()).toBe(0);
    expect(await t.db.auditEntry.count({ where: { entity: { in: ['notify_group', 'group_webhook'] } } })).toBe(0);
  });

  it('a wrong address gets a clear message with a correct example, and never a word of what was sent back', async () => {
    const cases: Array<[string, string]> = [
      ['绑定企业微信群', '请写上群的名称和群机器人的 webhook 地址'],
      ['绑定企业微信群 工会办公室', '没有找到 webhook 地址'],
      [`绑定企业微信群 ${url()}`, '请给这个群起个名称'],
      [`绑定企业微信群 工会办公室 http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`, '地址要以 https:// 开头'],
      [`绑定企业微信群 工会办公室 https://qyapi.example.com/cgi-bin/webhook/send?key=${KEY}`, '这不是企业微信群机器人的地址'],
      [`绑定企业微信群 工会办公室 https://oapi.dingtalk.com/robot/send?access_token=${KEY}`, '这不是企业微信群机器人的地址'],
      [`绑定企业微信群 工会办公室 https://qyapi.weixin.qq.com/cgi-bin/message/send?key=${KEY}`, '路径应为 /cgi-bin/webhook/send'],
      ['绑定企业微信群 工会办公室 https://qyapi.weixin.qq.com/cgi-bin/webhook/send', '缺少有效的 key='],
      ['绑定企业微信群 工会办公室 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=<script>', '缺少有效的 key='],
      [`绑定企业微信群 ${'很长的名字'.repeat(7)} ${url()}`, '名称太长了'],
    ];
    for (const [words, problem] of cases) {
      const answer = await say(ADMIN, words);
      expect(answer, words).toContain(problem);
      expect(answer, words).toContain(EXAMPLE);
      expect(answer, words).toContain('群设置 → 添加群机器人 → 复制 Webhook 地址');
    }
    expect(await t.db.notifyGroup.count()).toBe(0);
  });

  it('takes the address before or after the name, and without its https://', async () => {
    expect(await say(ADMIN, `绑定企业微信群 ${url()} 县总工会 工作群`)).toContain('已绑定企业微信群「县总工会 工作群」');
    expect(await say(ADMIN, `/wecom 市总工会 qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${OTHER_KEY}`)).toContain('已绑定企业微信群「市总工会」');
    expect((await robotGroups()).map((g) => g.title)).toEqual(['县总工会 工作群', '市总工会']);
    expect((await t.db.groupWebhook.findMany({ orderBy: { id: 'asc' } })).map((w) => w.key)).toEqual([KEY, OTHER_KEY]);
  });

  it('binding the same robot again changes nothing; a robot under another name, or a name taken, is refused', async () => {
    await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`);
    expect(await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`)).toContain('已经绑定了这个群机器人');
    expect(await say(ADMIN, `绑定企业微信群 办公室 ${url()}`)).toContain('这个群机器人已经绑定为「工会办公室」');
    expect(await say(ADMIN, `绑定企业微信群 工会办公室 ${url(OTHER_KEY)}`)).toContain('已有一个叫「工会办公室」的企业微信群');
    expect(await robotGroups()).toHaveLength(1);
    expect(await t.db.notification.count()).toBe(1);
  });

  it('解绑群 <name> in a private chat unbinds it: nothing more goes there, what waited is cancelled, the key is deleted (audited)', async () => {
    await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`);
    const [group] = await robotGroups();
    expect(await say(STAFF, '解绑群 工会办公室')).toContain('您没有使用这个命令的权限');
    expect(await say(ADMIN, '解绑群 工会办公室')).toContain('已解绑企业微信群「工会办公室」');
    expect(await t.db.notifyGroup.findUniqueOrThrow({ where: { id: group.id } })).toMatchObject({ active: false });
    expect(await t.db.groupWebhook.count()).toBe(0);
    expect((await t.db.notification.findMany()).map((n) => n.status)).toEqual(['cancelled']);
    expect(JSON.parse((await audits('notify_group')).at(-1)!.changes)).toEqual({ active: [true, false] });
    const dropped = (await audits('group_webhook')).at(-1)!;
    expect(dropped).toMatchObject({ action: 'delete', entityId: group.id, actorId: await adminId() });
    expect(JSON.parse(dropped.changes)).toEqual({ groupId: [group.id, null], key: ['<secret>', null] });
    // The channel has no key for it any more.
    expect(await webhookKeys(t.db).keyOf(group.chatId)).toBeNull();
    // Again, or a name there is not: says so, with the groups there are. What was typed is not repeated.
    const notFound = await say(ADMIN, `解绑群 ${url()}`);
    expect(notFound).toContain('没有叫这个名称的企业微信群');
    expect(notFound).toContain('目前还没有通知群');
    // The same robot may be bound again, as a new group.
    expect(await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`)).toContain('已绑定企业微信群「工会办公室」');
    expect((await robotGroups()).map((g) => g.active)).toEqual([false, true]);
  });

  it('an invalid key shows as a failed notification in the admin list, and the key appears nowhere but its own row', async () => {
    fake.invalidKeys.add(OTHER_KEY);
    await say(ADMIN, `绑定企业微信群 财务室 ${url(OTHER_KEY)}`);
    expect(await dispatcher.dispatchOnce(NOW)).toBe(1);
    const [hello] = await t.db.notification.findMany();
    expect(hello).toMatchObject({ status: 'failed', lastError: expect.stringMatching(/^rejected: invalid webhook .*93000/) });
    const list = await say(ADMIN, '提醒');
    expect(list).toContain('【管理员】近 30 天未能发出的通知（1 条）');
    expect(list).toContain(`#${hello.id} 绑定企业微信群的测试消息`);
    expect(list).toContain('发送失败');
    // Nowhere else in the database: not in groups, the outbox, the audit log, conversations.
    const elsewhere = JSON.stringify([
      await t.db.notifyGroup.findMany(),
      await t.db.notification.findMany(),
      await t.db.auditEntry.findMany(),
      await t.db.conversationState.findMany(),
      await t.db.phoneTask.findMany(),
    ]);
    expect(elsewhere).not.toContain(OTHER_KEY);
  });

  it('typed while a form is open, the address is neither quoted back nor kept as the form\'s answer: the group is bound', async () => {
    expect(await say(ADMIN, '新增')).toContain('请输入姓名');
    const answer = await say(ADMIN, `绑定企业微信群 财务室 ${url(OTHER_KEY)}`);
    expect(answer).toContain('之前未完成的操作已放弃');
    expect(answer).toContain('已绑定企业微信群「财务室」');
    expect(answer).not.toContain('还没有完成');
    // The form is gone, and no conversation kept the words.
    expect(JSON.stringify(await t.db.conversationState.findMany())).not.toContain(OTHER_KEY);
    expect(await say(ADMIN, '取消')).toContain('没有进行中的操作');
  });

  it('gets the same daily digest as every notification group, split to the robot size, and nothing private', async () => {
    await craftDay();
    await t.db.notifyGroup.create({ data: { channel: 'telegram', chatId: '-100888', title: '示例县总工会', createdAt: NOW, updatedAt: NOW } });
    await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`);
    const t0 = chat.core.i18n.for('zh-CN');
    expect(await planDigests(t.db, NOW, { sections: chat.core.digestSections, timeZone: TZ, digestTime: '08:30', t: t0, locale: 'zh-CN' })).toBe(2);
    const digests = await t.db.notification.findMany({ where: { kind: 'digest' }, orderBy: { id: 'asc' } });
    const [telegramBody, wecomBody] = digests.map((d) => (JSON.parse(d.params) as { body: string }).body);
    expect(wecomBody).toBe(telegramBody);
    expect(wecomBody).toContain('【该走访了】');
    expect(digests[1]).toMatchObject({ channel: 'wecom', chatKind: 'group' });
    // Only WeCom is served here: the hello and the digest go out; the Telegram row waits for its channel.
    await dispatcher.dispatchOnce(NOW);
    const posted = fake.texts(KEY);
    expect(posted[0]).toContain('劳模关爱助手已接入本群');
    const digest = posted.slice(1);
    expect(digest.length).toBeGreaterThan(1);
    expect(digest.join('\n')).toBe(wecomBody);
    for (const word of PRIVATE_WORDS) expect(digest.join('\n')).not.toContain(word);
    expect(await t.db.notification.findUniqueOrThrow({ where: { id: digests[1].id } })).toMatchObject({ status: 'sent', sentParts: digest.length });
  });

  it('keeps to 20 messages a minute per robot: the rest wait their turn without spending an attempt', async () => {
    await say(ADMIN, `绑定企业微信群 工会办公室 ${url()}`);
    const [group] = await robotGroups();
    await t.db.$transaction(async (tx) => {
      for (let i = 1; i <= 24; i++) {
        await enqueue(tx, { dedupeKey: `test:${i}`, to: { channel: 'wecom', chatId: group.chatId, kind: 'group' }, groupId: group.id, kind: 'reminder', messageKey: 'reminders.due', params: { text: `开会 ${i}` }, dueAt: NOW }, NOW);
      }
    });
    expect(await dispatcher.dispatchOnce(NOW)).toBe(25);
    // The hello and 19 reminders: 20 in this minute, and WeCom never had to say "too fast".
    expect(fake.texts(KEY)).toHaveLength(20);
    expect(fake.calls.filter((c) => c.key === KEY && c.errcode === 130101)).toHaveLength(0);
    const waiting = await t.db.notification.findMany({ where: { status: 'pending' } });
    expect(waiting).toHaveLength(5);
    for (const row of waiting) {
      expect(row.attempts).toBe(0);
      expect(row.nextAttemptAt.getTime() - NOW.getTime()).toBeGreaterThan(55_000);
    }
  });

  /** A day with 60 priority honorees due a visit (long names: the digest takes several robot messages); one file holds what no group may see. */
  async function craftDay(): Promise<void> {
    for (let i = 1; i <= 60; i++) {
      const h = await t.db.honoree.create({
        data: {
          fileNo: `LM${String(i).padStart(5, '0')}`, name: `示例市第${i}号全国劳动模范张三丰`, pinyinFull: 'x', pinyinInitials: 'x', birthDate: '1960-05-05', employmentStatus: 'retired',
          ...(i === 1 ? { idNumber: '11010519491231002X', phone: '13800001111', address: '幸福路8号' } : {}),
        },
      });
      await t.db.survey.create({ data: { honoreeId: h.id, year: 2026, priorityHardship: true, healthStatus: '高血压', hardshipCauses: '下岗', priorityReason: '下岗' } });
    }
  }
});

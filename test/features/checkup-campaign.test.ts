import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Address, Deliverer } from '../../src/core/delivery.ts';
import type { Reply } from '../../src/core/message.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { STAFF, testChat, type Person } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { bindHonoree } from '../support/checkups.ts';
import { demoWorld } from '../support/seed.ts';

/**
 * Staff create a checkup campaign as a guided conversation; on 确认 the campaign, its slots and
 * one appointment per invitee are written, and each invitation (with its three choices) and its
 * reminders are queued for honorees who have an account, outside quiet hours. All invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const QUIET = { start: '21:00', end: '08:00' };
const ZHANG: Person = { channel: 'telegram', id: '5101', name: '张三' };
const DAUGHTER: Person = { channel: 'telegram', id: '5102', name: '李海燕的女儿' };
const WANG: Person = { channel: 'telegram', id: '5103', name: '王建国' };

describe.each(PROVIDERS)('checkup campaigns on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    ({ t, chat } = await demoWorld(provider, { now: NOW, quietHours: QUIET }));
    // LM00001 in person, LM00002 through a proxy, LM00003 bound but unsubscribed, LM00004 no account.
    await bindHonoree(chat, ZHANG, 'LM00001');
    await bindHonoree(chat, DAUGHTER, 'LM00002', 'proxy');
    await bindHonoree(chat, WANG, 'LM00003');
    await chat.say(WANG, '退订');
  });
  afterEach(() => t.destroy());

  /** Answers the form up to the audience question. */
  async function upToAudience(slots = '2027-03-10 上午 2人\n2027-03-10 下午 2人') {
    expect(await chat.say(STAFF, '体检 新建')).toContain('第 1 步：体检年度？');
    expect(await chat.say(STAFF, '2027')).toContain('第 2 步：体检医院？');
    expect(await chat.say(STAFF, '示例县人民医院')).toContain('第 3 步：体检地点');
    expect(await chat.say(STAFF, '示例县健康路1号 体检中心二楼')).toContain('第 4 步：注意事项');
    expect(await chat.say(STAFF, '当天早上空腹，带身份证')).toContain('第 5 步：体检日期和时段');
    return chat.say(STAFF, slots);
  }

  it('creates the campaign on 确认: slots, appointments spread over them, invitations and reminders queued for those with an account', async () => {
    expect(await upToAudience()).toContain('第 6 步：邀请哪些人？');
    expect(await chat.say(STAFF, '6')).toContain('请写姓名或档案号');
    const confirm = await chat.say(STAFF, 'LM00001、LM00002，LM00003 LM00004');
    expect(confirm).toContain('请确认：2027 年体检，示例县人民医院（示例县健康路1号 体检中心二楼）');
    expect(confirm).toContain('时段 2 个，共 4 个名额：\n  2027-03-10 上午，2 人\n  2027-03-10 下午，2 人\n');
    expect(confirm).toContain('邀请：指定名单，共 4 人');
    // Nothing yet.
    expect(await t.db.checkupCampaign.count()).toBe(0);
    const done = await chat.say(STAFF, '1');
    expect(done).toContain('已创建 2027 年体检活动');
    expect(done).toContain('邀请 4 人：2 人的邀请已排队发送；2 人没有绑定账号或已退订，需要电话联系');

    const [campaign] = await t.db.checkupCampaign.findMany({ include: { slots: { orderBy: { start: 'asc' } }, appointments: true } });
    expect(campaign).toMatchObject({ year: 2027, hospital: '示例县人民医院', preparation: '当天早上空腹，带身份证', status: 'open', cadence: '[-3,-1,1]' });
    expect(campaign.slots.map((s) => [s.label, s.taken, s.capacity])).toEqual([
      ['上午', 2, 2],
      ['下午', 2, 2],
    ]);
    expect(campaign.appointments.map((a) => a.status)).toEqual(['invited', 'invited', 'invited', 'invited']);
    expect(await t.db.auditEntry.count({ where: { entity: 'checkup_appointment', action: 'create' } })).toBe(4);
    expect(await t.db.auditEntry.count({ where: { entity: 'checkup_campaign', action: 'create' } })).toBe(1);

    const notes = await t.db.notification.findMany({ where: { kind: { startsWith: 'checkup' } }, orderBy: [{ accountId: 'asc' }, { dueAt: 'asc' }] });
    const zhang = await t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: ZHANG.id } } });
    const daughter = await t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: DAUGHTER.id } } });
    // An invitation now (10:00 is daytime), reminders 3 and 1 days before at 09:00 Shanghai; nothing for the unsubscribed or the unbound.
    const forZhang = notes.filter((n) => n.accountId === zhang.id);
    expect(forZhang.map((n) => [n.kind, n.dueAt.toISOString()])).toEqual([
      ['checkup_invite', NOW.toISOString()],
      ['checkup_reminder', '2027-03-07T01:00:00.000Z'],
      ['checkup_reminder', '2027-03-09T01:00:00.000Z'],
    ]);
    expect(JSON.parse(forZhang[0].choices!)).toEqual([
      { id: `ck:${forZhang[0].appointmentId}:c`, key: 'checkups.answer.confirm' },
      { id: `ck:${forZhang[0].appointmentId}:r`, key: 'checkups.answer.reschedule' },
      { id: `ck:${forZhang[0].appointmentId}:d`, key: 'checkups.answer.decline' },
    ]);
    expect(forZhang[0]).toMatchObject({ chatId: ZHANG.id, chatKind: 'private', status: 'pending' });
    expect(notes.filter((n) => n.accountId === daughter.id).map((n) => n.kind)).toEqual(['checkup_invite', 'checkup_reminder', 'checkup_reminder']);
    expect(notes).toHaveLength(6);
  });

  it('sends the invitation in plain words with its three choices, rendered in the reader’s language', async () => {
    await upToAudience();
    await chat.say(STAFF, '6');
    await chat.say(STAFF, 'LM00001');
    await chat.say(STAFF, '1');
    const sent: Array<{ to: Address; reply: Reply }> = [];
    const capture: Deliverer = { deliver: async (to, reply) => (sent.push({ to, reply }), { outcome: 'sent', messageIds: ['1'], sentParts: 1 }), waitFor: () => 0 };
    const dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: chat.core.i18n, log: pino({ level: 'silent' }), defaultLocale: 'zh-CN', catchupDays: 7, clock: () => NOW });
    dispatcher.serve('telegram', '', capture);
    try {
      expect(await dispatcher.dispatchOnce(NOW)).toBe(1);
    } finally {
      await dispatcher.stop();
    }
    const [{ to, reply }] = sent;
    expect(to).toMatchObject({ channel: 'telegram', chatId: ZHANG.id, kind: 'private' });
    expect(reply.text).toBe('张三您好！工会为您安排了免费体检：\n时间：3月10日（周三）上午 08:00–12:00\n地点：示例县人民医院，示例县健康路1号 体检中心二楼\n注意：当天早上空腹，带身份证\n请回复数字：');
    expect(reply.choices?.map((c) => c.label)).toEqual(['确认参加', '改期', '不参加']);
  });

  it('holds an invitation made at night until 08:00', async () => {
    chat.setNow(new Date('2026-11-23T14:30:00Z')); // 22:30 in Shanghai
    await upToAudience();
    await chat.say(STAFF, '6');
    await chat.say(STAFF, 'LM00001');
    await chat.say(STAFF, '1');
    const invite = await t.db.notification.findFirstOrThrow({ where: { kind: 'checkup_invite' } });
    expect(invite.dueAt).toEqual(new Date('2026-11-24T00:00:00Z'));
  });

  it('puts the priority register in the earliest slot', async () => {
    const [first, second] = await t.db.honoree.findMany({ where: { fileNo: { in: ['LM00005', 'LM00006'] } }, orderBy: { fileNo: 'asc' } });
    await t.db.survey.create({ data: { honoreeId: second.id, year: 2027, priorityHealth: true, priorityReason: '示例' } });
    await upToAudience('2027-03-10 上午 1人\n2027-03-11 上午 1人');
    await chat.say(STAFF, '6');
    expect(await chat.say(STAFF, 'LM00005、LM00006')).toContain('其中重点登记 1 人');
    await chat.say(STAFF, '1');
    const appointments = await t.db.checkupAppointment.findMany({ include: { slot: true } });
    expect(appointments.find((a) => a.honoreeId === second.id)?.slot?.date).toBe('2027-03-10');
    expect(appointments.find((a) => a.honoreeId === first.id)?.slot?.date).toBe('2027-03-11');
  });

  it('says what is wrong with a year, a slot line or a list, with an example, and keeps asking', async () => {
    await chat.say(STAFF, '体检 新建');
    expect(await chat.say(STAFF, '明年')).toContain('年度请写今年或明年的四位数字，例如 2027');
    await chat.say(STAFF, '2027');
    await chat.say(STAFF, '示例县人民医院');
    await chat.say(STAFF, '示例县健康路1号');
    await chat.say(STAFF, '跳过');
    const bad = await chat.say(STAFF, '2027-03-10 上午 20人\n2027-02-30 下午 20人');
    expect(bad).toContain('「2027-02-30 下午 20人」：日期「2027-02-30」不存在');
    expect(bad).toContain('例如：\n2027-03-10 上午 20人');
    expect(await chat.say(STAFF, '2027-03-10 上午')).toContain('请写上名额，如 20人');
    expect(await chat.say(STAFF, '2027-03-10 上午 20人')).toContain('第 6 步');
    await chat.say(STAFF, '6');
    expect(await chat.say(STAFF, 'LM00001、查无此人')).toContain('没有找到：查无此人');
    expect(await chat.say(STAFF, '取消')).toContain('已取消');
    expect(await t.db.checkupCampaign.count()).toBe(0);
  });

  it('asks for more places when there are too few, then goes on to the count', async () => {
    await upToAudience('2027-03-10 上午 1人');
    await chat.say(STAFF, '6');
    expect(await chat.say(STAFF, 'LM00001、LM00002')).toContain('要邀请 2 人，但名额只有 1 个');
    expect(await chat.say(STAFF, '2027-03-10 上午 2人')).toContain('共 2 人');
    expect(await chat.say(STAFF, '1')).toContain('已创建');
  });

  it('creates nothing for an audience of nobody, and says so', async () => {
    await upToAudience();
    await chat.say(STAFF, '2'); // by honour level
    expect(await chat.say(STAFF, '1')).toContain('没有符合条件的人：没有创建体检活动，也没有发送任何邀请'); // national: nobody in the demo
    expect(await t.db.checkupCampaign.count()).toBe(0);
    expect(await t.db.notification.count({ where: { kind: { startsWith: 'checkup' } } })).toBe(0);
  });

  it('shows each campaign’s counts and slot places on the board', async () => {
    expect(await chat.say(STAFF, '体检')).toContain('目前没有进行中的体检活动');
    await upToAudience();
    await chat.say(STAFF, '6');
    await chat.say(STAFF, 'LM00001、LM00002、LM00003');
    await chat.say(STAFF, '1');
    const board = await chat.say(STAFF, '体检');
    expect(board).toMatch(/【体检 #\d+】2027 年 · 示例县人民医院/);
    expect(board).toContain('邀请 3 · 确认 0（其中改期 0）· 不参加 0 · 未回复 3 · 已到 0 · 未到 0');
    expect(board).toContain('3月10日（周三）上午 08:00–12:00：2/2');
    expect(board).toContain('3月10日（周三）下午 14:00–17:30：1/2');
    expect(await chat.say(STAFF, '体检', { group: 'g-1' })).toContain('私聊');
  });
});

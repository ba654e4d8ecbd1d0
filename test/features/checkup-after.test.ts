import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF, testChat, type Person } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { bindHonoree, createCampaign } from '../support/checkups.ts';
import { demoWorld } from '../support/seed.ts';

/**
 * After the checkup day: staff mark who came (one, a list, or a whole slot at once) and who did
 * not (they get one kind word the next morning), and record each attendee's report; an abnormal
 * finding puts the honoree on the year's priority register for health and sets a follow-up
 * reminder, and the file shows the history. Health details never reach a group or a log line.
 */
const NOW = new Date('2026-11-23T02:00:00Z');
const DAY_AFTER = new Date('2027-03-10T06:00:00Z'); // 14:00 in Shanghai on the checkup day
const ZHANG: Person = { channel: 'telegram', id: '5101', name: '张三' };
const WANG: Person = { channel: 'telegram', id: '5103', name: '王' };

describe.each(PROVIDERS)('after the checkup on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  const logged: string[] = [];
  beforeEach(async () => {
    const log = pino({ level: 'trace' }, { write: (line: string) => void logged.push(line) });
    ({ t, chat } = await demoWorld(provider, { now: NOW, log }));
    await bindHonoree(chat, ZHANG, 'LM00001');
    await bindHonoree(chat, WANG, 'LM00003');
    await createCampaign(chat, { slots: '2027-03-10 上午 3人', fileNos: ['LM00001', 'LM00002', 'LM00003'] });
    chat.setNow(DAY_AFTER);
  });
  afterEach(() => t.destroy());

  const appointmentOf = async (fileNo: string) => t.db.checkupAppointment.findFirstOrThrow({ where: { honoreeId: (await t.db.honoree.findUniqueOrThrow({ where: { fileNo } })).id } });

  it('marks everyone confirmed for a slot at once, leaves an explicit no-show alone, and sends the no-show one kind word the next morning', async () => {
    expect(await chat.say(STAFF, '体检 未到 LM00003')).toContain('已记录未到 1 人');
    expect(await chat.say(STAFF, '体检 未到 LM00003')).toContain('另有 1 人原来就是这样记录的');
    const [missed] = await t.db.notification.findMany({ where: { kind: 'checkup_missed' } });
    // 10:00 in Shanghai the day after, to the account the honoree uses.
    expect(missed).toMatchObject({ chatId: WANG.id, messageKey: 'checkups.missed', status: 'pending', dueAt: new Date('2027-03-11T02:00:00Z') });
    expect(await t.db.notification.count({ where: { kind: 'checkup_missed' } })).toBe(1);
    // The whole slot means everyone confirmed for it: who never answered is recorded one by one.
    expect(await chat.say(STAFF, '体检 到场 2027-03-10 上午')).toContain('没有可以记录的体检安排');
    await chat.say(ZHANG, '1');
    await chat.say(STAFF, '体检 代确认 LM00002 确认');
    expect(await chat.say(STAFF, '体检 到场 2027-03-10 上午')).toContain('已记录到场 2 人');
    expect((await appointmentOf('LM00003')).status).toBe('no_show');
    expect(await t.db.checkupAppointment.count({ where: { status: 'attended' } })).toBe(2);
    expect(await chat.say(STAFF, '体检')).toContain('已到 2 · 未到 1');
    // A correction: they came after all; the kind word is withdrawn before it goes.
    expect(await chat.say(STAFF, '体检 到场 LM00003')).toContain('已记录到场 1 人');
    expect((await t.db.notification.findUniqueOrThrow({ where: { id: missed.id } })).status).toBe('cancelled');
    expect(await chat.say(STAFF, '体检')).toContain('已到 3 · 未到 0');
  });

  it('records a report with an abnormal finding: the priority register, a follow-up reminder, the file’s history; nothing in a group or a log', async () => {
    await chat.say(STAFF, '体检 到场 LM00001');
    expect(await chat.say(STAFF, '体检 结果 张三')).toContain('第 1 步：报告总结');
    expect(await chat.say(STAFF, '大部分指标正常')).toContain('第 2 步：异常发现');
    expect(await chat.say(STAFF, '血压偏高')).toContain('第 3 步');
    const saved = await chat.say(STAFF, '低盐饮食，一个月后复查血压');
    expect(saved).toContain('已保存 张三（LM00001）的体检结果');
    expect(saved).toContain('已列入 2027 年重点登记（健康），2027-04-09 会提醒您随访');
    const a = await appointmentOf('LM00001');
    expect(a).toMatchObject({ status: 'attended', reportSummary: '大部分指标正常', findings: '血压偏高', guidance: '低盐饮食，一个月后复查血压' });
    const survey = await t.db.survey.findUniqueOrThrow({ where: { honoreeId_year: { honoreeId: a.honoreeId, year: 2027 } } });
    expect(survey).toMatchObject({ priorityHealth: true, priorityReason: '体检异常：血压偏高' });
    const reminder = await t.db.reminder.findFirstOrThrow({ where: { honoreeId: a.honoreeId } });
    expect(reminder).toMatchObject({ text: '体检随访：张三（LM00001），请电话了解复查和身体情况', status: 'pending', chatId: STAFF.id });
    expect(reminder.nextAt).toEqual(new Date('2027-04-09T01:00:00Z'));
    expect(await chat.say(STAFF, '重点登记 2027')).toContain('张三');
    const file = await chat.say(STAFF, '档案 LM00001');
    expect(file).toContain('体检：');
    expect(file).toContain('2027 示例县人民医院');
    expect(file).toContain('异常：血压偏高');
    const inGroup = await chat.say(STAFF, '档案 LM00001', { group: 'g-1' });
    expect(inGroup).not.toContain('血压');
    expect(logged.join('')).not.toContain('血压');
    expect(await t.db.auditEntry.count({ where: { entity: 'survey', action: 'create', entityId: survey.id } })).toBe(1);
  });

  it('a report with no abnormal finding changes no register and sets no reminder', async () => {
    await chat.say(STAFF, '体检 结果 LM00002');
    await chat.say(STAFF, '正常');
    await chat.say(STAFF, '无异常');
    expect(await chat.say(STAFF, '跳过')).toContain('已保存');
    expect(await t.db.survey.count({ where: { year: 2027 } })).toBe(0);
    expect(await t.db.reminder.count()).toBe(0);
    expect((await appointmentOf('LM00002')).status).toBe('attended');
  });

  it('says how to use them, and refuses a day still to come', async () => {
    expect(await chat.say(STAFF, '体检 到场')).toContain('例如：体检 到场 张三、LM00002');
    expect(await chat.say(STAFF, '体检 到场 2027-03-11 上午')).toContain('还没到那一天');
    expect(await chat.say(STAFF, '体检 到场 2027-03-09 上午')).toContain('没有进行中的体检时段');
    expect(await chat.say(STAFF, '体检 结果')).toContain('例如：体检 结果 张三');
    expect(await chat.say(STAFF, '体检 到场 查无此人')).toContain('没有找到：查无此人');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join, STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { bindCast, CAST, createCampaign } from '../support/checkups.ts';
import { demoWorld } from '../support/seed.ts';

/**
 * Staff read a campaign's lists by answer (体检 名单 未回复, 已确认, 改期, 不参加, 已到, 未到) with
 * names, file numbers and times only, and change the days its reminders go on (体检 提醒 N 3,1):
 * the reminders still to come are rewritten in the same transaction. All people invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const { ZHANG, DAUGHTER, WANG } = CAST;
const SLOTS = '2027-03-10 上午 4人\n2027-03-11 上午 4人';
const INVITED = ['LM00001', 'LM00002', 'LM00003', 'LM00004', 'LM00005', 'LM00006'];

/** The file numbers a reply names, in its order. */
const fileNosIn = (text: string) => [...text.matchAll(/LM\d{5}/g)].map((m) => m[0]);

describe.each(PROVIDERS)('checkup lists and reminder days on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let id: number;
  beforeEach(async () => {
    ({ t, chat } = await demoWorld(provider, { now: NOW }));
    // LM00004 and LM00006 have no account.
    await bindCast(chat);
    await createCampaign(chat, { slots: SLOTS, fileNos: INVITED });
    id = (await t.db.checkupCampaign.findFirstOrThrow()).id;
  });
  afterEach(() => t.destroy());

  const fileOf = (fileNo: string) => t.db.honoree.findUniqueOrThrow({ where: { fileNo } });
  const appointmentOf = async (fileNo: string) => t.db.checkupAppointment.findFirstOrThrow({ where: { honoreeId: (await fileOf(fileNo)).id }, include: { slot: true } });
  /** Each appointment's pending reminders, as due instants, by file number. */
  async function pendingReminders(): Promise<Record<string, string[]>> {
    const out: Record<string, string[]> = {};
    for (const fileNo of INVITED) {
      const a = await appointmentOf(fileNo);
      const rows = await t.db.notification.findMany({ where: { appointmentId: a.id, kind: 'checkup_reminder', status: 'pending' }, orderBy: { dueAt: 'asc' } });
      out[fileNo] = rows.map((r) => r.dueAt.toISOString());
    }
    return out;
  }

  /** LM00001 confirms, LM00002 moves to the other day, LM00003 declines (checked elsewhere), LM00004 declines by phone without a reason. */
  async function answers(): Promise<void> {
    await chat.say(ZHANG, '1');
    expect(await chat.say(DAUGHTER, '2')).toContain('请选一个新时间');
    expect(await chat.say(DAUGHTER, '1')).toContain('已为您改到新时间');
    await chat.say(WANG, '3');
    expect(await chat.say(WANG, '1')).toContain('谢谢，已记下');
    expect(await chat.say(STAFF, '体检 代确认 LM00004 不参加')).toContain('这次不参加');
  }

  it('lists exactly who gave each answer, with their time, or the reason they gave for not coming', async () => {
    await answers();
    const unanswered = await chat.say(STAFF, '体检 名单 未回复');
    expect(unanswered).toContain(`【体检 #${id}】2027 年 · 示例县人民医院 ·「未回复」共 2 人：`);
    expect(fileNosIn(unanswered)).toEqual(['LM00005', 'LM00006']);

    const zhang = await appointmentOf('LM00001');
    const moved = await appointmentOf('LM00002');
    expect(moved.slot!.date).toBe('2027-03-11');
    const confirmed = await chat.say(STAFF, '体检 名单 已确认');
    expect(fileNosIn(confirmed).sort()).toEqual(['LM00001', 'LM00002']);
    expect(confirmed).toContain(`张三（LM00001）：${zhang.slot!.date === '2027-03-10' ? '3月10日（周三）' : '3月11日（周四）'}上午 08:00–12:00\n`);
    expect(confirmed).toContain(`${(await fileOf('LM00002')).name}（LM00002）：3月11日（周四）上午 08:00–12:00（改期）`);

    expect(fileNosIn(await chat.say(STAFF, '体检 名单 改期'))).toEqual(['LM00002']);

    const declined = await chat.say(STAFF, `体检 名单 不参加 ${id}`);
    expect(fileNosIn(declined)).toEqual(['LM00003', 'LM00004']);
    expect(declined).toContain(`${(await fileOf('LM00003')).name}（LM00003）：已在别处体检`);
    expect(declined).toMatch(new RegExp(`（LM00004）$`, 'm'));

    expect(await chat.say(STAFF, '体检 名单 已到')).toBe(`【体检 #${id}】2027 年 · 示例县人民医院：没有「已到」的人。`);
    // The English words, in the English form of the command.
    expect(fileNosIn(await chat.say(STAFF, '/checkup list unanswered'))).toEqual(['LM00005', 'LM00006']);
    expect(fileNosIn(await chat.say(STAFF, '/checkup list rescheduled'))).toEqual(['LM00002']);
    expect(fileNosIn(await chat.say(STAFF, '/checkup list declined'))).toEqual(['LM00003', 'LM00004']);
  });

  it('lists who came and who did not, with names and file numbers only: no phone, no findings', async () => {
    await chat.say(ZHANG, '1');
    chat.setNow(new Date('2027-03-11T08:00:00Z'));
    await chat.say(STAFF, '体检 到场 LM00001');
    await chat.say(STAFF, '体检 未到 LM00005');
    await t.db.checkupAppointment.update({ where: { id: (await appointmentOf('LM00001')).id }, data: { findings: '血压偏高', reportSummary: '基本正常' } });
    const came = await chat.say(STAFF, '体检 名单 已到');
    expect(fileNosIn(came)).toEqual(['LM00001']);
    expect(came).not.toContain('血压');
    expect(came).not.toContain('基本正常');
    expect(came).not.toContain((await fileOf('LM00001')).phone!);
    expect(fileNosIn(await chat.say(STAFF, '体检 名单 未到'))).toEqual(['LM00005']);
    expect(fileNosIn(await chat.say(STAFF, '/checkup list no_show'))).toEqual(['LM00005']);
    expect(fileNosIn(await chat.say(STAFF, '体检 名单 未回复')).sort()).toEqual(['LM00002', 'LM00003', 'LM00004', 'LM00006']);
    // Lists name people: never in a group.
    expect(await chat.say(STAFF, '体检 名单 已到', { group: 'g-1' })).toContain('私聊');
  });

  it('says what is wrong with a list asked for, with an example', async () => {
    expect(await chat.say(STAFF, '体检 名单')).toContain('例如：体检 名单 未回复');
    const unknown = await chat.say(STAFF, '体检 名单 随便');
    expect(unknown).toContain('没有「随便」这份名单');
    expect(unknown).toContain('例如：体检 名单 未回复');
    expect(await chat.say(STAFF, '体检 名单 未回复 第一期')).toContain('「第一期」不是体检活动编号。编号见「体检」，例如：体检 名单 未回复 3');
    expect(await chat.say(STAFF, '体检 名单 未回复 999')).toContain('没有体检活动 #999');
    expect(await chat.say(STAFF, '体检 名单 未回复 第3页')).toContain('没有第 3 页：这份名单共 1 页');
    expect(await chat.say(STAFF, '/checkup list nobody')).toContain('没有「nobody」这份名单');
  });

  it('asks which campaign when several are open, and keeps a closed one readable by its number', async () => {
    await createCampaign(chat, { slots: '2027-04-10 上午 5人', fileNos: ['LM00007', 'LM00008'] });
    const second = (await t.db.checkupCampaign.findFirstOrThrow({ where: { id: { not: id } } })).id;
    const which = await chat.say(STAFF, '体检 名单 未回复');
    expect(which).toContain('有 2 个进行中的体检活动，要看哪一个的「未回复」名单？');
    expect(which).toContain(`1. #${id} 2027 年 · 示例县人民医院（6 人）`);
    expect(which).toContain(`2. #${second} 2027 年 · 示例县人民医院（2 人）`);
    expect(fileNosIn(await chat.say(STAFF, '2'))).toEqual(['LM00007', 'LM00008']);
    expect(fileNosIn(await chat.say(STAFF, `体检 名单 未回复 #${id}`))).toEqual(INVITED);
    await chat.say(STAFF, `体检 结束 ${second}`);
    expect(fileNosIn(await chat.say(STAFF, '体检 名单 未回复'))).toEqual(INVITED);
    expect(fileNosIn(await chat.say(STAFF, `体检 名单 未回复 ${second}`))).toEqual(['LM00007', 'LM00008']);
    await chat.say(STAFF, `体检 结束 ${id}`);
    expect(await chat.say(STAFF, '体检 名单 未回复')).toContain('目前没有进行中的体检活动');
  });

  it('shows a long list 30 at a time, with the next page as a command and a button', async () => {
    await chat.say(STAFF, `体检 结束 ${id}`);
    const many = Array.from({ length: 35 }, (_, i) => `LM${String(i + 1).padStart(5, '0')}`);
    await createCampaign(chat, { slots: '2027-05-10 上午 20人\n2027-05-10 下午 20人', fileNos: many });
    const big = (await t.db.checkupCampaign.findFirstOrThrow({ where: { status: 'open' } })).id;
    const first = await chat.replies(STAFF, '体检 名单 未回复');
    expect(first[0].text).toContain('「未回复」共 35 人：');
    const shown = fileNosIn(first[0].text);
    expect(shown).toHaveLength(30);
    expect(first[0].text).toContain(`……另有 5 人未列出（第 1/2 页）。下一页请发送「体检 名单 未回复 ${big} 第2页」或点下方按钮。`);
    expect(first[0].choices?.map((c) => c.label)).toEqual(['下一页（第 2 页）']);
    const rest = await chat.say(STAFF, `体检 名单 未回复 ${big} 第2页`);
    expect(fileNosIn(rest)).toHaveLength(5);
    expect(rest).toContain('（第 2/2 页，已是最后一页）');
    // Every invitee once, over the two pages.
    expect([...shown, ...fileNosIn(rest)].sort()).toEqual(many);
    // The button shows the same page.
    const again = await chat.replies(STAFF, '体检 名单 未回复');
    expect(fileNosIn(join(await chat.press(STAFF, again[0].choices![0].id)))).toEqual(fileNosIn(rest));
  });

  it('ends the board with how to see a list', async () => {
    expect((await chat.say(STAFF, '体检')).split('\n').at(-1)).toBe('查看名单：体检 名单 未回复（或 已确认、改期、不参加、已到、未到）；改提醒天数：体检 提醒 编号 3,1');
  });

  it('changes the reminder days: the pending reminders of everyone ahead are rewritten, audited, invitations untouched', async () => {
    await answers();
    // 09:00 Shanghai, `days` before the appointment of `fileNo`.
    const at = async (fileNo: string, ...days: number[]) => {
      const date = (await appointmentOf(fileNo)).slot!.date;
      return days.map((d) => new Date(Date.parse(`${date}T01:00:00Z`) - d * 86_400_000).toISOString());
    };
    const before = await pendingReminders();
    // 3 and 1 days before; none for the declined, or for those with no account.
    expect(before).toEqual({ LM00001: await at('LM00001', 3, 1), LM00002: await at('LM00002', 3, 1), LM00003: [], LM00004: [], LM00005: await at('LM00005', 3, 1), LM00006: [] });
    expect(before.LM00002).toEqual(['2027-03-08T01:00:00.000Z', '2027-03-10T01:00:00.000Z']);
    // LM00001's and LM00005's invitations wait (no dispatcher here); the others went with their answer.
    const invitations = await t.db.notification.count({ where: { kind: 'checkup_invite', status: 'pending' } });
    expect(invitations).toBe(2);

    const reply = await chat.say(STAFF, `体检 提醒 ${id} 7，2`);
    expect(reply).toContain(`已把体检 #${id} 的提醒改为：体检前 7、2 天（上午 09:00）。3 人的提醒已重新安排：取消 6 条，新排 6 条`);
    expect(await pendingReminders()).toEqual({ LM00001: await at('LM00001', 7, 2), LM00002: await at('LM00002', 7, 2), LM00003: [], LM00004: [], LM00005: await at('LM00005', 7, 2), LM00006: [] });
    // The invitation not yet sent still goes.
    expect(await t.db.notification.count({ where: { kind: 'checkup_invite', status: 'pending' } })).toBe(invitations);
    const campaign = await t.db.checkupCampaign.findUniqueOrThrow({ where: { id } });
    expect(campaign.cadence).toBe('[-7,-2,1]');
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'checkup_campaign', entityId: id, action: 'update' } });
    expect(JSON.parse(audit.changes)).toMatchObject({ cadence: ['[-3,-1,1]', '[-7,-2,1]'] });
    expect(audit.actorLabel).toBe(`telegram:${STAFF.id}`);

    // Back to 3 and 1: the same reminders as at first, planned again.
    expect(await chat.say(STAFF, `体检 提醒 ${id} 3,1`)).toContain('取消 6 条，新排 6 条');
    expect(await pendingReminders()).toEqual(before);
    expect(await chat.say(STAFF, `体检 提醒 ${id} 1,3`)).toContain('已经是在体检前 3、1 天提醒，没有改动');
    expect(await chat.say(STAFF, `体检 提醒 ${id}`)).toContain(`体检 #${id} 现在在体检前 3、1 天提醒（上午 09:00）`);
  });

  it('sends no reminder whose time has passed, and leaves the reminders already due to go', async () => {
    const zhang = await appointmentOf('LM00001');
    const day = zhang.slot!.date;
    const at = (days: number) => new Date(Date.parse(`${day}T01:00:00Z`) - days * 86_400_000);
    // Two days before at 10:00 Shanghai: the 3-day reminder is due and not yet sent.
    chat.setNow(new Date(at(2).getTime() + 3_600_000));
    await chat.say(STAFF, `体检 提醒 ${id} 5,3,1`);
    const rows = await t.db.notification.findMany({ where: { appointmentId: zhang.id, kind: 'checkup_reminder', status: 'pending' }, orderBy: { dueAt: 'asc' } });
    expect(rows.map((r) => r.dueAt)).toEqual([at(3), at(1)]);
  });

  it('refuses a bad list of days, an unknown or closed campaign, and an honoree', async () => {
    expect(await chat.say(STAFF, '体检 提醒')).toContain('例如：体检 提醒 3 3,1');
    expect(await chat.say(STAFF, '体检 提醒 3,1')).toContain('例如：体检 提醒 3 3,1');
    expect(await chat.say(STAFF, '体检 提醒 999 3,1')).toContain('没有体检活动 #999');
    expect(await chat.say(STAFF, `体检 提醒 ${id} 3,0`)).toContain('不能在体检当天提醒');
    expect(await chat.say(STAFF, `体检 提醒 ${id} 3,61`)).toContain(`「61」不是天数：请写 1 到 60 之间的整数，用逗号分开，例如：体检 提醒 ${id} 3,1`);
    expect(await chat.say(STAFF, `体检 提醒 ${id} 2.5`)).toContain('「2.5」不是天数');
    expect(await chat.say(STAFF, `体检 提醒 ${id} ，`)).toContain('没有读到天数');
    expect(await chat.say(ZHANG, `体检 提醒 ${id} 7`)).toContain('请发送「我的体检」');
    // Nothing changed: 3 and 1 days before, for the four with an account.
    expect(Object.values(await pendingReminders()).flat()).toHaveLength(8);
    await chat.say(STAFF, `体检 结束 ${id}`);
    expect(await chat.say(STAFF, `体检 提醒 ${id} 7`)).toContain(`体检活动 #${id} 已经结束，不能再改提醒`);
    const campaign = await t.db.checkupCampaign.findUniqueOrThrow({ where: { id } });
    expect(campaign.cadence).toBe('[-3,-1,1]');
    expect(await t.db.notification.count({ where: { kind: 'checkup_reminder', status: 'pending' } })).toBe(0);
    // Only the closing is audited: no refused change is.
    expect(await t.db.auditEntry.count({ where: { entity: 'checkup_campaign', entityId: id, action: 'update' } })).toBe(1);
  });

  it('plans a slot’s reminders again when an honoree moves back to it', async () => {
    const first = (await appointmentOf('LM00001')).slot!;
    const first3 = await pendingReminders();
    await chat.say(ZHANG, '2');
    await chat.say(ZHANG, '1');
    expect((await appointmentOf('LM00001')).slotId).not.toBe(first.id);
    await chat.say(ZHANG, '2');
    expect(await chat.say(ZHANG, '1')).toContain('已为您改到新时间');
    expect((await appointmentOf('LM00001')).slotId).toBe(first.id);
    expect((await pendingReminders()).LM00001).toEqual(first3.LM00001);
  });
});

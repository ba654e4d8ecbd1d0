import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join, STAFF, testChat, type Person } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { bindHonoree, createCampaign } from '../support/checkups.ts';
import { demoWorld } from '../support/seed.ts';

/**
 * Honorees answer their checkup invitation by button or by a typed reply, whatever was said
 * since: confirm, another time (first come, first served, capacity kept), or not coming with a
 * reason. Answers that cannot count are told why, and change nothing. All invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z');
const ZHANG: Person = { channel: 'telegram', id: '5101', name: '张三' };
const DAUGHTER: Person = { channel: 'telegram', id: '5102', name: '李海燕的女儿' };
const WANG: Person = { channel: 'wechat', id: 'wxid_wang', name: '王建国' };

describe.each(PROVIDERS)('answering a checkup invitation on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let campaignId: number;
  beforeEach(async () => {
    ({ t, chat } = await demoWorld(provider, { now: NOW }));
    await bindHonoree(chat, ZHANG, 'LM00001');
    await bindHonoree(chat, DAUGHTER, 'LM00002', 'proxy');
    await bindHonoree(chat, WANG, 'LM00003');
    await createCampaign(chat, { slots: '2027-03-10 上午 2人\n2027-03-11 上午 2人\n2027-03-12 上午 3人', fileNos: ['LM00001', 'LM00002', 'LM00003'], preparation: '空腹' });
    campaignId = (await t.db.checkupCampaign.findFirstOrThrow()).id;
  });
  afterEach(() => t.destroy());

  const fileId = async (fileNo: string) => (await t.db.honoree.findUniqueOrThrow({ where: { fileNo } })).id;
  const appointmentOf = async (fileNo: string) => t.db.checkupAppointment.findFirstOrThrow({ where: { honoreeId: await fileId(fileNo) }, include: { slot: true } });
  const button = async (fileNo: string, code: 'c' | 'r' | 'd') => `ck:${(await appointmentOf(fileNo)).id}:${code}`;
  const pending = async (fileNo: string) => t.db.notification.count({ where: { appointmentId: (await appointmentOf(fileNo)).id, status: 'pending' } });
  const accountOf = async (who: Person) => (await t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: who.channel!, externalId: who.id } } })).id;

  it('confirms by button, with time, place and preparation; pressed twice, it says so and changes nothing', async () => {
    const first = join(await chat.press(ZHANG, await button('LM00001', 'c')));
    expect(first).toBe('好的，已为您确认体检，到时见！\n时间：3月10日（周三）上午 08:00–12:00\n地点：示例县人民医院，示例县健康路1号\n注意：空腹');
    const a = await appointmentOf('LM00001');
    expect(a).toMatchObject({ status: 'confirmed', answeredById: await accountOf(ZHANG) });
    expect(await t.db.auditEntry.count({ where: { entity: 'checkup_appointment', entityId: a.id, action: 'update' } })).toBe(1);
    expect(join(await chat.press(ZHANG, await button('LM00001', 'c')))).toContain('您已经确认过了');
    expect(await t.db.auditEntry.count({ where: { entity: 'checkup_appointment', entityId: a.id, action: 'update' } })).toBe(1);
  });

  it('frees a place once when the honoree and staff on the phone decline at the same moment', async () => {
    const before = (await appointmentOf('LM00002')).slot!;
    const answers = await Promise.all([chat.press(DAUGHTER, await button('LM00002', 'd')), chat.say(STAFF, '体检 代确认 LM00002 不参加 住院')]);
    const after = await appointmentOf('LM00002');
    expect(after).toMatchObject({ status: 'declined', slotId: null });
    // Whoever came second was told, and nothing was freed twice.
    expect((await t.db.checkupSlot.findUniqueOrThrow({ where: { id: before.id } })).taken).toBe(before.taken - 1);
    expect(join(answers[0]) + (answers[1] as string)).toMatch(/刚刚已经有人回复了这个邀请|已记下您这次不参加/);
  });

  it('shows the appointment under 我的体检, with how to answer', async () => {
    const mine = await chat.say(ZHANG, '我的体检');
    expect(mine).toContain('体检：3月10日（周三）上午 08:00–12:00，示例县人民医院（示例县健康路1号）——未回复');
    expect(mine).toContain('注意：空腹');
    expect(mine).toContain('请回复数字：1 确认参加，2 改期，3 不参加');
    await chat.say(ZHANG, '1');
    expect(await chat.say(ZHANG, '我的体检')).toContain('——已确认');
    await chat.say(ZHANG, '3');
    expect(await chat.say(ZHANG, '我的体检')).toContain('体检：2027 年这次您不参加');
  });

  it('takes a typed reply read generously, from a proxy too, even after other messages', async () => {
    expect(await chat.say(DAUGHTER, '我的体检')).toContain('李海燕');
    expect(await chat.say(DAUGHTER, '好的，谢谢！')).toContain('已为您确认体检');
    expect(await appointmentOf('LM00002')).toMatchObject({ status: 'confirmed', answeredById: await accountOf(DAUGHTER) });
    expect(await chat.say(WANG, '１')).toContain('已为您确认体检');
  });

  it('declines with a reason: the place goes back, the reminders are cancelled, the reason kept', async () => {
    const before = await appointmentOf('LM00001');
    expect(await pending('LM00001')).toBe(3);
    const declined = await chat.press(ZHANG, await button('LM00001', 'd'));
    expect(declined.at(-1)?.text).toContain('已记下您这次不参加');
    expect(declined.at(-1)?.choices?.map((c) => c.label)).toEqual(['已在别处体检', '身体不适', '外出不在家', '其他原因']);
    expect(await chat.say(ZHANG, '2')).toContain('谢谢，已记下');
    const after = await appointmentOf('LM00001');
    expect(after).toMatchObject({ status: 'declined', slotId: null, declineReason: 'ill' });
    expect((await t.db.checkupSlot.findUniqueOrThrow({ where: { id: before.slotId! } })).taken).toBe(before.slot!.taken - 1);
    expect(await pending('LM00001')).toBe(0);
    expect(await chat.say(ZHANG, '不去')).toContain('已记下您这次不参加');
  });

  it('reschedules to a slot with room; two racing for the last place: one gets it, the other is told and offered the rest', async () => {
    // One each: LM00001 on the 10th, LM00002 on the 11th, LM00003 on the 12th; the 10th has one place left.
    expect((await appointmentOf('LM00001')).slot?.date).toBe('2027-03-10');
    const lists = await Promise.all([chat.say(DAUGHTER, '2'), chat.say(WANG, '改期')]);
    for (const list of lists) expect(list).toMatch(/^1\. 3月10日（周三）上午/m);
    const [a, b] = await Promise.all([chat.say(DAUGHTER, '1'), chat.say(WANG, '1')]);
    const winners = [a, b].filter((x) => x.includes('已为您改到新时间'));
    const losers = [a, b].filter((x) => x.includes('这个时间刚刚约满了，请选其他时间'));
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]).not.toContain('3月10日（周三）');
    const slots = await t.db.checkupSlot.findMany({ orderBy: { date: 'asc' } });
    expect(slots.map((s) => s.taken)).toEqual([2, expect.any(Number), expect.any(Number)]);
    for (const s of slots) expect(s.taken).toBeLessThanOrEqual(s.capacity);
    expect(slots.reduce((n, s) => n + s.taken, 0)).toBe(3);
    const moved = (await t.db.checkupAppointment.findMany({ where: { rescheduled: true } })).length;
    expect(moved).toBe(1);
  });

  it('rewrites the reminders for the new slot in the same step: none is left for the old one', async () => {
    await chat.say(ZHANG, '2');
    await chat.say(ZHANG, '2'); // the 12th
    const a = await appointmentOf('LM00001');
    expect(a.slot?.date).toBe('2027-03-12');
    const reminders = await t.db.notification.findMany({ where: { appointmentId: a.id, kind: 'checkup_reminder' }, orderBy: { id: 'asc' } });
    expect(reminders.map((r) => [r.status, r.dueAt.toISOString()])).toEqual([
      ['cancelled', '2027-03-07T01:00:00.000Z'],
      ['cancelled', '2027-03-09T01:00:00.000Z'],
      ['pending', '2027-03-09T01:00:00.000Z'],
      ['pending', '2027-03-11T01:00:00.000Z'],
    ]);
  });

  it('refuses an answer from someone who is not the invitee, and after the campaign is closed', async () => {
    expect(join(await chat.press(WANG, await button('LM00001', 'c')))).toContain('这条体检邀请不是给您的');
    expect((await appointmentOf('LM00001')).status).toBe('invited');
    const closed = await chat.say(STAFF, `体检 结束 ${campaignId}`);
    expect(closed).toMatch(/体检活动 #\d+ 已结束：还没发出的 \d+ 条邀请和提醒已取消/);
    expect(await t.db.notification.count({ where: { kind: { startsWith: 'checkup' }, status: 'pending' } })).toBe(0);
    expect(join(await chat.press(ZHANG, await button('LM00001', 'c')))).toContain('这次体检已经结束');
    expect(await chat.say(ZHANG, '1')).not.toContain('已为您确认');
    expect((await appointmentOf('LM00001')).status).toBe('invited');
  });

  it('with two questions open, a digit answers the latest one and says which', async () => {
    // The list of other times comes after the invitation: 1 picks from the list.
    const list = await chat.say(ZHANG, '2');
    expect(list).toContain('请选一个新时间');
    // Then a reminder goes out, after the list: the invitation is the latest question now.
    chat.setNow(new Date(NOW.getTime() + 60_000));
    const a = await appointmentOf('LM00001');
    await t.db.notification.updateMany({ where: { appointmentId: a.id, kind: 'checkup_reminder' }, data: { status: 'sent', sentAt: new Date(NOW.getTime() + 30_000) } });
    const answer = await chat.say(ZHANG, '1');
    expect(answer).toContain('（这是对「体检邀请（3月10日（周三）上午 08:00–12:00）」的回复）');
    expect(answer).toContain('已为您确认体检');
    expect((await appointmentOf('LM00001')).slot?.date).toBe('2027-03-10');
  });

  it('with a list newer than the invitation, a digit picks from the list and says so', async () => {
    await chat.say(ZHANG, '2');
    const answer = await chat.say(ZHANG, '2');
    expect(answer).toContain('（这是对上面最新一个选择的回复）');
    expect(answer).toContain('已为您改到新时间');
  });
});

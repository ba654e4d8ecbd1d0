import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { bindCast, CAST, createCampaign } from '../support/checkups.ts';
import { demoWorld } from '../support/seed.ts';

/**
 * Whom staff should phone about a checkup, and why (no account, unsubscribed, no answer after
 * the silence days, a call to make again today), in the digest and under 体检 电话; what a call
 * came to, recorded with 体检 代确认 and audited with who recorded it. All invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z'); // Monday 10:00 in Shanghai
const DAY = 86_400_000;
const { ZHANG, ZHAO } = CAST;

describe.each(PROVIDERS)('checkup phone calls on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    ({ t, chat } = await demoWorld(provider, { now: NOW }));
    await bindCast(chat);
    await chat.say(ZHAO, '退订');
    // LM00004 has no account.
    await createCampaign(chat, { slots: '2027-03-10 上午 3人\n2027-03-11 上午 3人', fileNos: ['LM00001', 'LM00002', 'LM00003', 'LM00004', 'LM00005'] });
  });
  afterEach(() => t.destroy());

  const appointmentOf = async (fileNo: string) => t.db.checkupAppointment.findFirstOrThrow({ where: { honoreeId: (await t.db.honoree.findUniqueOrThrow({ where: { fileNo } })).id }, include: { slot: true } });
  const nameOf = async (fileNo: string) => (await t.db.honoree.findUniqueOrThrow({ where: { fileNo } })).name;
  const at = (days: number) => chat.setNow(new Date(NOW.getTime() + days * DAY));

  it('lists from the start those with no account or unsubscribed, and the silent after 3 days, in the digest', async () => {
    const today = await chat.say(STAFF, '今日');
    expect(today).toContain('🩺 体检');
    expect(today).toMatch(/#\d+ 示例县人民医院：确认 0\/5，未回复 5，不参加 0/);
    expect(today).toContain('需要电话联系 2 人：');
    expect(today).toContain(`${await nameOf('LM00004')}（LM00004，没有绑定账号）`);
    expect(today).toContain(`${await nameOf('LM00005')}（LM00005，已退订）`);
    expect(today).not.toContain('LM00001');
    at(3);
    const later = await chat.say(STAFF, '今日');
    expect(later).toContain('需要电话联系 5 人：');
    expect(later).toContain('张三（LM00001，3 天未回复）');
  });

  it('records a phone answer as the honoree’s, audited with who recorded it, and takes them off the list', async () => {
    const answer = await chat.say(STAFF, '体检 代确认 LM00004 确认');
    expect(answer).toContain(`已记录：${await nameOf('LM00004')}（LM00004）电话确认参加，3月`);
    const staff = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    const a = await appointmentOf('LM00004');
    expect(a).toMatchObject({ status: 'confirmed', answeredById: staff.id });
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'checkup_appointment', entityId: a.id, action: 'update' } });
    expect(audit).toMatchObject({ actorId: staff.id, actorLabel: `telegram:${STAFF.id}` });
    expect(await chat.say(STAFF, '今日')).not.toContain('LM00004');
  });

  it('"call later" leaves the list until that day', async () => {
    at(3);
    expect(await chat.say(STAFF, '体检 代确认 张三 稍后再打')).toContain('再打给 张三（LM00001）');
    expect(await chat.say(STAFF, '今日')).not.toContain('张三（LM00001');
    at(4);
    expect(await chat.say(STAFF, '今日')).toContain('张三（LM00001，约好今天再打）');
    expect(await chat.say(STAFF, '体检 代确认 张三 稍后再打 后年')).toContain('没有认出日期「后年」');
  });

  it('records a decline with its reason, a move to another slot, and the calls that end without an answer', async () => {
    expect(await chat.say(STAFF, '体检 代确认 LM00005 不参加 住院')).toContain('这次不参加，名额已释放');
    expect(await appointmentOf('LM00005')).toMatchObject({ status: 'declined', declineReason: 'ill', slotId: null });
    // Moved to a slot after declining: the audit shows what the move cleared, not only the slot.
    expect(await chat.say(STAFF, '体检 代确认 LM00005 改期')).toContain('改到哪个时间？');
    await chat.say(STAFF, '1');
    const moved = (await appointmentOf('LM00005'))!;
    const [entry] = await t.db.auditEntry.findMany({ where: { entity: 'checkup_appointment', entityId: moved.id, action: 'update' }, orderBy: { id: 'desc' }, take: 1 });
    expect(JSON.parse(entry.changes)).toMatchObject({ status: ['declined', 'confirmed'], declineReason: ['ill', null], slotId: [null, moved.slotId] });
    const list = await chat.say(STAFF, '体检 代确认 LM00002 改期');
    expect(list).toContain(`为 ${await nameOf('LM00002')}（LM00002）改到哪个时间？`);
    expect(await chat.say(STAFF, '1')).toContain('（LM00002）改到：3月');
    expect(await appointmentOf('LM00002')).toMatchObject({ status: 'confirmed', rescheduled: true });
    expect(await chat.say(STAFF, '体检 代确认 LM00003 联系不上')).toContain('联系不上');
    expect(await chat.say(STAFF, '体检 代确认 LM00004 号码错误')).toContain('修改 LM00004 电话');
    const calls = await chat.say(STAFF, '体检 电话');
    expect(calls).toContain('（LM00003，联系不上）');
    expect(calls).toContain('（LM00004，号码错误）');
    at(5);
    // Ended calls wait for a decision on the board; the digest lists calls still to make.
    const today = await chat.say(STAFF, '今日');
    expect(today).not.toContain('LM00003');
    expect(today).toContain('张三（LM00001，5 天未回复）');
  });

  it('records a death: the place is freed, nothing more is sent, the file is left to staff to change', async () => {
    const before = await appointmentOf('LM00001');
    expect(await chat.say(STAFF, '体检 代确认 LM00001 已故')).toContain('修改 LM00001 就业状态 离世');
    expect(await appointmentOf('LM00001')).toMatchObject({ status: 'declined', callOutcome: 'deceased', slotId: null });
    expect(await t.db.notification.count({ where: { appointmentId: before.id, status: 'pending' } })).toBe(0);
  });

  it('says how to use it, and who is not invited', async () => {
    expect(await chat.say(STAFF, '体检 代确认 张三')).toContain('例如：体检 代确认 张三 确认');
    expect(await chat.say(STAFF, '体检 代确认 LM00030 确认')).toContain('不在进行中的体检活动里');
    expect(await chat.say(ZHANG, '体检 代确认 LM00004 确认')).toContain('请发送「我的体检」');
    expect((await appointmentOf('LM00004')).status).toBe('invited');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { officeWorld } from '../support/seed.ts';

/**
 * The festival calendar as the office sees and keeps it (节日): the library's dates, the admins'
 * entries over them (a date moved, a festival of their own, a festival's plans switched off, the
 * official days off of a year the library does not have), and from November a line in the digest
 * while next year's days off are unknown. All invented.
 */
const NOW = new Date('2026-11-23T02:00:00Z');

describe.each(PROVIDERS)('the festival calendar on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    ({ t, chat } = await officeWorld(provider, { now: NOW }));
  });
  afterEach(() => t.destroy());

  it('lists a year’s festivals with their dates, plans and days off; a year past the data says unknown', async () => {
    const y2026 = await chat.say(STAFF, '节日');
    expect(y2026).toContain('【2026 年节日】');
    expect(y2026).toContain('春节：2026-02-17（周二） · 放假 · 走访计划开');
    expect(y2026).toContain('元旦：2026-01-01（周四） · 放假 · 走访计划关');
    expect(y2026).toContain('2026 年放假安排：节日库里有。');
    const y2027 = await chat.say(STAFF, '节日 2027');
    expect(y2027).toContain('春节：2027-02-06（周六） · 放假安排未知 · 走访计划开');
    expect(y2027).toContain('重阳节：2027-10-08（周五） · 放假安排未知 · 走访计划开');
    expect(y2027).toContain('2027 年放假安排：未知（节日库只到 2026 年）');
    expect(await chat.say(STAFF, '节日 明年')).toContain('例如：节日 2027');
  });

  it('takes the admins’ entries over the library’s, audited; staff may only look', async () => {
    expect(await chat.say(STAFF, '节日 改 春节 2027-02-07')).toContain('需要管理员');
    expect(await chat.say(ADMIN, '节日 改 春节 2027-02-07')).toContain('已把 春节 改到 2027-02-07');
    expect(await chat.say(ADMIN, '节日 改 春节 2027-02-30')).toContain('例如：节日 改 春节 2027-02-07');
    expect(await chat.say(ADMIN, '节日 关 中秋节')).toContain('已关闭：中秋节');
    expect(await chat.say(ADMIN, '节日 开 国庆')).toContain('已开启：国庆节');
    expect(await chat.say(ADMIN, '节日 新增 建党节 2027-07-01')).toContain('已新增节日「建党节」：2027-07-01');
    expect(await chat.say(ADMIN, '节日 关 圣诞')).toContain('没有叫「圣诞」的节日');
    // The words people use: 五一 is May Day, as its key and its English name are.
    expect(await chat.say(ADMIN, '节日 关 五一')).toContain('已关闭：劳动节');
    expect(await chat.say(ADMIN, '节日 开 may day')).toContain('已开启：劳动节');
    expect(await chat.say(ADMIN, '节日 放假 2027-02-05至2027-02-12')).toContain('已录入放假 8 天：2027-02-05 至 2027-02-12');
    expect(await chat.say(ADMIN, '节日 上班 2027-02-14、2027-02-20')).toContain('已录入调休上班 2 天');
    const y2027 = await chat.say(STAFF, '节日 2027');
    expect(y2027).toContain('春节：2027-02-07（周日） · 放假 · 走访计划开（管理员设定的日期）');
    expect(y2027).toContain('中秋节：2027-09-15（周三） · 放假安排未知 · 走访计划关');
    expect(y2027).toContain('国庆节：2027-10-01（周五） · 放假安排未知 · 走访计划开');
    expect(y2027).toContain('建党节：2027-07-01（周四） · 放假安排未知 · 走访计划开（管理员设定的日期）');
    expect(y2027).toContain('2027 年放假安排：管理员已录入 10 天。');
    // Only that year moved; the next is the library's again.
    expect(await chat.say(STAFF, '节日 2028')).toContain('春节：2028-01-26');
    expect(await t.db.auditEntry.count({ where: { entity: { in: ['festival_entry', 'holiday_day'] } } })).toBe(2 + 2 + 10 + 1 + 2);
  });

  it('tells each admin privately once a week from November while next year’s days off are unknown, until entered', async () => {
    chat = testChat(t.db, { now: NOW, routes: () => [{ channel: 'telegram', via: '' }] });
    const remind = (iso: string) => chat.core.planners.find((p) => p.name === 'holiday-data')!.run(new Date(iso));
    const notices = () => t.db.notification.findMany({ where: { messageKey: 'festivals.notice_missing' }, orderBy: { id: 'asc' } });
    await remind('2026-10-31T02:00:00Z');
    expect(await notices()).toEqual([]);
    await remind('2026-11-02T02:00:00Z'); // a Monday
    await remind('2026-11-05T02:00:00Z'); // the same week
    const [first, ...rest] = await notices();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ chatId: ADMIN.id, chatKind: 'private', params: JSON.stringify({ year: '2027', last: '2026' }) });
    expect(chat.core.i18n.for('zh-CN')('festivals.notice_missing', { year: '2027', last: '2026' })).toContain('明年（2027 年）的放假和调休安排还没有（节日库只到 2026 年）');
    await remind('2026-11-09T02:00:00Z'); // the next week
    expect(await notices()).toHaveLength(2);
    await chat.say(ADMIN, '节日 放假 2027-01-01');
    await remind('2026-11-16T02:00:00Z');
    expect(await notices()).toHaveLength(2);
    expect(await t.db.notification.count({ where: { messageKey: 'festivals.notice_missing', chatId: STAFF.id } })).toBe(0);
    // In 2028, with none of 2028's days entered, admins are asked about the current year, all year.
    await remind('2028-03-06T02:00:00Z');
    expect(await t.db.notification.count({ where: { messageKey: 'festivals.notice_missing_now' } })).toBe(1);
  });
});

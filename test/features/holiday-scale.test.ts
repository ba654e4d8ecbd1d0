import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, STAFF } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { officeWorld } from '../support/seed.ts';
import type { testChat } from '../support/chat.ts';

/**
 * A city's numbers, not a county's: a visit plan and a subsidy list of 1,500 people. SQLite takes
 * at most 999 values in a statement, so nothing may put every person's id in one. All invented.
 */
const PEOPLE = 1_500;
const AT = (iso: string) => new Date(`${iso}T02:00:00Z`);

describe.each(PROVIDERS)(`plans and payment lists of ${PEOPLE} people on %s`, (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    ({ t, chat } = await officeWorld(provider, { now: AT('2027-01-16') }));
    await t.db.honoree.createMany({ data: Array.from({ length: PEOPLE }, (_, i) => ({ fileNo: `LM${String(i + 1).padStart(5, '0')}`, name: `测试${i + 1}`, pinyinFull: `c${i}`, pinyinInitials: `c${i}` })) });
    const ids = (await t.db.honoree.findMany({ select: { id: true } })).map((h) => h.id);
    await t.db.honour.createMany({ data: ids.map((honoreeId) => ({ honoreeId, category: 'model_worker', level: 'provincial', year: 2010 })) });
  }, 60_000);
  afterEach(() => t.destroy());

  it(`drafts, shows, exports and follows a plan of ${PEOPLE}`, async () => {
    await chat.core.planners.find((p) => p.name === 'visit-plans')!.run(AT('2027-01-16'));
    expect(await t.db.visitPlanEntry.count()).toBe(PEOPLE);
    expect(await chat.say(STAFF, '走访计划')).toContain(`计划 ${PEOPLE} 人`);
    expect((await chat.replies(STAFF, '走访计划 导出'))[0].file?.data.length).toBeGreaterThan(10_000);
    expect(await chat.say(STAFF, '今日')).toContain(`走访进度：0/${PEOPLE} 人`);
    chat.setNow(AT('2027-02-10'));
    expect(await chat.say(STAFF, '今日')).toContain(`未走访 ${PEOPLE} 人`);
  }, 60_000);

  it(`draws, lists, pays and re-prices a subsidy of ${PEOPLE}`, async () => {
    chat.setNow(AT('2026-12-10'));
    for (const answer of ['补助 政策', '省级劳模慰问金', '省级劳模', '1', '2000', '1月20日', '2027']) await chat.say(ADMIN, answer);
    expect(await chat.say(ADMIN, '1')).toContain(`2027 年发放名单已生成：${PEOPLE} 人`);
    expect(await chat.say(STAFF, '补助 名单')).toContain(`还有 ${PEOPLE - 100} 人`);
    chat.setNow(AT('2027-01-10'));
    await chat.say(STAFF, '补助 已发 测试1 PB1');
    expect(await chat.say(ADMIN, '补助 修改 1 金额 2500')).toContain(`${PEOPLE - 1} 笔未发的随之更新；已发的 1 笔保持原样`);
    expect(await chat.say(STAFF, '补助 已发 全部 PB2')).toContain(`已登记 2027 年补助发放 ${PEOPLE - 1} 笔，共 ${((PEOPLE - 1) * 2500).toLocaleString('en-US')}元`);
    expect(await t.db.auditEntry.count({ where: { entity: 'subsidy_payment' } })).toBe(1 + (PEOPLE - 1) * 2);
    expect(await t.db.subsidyPayment.count({ where: { status: 'paid' } })).toBe(PEOPLE);
  }, 60_000);
});

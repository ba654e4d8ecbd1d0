import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { yearStats } from '../../src/features/stats/index.ts';
import { STAFF, type testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { officeWorld } from '../support/seed.ts';

/**
 * 统计 over a crafted office, every figure counted by hand below. All invented.
 *
 * People (on 2026): 甲 provincial model worker 2015 and municipal craftsman 2020 (示例供电局);
 * 乙 municipal model worker 2018 (示例供电局); 丙 county craftsman 2021; 丁 county craftsman 2022
 * and municipal master craftsman 2023; 戊 national model worker, deceased; 己 county advanced
 * worker of 2027 (not yet in 2026); 庚 municipal advanced worker 2019 (示例医院); 辛 provincial
 * model worker who left.
 * Counted in 2026: 甲 乙 丙 丁 庚 = 5; by highest level: provincial 甲, municipal 乙 丁 庚, county 丙.
 */
const PEOPLE = [
  { name: '甲', status: 'retired', employer: '示例供电局', honours: [['model_worker', 'provincial', 2015], ['craftsman', 'municipal', 2020]] },
  { name: '乙', status: 'employed', employer: '示例供电局', honours: [['model_worker', 'municipal', 2018]] },
  { name: '丙', status: 'employed', employer: null, honours: [['craftsman', 'county', 2021]] },
  { name: '丁', status: 'employed', employer: null, honours: [['craftsman', 'county', 2022], ['master_craftsman', 'municipal', 2023]] },
  { name: '戊', status: 'deceased', employer: null, honours: [['model_worker', 'national', 2010]] },
  { name: '己', status: 'employed', employer: null, honours: [['advanced_worker', 'county', 2027]] },
  { name: '庚', status: 'employed', employer: '示例医院', honours: [['advanced_worker', 'municipal', 2019]] },
  { name: '辛', status: 'left', employer: null, honours: [['model_worker', 'provincial', 2012]] },
] as const;

describe.each(PROVIDERS)('statistics (统计) on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  const id = new Map<string, number>();
  beforeEach(async () => {
    ({ t, chat } = await officeWorld(provider, { now: new Date('2026-12-20T02:00:00Z') }));
    for (const [i, p] of PEOPLE.entries()) {
      // Ids far apart, as after years of deletions.
      const row = await t.db.honoree.create({ data: { id: 1 + i * 9_999, fileNo: `LM${String(i + 1).padStart(5, '0')}`, name: `${p.name}某`, pinyinFull: `p${i}`, pinyinInitials: `p${i}`, employmentStatus: p.status, employer: p.employer } });
      id.set(p.name, row.id);
      for (const [category, level, year] of p.honours) await t.db.honour.create({ data: { honoreeId: row.id, category, level, year } });
    }
    for (const [teamName, category, year] of [['变电班', 'worker_pioneer', 2026], ['线路班', 'worker_pioneer', 2026], ['示例厂', 'may_day_award', 2026], ['老班组', 'worker_pioneer', 2025]] as const) {
      await t.db.collectiveHonour.create({ data: { teamName, category, level: 'municipal', year } });
    }
    const visit = (who: string, kind: string, visitDate: string, moneyFen = 0) => t.db.visit.create({ data: { honoreeId: id.get(who)!, kind, visitDate, moneyFen } });
    await visit('甲', 'in_person', '2026-01-20', 50_000);
    await visit('甲', 'phone', '2026-09-10');
    await visit('丙', 'letter', '2026-02-01');
    await visit('戊', 'in_person', '2026-03-01', 80_000); // deceased: not counted
    await visit('乙', 'in_person', '2025-12-30', 30_000); // last year
    const campaign = await t.db.checkupCampaign.create({ data: { year: 2026, hospital: '示例医院', address: '健康路1号', status: 'closed', cadence: '[-3,-1,1]', createdById: 1, createdAt: new Date() } });
    for (const [who, status] of [['甲', 'attended'], ['乙', 'invited'], ['丙', 'no_show']] as const) {
      await t.db.checkupAppointment.create({ data: { campaignId: campaign.id, honoreeId: id.get(who)!, status, invitedAt: new Date(), createdAt: new Date(), updatedAt: new Date() } });
    }
    const policy = await t.db.subsidyPolicy.create({ data: { name: '春节慰问金', honours: '[]', amountFen: 200_000, scheduleKind: 'fixed', fixedDate: '01-20', fromYear: 2026, createdAt: new Date(), updatedAt: new Date() } });
    for (const [who, status] of [['甲', 'paid'], ['乙', 'unpaid'], ['戊', 'void']] as const) {
      await t.db.subsidyPayment.create({ data: { policyId: policy.id, honoreeId: id.get(who)!, period: 2026, amountFen: 200_000, dueDate: '2026-01-20', status, createdAt: new Date(), updatedAt: new Date() } });
    }
    for (const [who, priorityHardship, priorityHealth] of [['甲', true, false], ['丙', false, true], ['庚', true, true], ['乙', false, false]] as const) {
      await t.db.survey.create({ data: { honoreeId: id.get(who)!, year: 2026, priorityHardship, priorityHealth } });
    }
  });
  afterEach(() => t.destroy());

  it('words the year as the report upward, every figure as counted by hand', async () => {
    expect((await chat.say(STAFF, '统计')).split('\n')).toEqual([
      '【2026 年劳模工作统计】',
      '共有各级劳动模范和先进工作者 5 人，其中省级 1 人、市级 3 人、县级 1 人。',
      '按荣誉：省级劳动模范 1 人、市级劳动模范 1 人、市级先进工作者 1 人、市级工匠 1 人、县级工匠 2 人、市级名匠 1 人。',
      '集体荣誉：工人先锋号 2 个，五一劳动奖状 1 个。',
      '走访慰问 3 人次，覆盖 2 人（上门走访 1、电话慰问 1、慰问信 1），慰问金 500元。',
      '健康体检：邀请 3 人，已体检 1 人，完成 33%。',
      '专项补助：已发 1 人次 2,000元，未发 1 人次 2,000元。',
      '重点登记 3 人（困难 2 人，健康 2 人）。',
    ]);
  });

  it('adds up to the same figures counted a few people at a time as all at once', async () => {
    for (const filter of [{ year: 2026 }, { year: 2026, category: 'craftsman' as const }]) {
      const whole = await yearStats(t.db, filter);
      expect(whole.honorees).toBe(filter.category ? 3 : 5);
      for (const size of [1, 2, 3]) expect(await yearStats(t.db, filter, size)).toEqual(whole);
    }
  });

  it('filters by level, category and employer', async () => {
    expect(await chat.say(STAFF, '统计 2026 省级')).toContain('共有各级劳动模范和先进工作者 1 人，其中省级 1 人。');
    const craftsmen = await chat.say(STAFF, '统计 工匠');
    expect(craftsmen).toContain('【2026 年劳模工作统计】（工匠）');
    expect(craftsmen).toContain('共有各级劳动模范和先进工作者 3 人，其中市级 1 人、县级 2 人。');
    const employer = await chat.say(STAFF, '统计 单位:示例供电局');
    expect(employer).toContain('共有各级劳动模范和先进工作者 2 人，其中省级 1 人、市级 1 人。');
    expect(employer).toContain('走访慰问 2 人次，覆盖 1 人');
    expect(employer).toContain('专项补助：已发 1 人次 2,000元，未发 1 人次 2,000元。');
    // 2027: 己's honour counts now.
    expect(await chat.say(STAFF, '统计 2027')).toContain('共有各级劳动模范和先进工作者 6 人，其中省级 1 人、市级 3 人、县级 2 人。');
  });

  it('sends the chart with the words: one reply, a PNG of the year', async () => {
    const [reply, ...more] = await chat.replies(STAFF, '统计 2026 工匠');
    expect(more).toEqual([]);
    expect(reply.text).toContain('【2026 年劳模工作统计】（工匠）');
    expect(reply.image).toMatchObject({ name: 'honorcare-stats-2026.png', mimeType: 'image/png' });
    expect([...reply.image!.data.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('says what was not understood, with examples; not in a group', async () => {
    expect(await chat.say(STAFF, '统计 去年')).toContain('没有看懂「去年」。例如：统计 2026');
    expect(await chat.say(STAFF, '统计', { group: 'g-1' })).not.toContain('2,000元');
    expect((await chat.replies(STAFF, '统计', { group: 'g-1' })).some((r) => r.image)).toBe(false);
  });
});

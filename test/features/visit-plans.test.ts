import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

/**
 * A festival's holiday-visit plan: drafted 21 days before Spring Festival 2027 (6 February) from a
 * crafted set of files, each reason for need represented, the neediest first; adjusted by staff;
 * exported as a sheet; its progress in the digest from visits logged with 走访 in its window; the
 * summary the day after the window, with the missed by name. Under two process time zones. All
 * invented.
 */
const AT = (iso: string) => new Date(`${iso}T02:00:00Z`); // 10:00 in Shanghai that day
const RECENT = '2026-12-01';

/** The crafted files, in the order the plan must put them, with how each is to be visited. */
const PEOPLE = [
  { name: '甲困难', survey: { priorityHardship: true }, kind: '上门走访', why: '困难' },
  { name: '乙病重', survey: { priorityHealth: true }, kind: '上门走访', why: '健康状况差' },
  { name: '丁逢十', birthDate: '1957-01-20', kind: '上门走访', why: '逢十生日' }, // turns 70 in the window
  { name: '丙高龄', birthDate: '1940-05-01', kind: '上门走访', why: '80 岁以上' },
  { name: '戊七旬', birthDate: '1952-06-01', kind: '电话慰问', why: '70 岁以上' },
  { name: '己下岗', status: 'unemployed', kind: '电话慰问', why: '企业破产或失业' },
  { name: '庚独居', survey: { familyMembers: '子女在外地，独居' }, kind: '上门走访', why: '独居' },
  { name: '辛丧偶', survey: { familyMembers: '老伴今年病故' }, kind: '上门走访', why: '家中新丧' },
  { name: '壬未访', lastVisit: null, kind: '慰问信', why: '一年多没走访' },
  { name: '癸久访', lastVisit: '2026-06-01', kind: '慰问信', why: '' },
  { name: '子近访', kind: '慰问信', why: '' },
] as const;

for (const tz of ['UTC', 'Asia/Shanghai']) {
  describe.each(PROVIDERS)(`holiday-visit plans on %s, the process in ${tz}`, (provider) => {
    const saved = process.env.TZ;
    beforeAll(() => void (process.env.TZ = tz));
    afterAll(() => void (process.env.TZ = saved));

    let t: TestDb;
    let chat: ReturnType<typeof testChat>;
    beforeEach(async () => {
      t = await freshDb(provider);
      await seedAccounts(t.db);
      for (const [i, p] of PEOPLE.entries()) {
        const row = await t.db.honoree.create({
          data: { fileNo: `LM${String(i + 1).padStart(5, '0')}`, name: p.name, pinyinFull: `p${i}`, pinyinInitials: `p${i}`, birthDate: 'birthDate' in p ? p.birthDate : '1970-03-01', employmentStatus: 'status' in p ? p.status : 'employed' },
        });
        if ('survey' in p) await t.db.survey.create({ data: { honoreeId: row.id, year: 2026, ...p.survey } });
        const last = 'lastVisit' in p ? p.lastVisit : RECENT;
        if (last) await t.db.visit.create({ data: { honoreeId: row.id, kind: 'phone', visitDate: last } });
      }
      await t.db.honoree.create({ data: { fileNo: 'LM00099', name: '丑已故', pinyinFull: 'c', pinyinInitials: 'c', employmentStatus: 'deceased', birthDate: '1930-01-01' } });
      chat = testChat(t.db, { now: AT('2027-01-16') });
    });
    afterEach(() => t.destroy());

    const draft = (iso: string) => chat.core.planners.find((p) => p.name === 'visit-plans')!.run(AT(iso));
    const digestOn = async (iso: string) => {
      chat.setNow(AT(iso));
      return chat.say(STAFF, '今日');
    };
    const planNames = (text: string) => [...text.matchAll(/^\d+\. (\S+?)（/gm)].map((m) => m[1]);

    it('drafts the plan 21 days before, once, the neediest first, saying why and how; not the deceased', async () => {
      await draft('2027-01-15');
      expect(await t.db.visitPlan.count()).toBe(0);
      await draft('2027-01-16');
      await draft('2027-01-17');
      expect(await t.db.visitPlan.findMany({ select: { festival: true, year: true, festivalDate: true, windowStart: true, windowEnd: true } })).toEqual([
        { festival: 'spring_festival', year: 2027, festivalDate: '2027-02-06', windowStart: '2027-01-16', windowEnd: '2027-02-09' },
      ]);
      const plan = await chat.say(STAFF, '走访计划');
      expect(plan).toContain('【2027 年春节走访计划】2027-02-06 · 计划 11 人 · 已走访 0 人（进行中）');
      expect(planNames(plan)).toEqual(PEOPLE.map((p) => p.name));
      for (const p of PEOPLE) expect(plan).toMatch(new RegExp(`${p.name}（LM\\d+）${p.kind} · ${p.why || '\\S*'}`));
      expect(plan).not.toContain('丑已故');
      // Named by the festival, in either language.
      expect(await chat.say(STAFF, '走访计划 春节')).toBe(plan);
      expect(await chat.say(STAFF, '/plan the Spring Festival')).toBe(plan);
      expect(await chat.say(STAFF, '走访计划', { group: 'g-1' })).not.toContain('困难');
    });

    it('drafts as many days before as the office set (HONORCARE_PLAN_LEAD_DAYS)', async () => {
      chat = testChat(t.db, { now: AT('2027-01-07'), planLeadDays: 30 });
      await draft('2027-01-06');
      expect(await t.db.visitPlan.count()).toBe(0);
      await draft('2027-01-07');
      expect(await t.db.visitPlan.findFirstOrThrow()).toMatchObject({ windowStart: '2027-01-07', windowEnd: '2027-02-09' });
    });

    it('lets staff add, take off, change and assign, each audited; a closed plan stays as it was', async () => {
      await draft('2027-01-16');
      expect(await chat.say(STAFF, '走访计划 派 甲困难、乙病重 工作人员小李')).toContain('已把 2 人交给 工作人员小李');
      expect(await chat.say(STAFF, '走访计划 改 癸久访 电话')).toContain('已把 1 人改为电话慰问');
      expect(await chat.say(STAFF, '走访计划 删 子近访')).toContain('已从计划中去掉 1 人');
      await t.db.honoree.create({ data: { fileNo: 'LM00050', name: '寅新增', pinyinFull: 'y', pinyinInitials: 'y' } });
      expect(await chat.say(STAFF, '走访计划 加 寅新增 慰问信')).toContain('已加入 1 人（慰问信）');
      expect(await chat.say(STAFF, '走访计划 加 丑已故')).toContain('没有找到：丑已故');
      expect(await chat.say(STAFF, '走访计划 派 甲困难 查无此人')).toContain('没有找到工作人员「查无此人」');
      expect(await chat.say(STAFF, '走访计划 改 甲困难 开会')).toContain('例如：走访计划 改 张三 电话');
      const plan = await chat.say(STAFF, '走访计划');
      expect(plan).toContain('甲困难（LM00001）上门走访 · 困难 · 工作人员小李');
      expect(plan).toContain('癸久访（LM00010）电话慰问');
      expect(plan).toContain('寅新增（LM00050）慰问信 · 手动加入 · 未分配');
      expect(plan).not.toContain('子近访');
      expect(await t.db.auditEntry.count({ where: { entity: 'visit_plan_entry' } })).toBe(5);
      await draft('2027-02-10');
      expect(await chat.say(STAFF, '走访计划 加 子近访')).toContain('这个走访计划已经结束');
    });

    it('exports the plan as a sheet: headers, the order, how, why and who goes', async () => {
      await draft('2027-01-16');
      await chat.say(STAFF, '走访计划 派 甲困难 工作人员小李');
      const [reply] = await chat.replies(STAFF, '走访计划 导出');
      expect(reply.text).toContain('2027 年春节走访计划（表格）');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(reply.file!.data) as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      expect(sheet.name).toBe('2027春节走访计划');
      expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['序号', '姓名', '档案号', '方式', '原因', '负责人', '走访日期']);
      expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual([1, '甲困难', 'LM00001', '上门走访', '困难', '工作人员小李', '']);
      expect(sheet.rowCount).toBe(1 + PEOPLE.length);
    });

    it('counts visits logged in the window toward the plan, reminds 14 and 3 days before, and sums up after', async () => {
      await draft('2027-01-16');
      await chat.say(STAFF, '走访计划 派 甲困难、乙病重 工作人员小李');
      expect(await digestOn('2027-01-22')).toContain('春节（2027-02-06）走访进度：0/11 人');
      // A visit before the window does not count; one in it does, however it was logged.
      await t.db.visit.create({ data: { honoreeId: (await t.db.honoree.findFirstOrThrow({ where: { name: '乙病重' } })).id, kind: 'in_person', visitDate: '2027-01-15' } });
      chat.setNow(AT('2027-01-20'));
      await chat.say(STAFF, '走访 甲困难 上门 慰问金500元 礼品:米、油');
      const reminder = await digestOn('2027-01-23');
      expect(reminder).toContain('春节（2027-02-06）还有 14 天：已走访 1/11 人');
      expect(reminder).toContain('工作人员小李 1/2、未分配 0/9');
      expect(await digestOn('2027-02-03')).toContain('还有 3 天');
      expect(await chat.say(STAFF, '走访计划')).toContain('甲困难（LM00001）上门走访 · 困难 · 工作人员小李 ✓ 2027-01-20 已走访');
      const after = await digestOn('2027-02-10');
      expect(after).toContain('春节走访结束：走访 1/11 人（上门走访 1），慰问金 500元，礼品 1 份');
      // In a group, no money: one visit's 慰问金 would be one person's.
      await chat.say(ADMIN, '绑定群', { group: 'g-office' });
      await chat.core.planners.find((p) => p.name === 'digest')!.run(AT('2027-02-10'));
      const posted = await t.db.notification.findFirstOrThrow({ where: { kind: 'digest' } });
      expect(posted.params).toContain('春节走访结束：走访 1/11 人（上门走访 1），礼品 1 份');
      expect(posted.params).not.toContain('500');
      expect(after).toContain('未走访 10 人：乙病重（LM00002）、丁逢十（LM00003）');
      expect(await digestOn('2027-02-11')).not.toContain('春节走访');
    });

    it('drafts no plan for a festival the admins switched off, and one on the admins’ date for one they moved', async () => {
      await chat.say(ADMIN, '节日 关 春节');
      await draft('2027-01-20');
      expect(await t.db.visitPlan.count()).toBe(0);
      await chat.say(ADMIN, '节日 开 春节');
      await chat.say(ADMIN, '节日 改 春节 2027-02-20');
      await draft('2027-01-20');
      expect(await t.db.visitPlan.count()).toBe(0);
      await draft('2027-01-30');
      expect(await t.db.visitPlan.findFirstOrThrow()).toMatchObject({ festivalDate: '2027-02-20', windowStart: '2027-01-30' });
      // Moved again once drafted: the open plan follows, its window reaching 3 days past the new date.
      await chat.say(ADMIN, '节日 改 春节 2027-02-22');
      await draft('2027-01-31');
      expect(await t.db.visitPlan.findFirstOrThrow()).toMatchObject({ festivalDate: '2027-02-22', windowStart: '2027-01-30', windowEnd: '2027-02-25' });
    });
  });
}

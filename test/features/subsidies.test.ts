import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

/**
 * The special subsidy: a policy admins set up in a guided conversation, the payment list drawn
 * from it and the files (the same however often it is drawn), reminders in the digest 14 and 3
 * days before and daily once overdue, payments marked paid one by one or all at once, a reversal
 * with its reason, and a change of amount that leaves what was paid alone. Run under two process
 * time zones: the office's dates must not move with the machine's. All invented.
 */
const AT = (iso: string) => new Date(`${iso}T02:00:00Z`); // 10:00 in Shanghai that day

/** The crafted files: who holds what, and whether the provincial-and-above policy pays them for 2027. */
const PEOPLE = [
  { name: '甲退休', status: 'retired', honours: [['model_worker', 'provincial', 2015]], paid: true },
  { name: '乙全国', status: 'employed', honours: [['model_worker', 'national', 2010]], paid: true },
  { name: '丙市级', status: 'employed', honours: [['model_worker', 'municipal', 2018]], paid: false },
  { name: '丁已故', status: 'deceased', honours: [['model_worker', 'provincial', 2012]], paid: false },
  { name: '戊先进', status: 'employed', honours: [['advanced_worker', 'provincial', 2019]], paid: false },
  { name: '己新评', status: 'employed', honours: [['model_worker', 'provincial', 2027]], paid: true },
  { name: '庚两项', status: 'retired', honours: [['model_worker', 'municipal', 2008], ['model_worker', 'provincial', 2016]], paid: true },
] as const;

for (const tz of ['UTC', 'Asia/Shanghai']) {
  describe.each(PROVIDERS)(`subsidies on %s, the process in ${tz}`, (provider) => {
    const saved = process.env.TZ;
    beforeAll(() => void (process.env.TZ = tz));
    afterAll(() => void (process.env.TZ = saved));

    let t: TestDb;
    let chat: ReturnType<typeof testChat>;
    const ids = new Map<string, { id: number; fileNo: string }>();
    beforeEach(async () => {
      t = await freshDb(provider);
      await seedAccounts(t.db);
      for (const [i, p] of PEOPLE.entries()) {
        const fileNo = `LM${String(i + 1).padStart(5, '0')}`;
        const row = await t.db.honoree.create({ data: { fileNo, name: p.name, pinyinFull: `p${i}`, pinyinInitials: `p${i}`, employmentStatus: p.status } });
        for (const [category, level, year] of p.honours) await t.db.honour.create({ data: { honoreeId: row.id, category, level, year } });
        ids.set(p.name, { id: row.id, fileNo });
      }
      chat = testChat(t.db, { now: AT('2026-12-10') });
    });
    afterEach(() => t.destroy());

    const payments = () => t.db.subsidyPayment.findMany({ orderBy: [{ policyId: 'asc' }, { honoreeId: 'asc' }] });
    const drawNightly = (iso: string) => chat.core.planners.find((p) => p.name === 'subsidies')!.run(AT(iso));
    const digestOn = async (iso: string) => {
      chat.setNow(AT(iso));
      return chat.say(STAFF, '今日');
    };
    /** The admin sets up "provincial model workers and above, 2,000 yuan, every 20 January, from 2027". */
    async function setUpPolicy(): Promise<string> {
      for (const answer of ['补助 政策', '省级以上劳模春节慰问金', '省级以上劳模', '1', '2000', '1月20日', '2027']) await chat.say(ADMIN, answer);
      return chat.say(ADMIN, '1');
    }

    it('ends the form once the policy is saved, even when its first draw fails: the nightly draw makes the list', async () => {
      if (provider !== 'sqlite') return expect(provider).toBe('postgres');
      // A real failure of the database, not a mock: every payment written is refused.
      await t.db.$executeRawUnsafe(`CREATE TRIGGER "refuse_payments" BEFORE INSERT ON "SubsidyPayment" BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`);
      chat.setNow(AT('2027-01-10'));
      const saved = await setUpPolicy();
      expect(saved).toContain('名单这次没有生成成功，今晚会自动生成');
      expect(await t.db.subsidyPolicy.count()).toBe(1);
      // Pressing 确认保存 again saves nothing more: the form is over.
      expect(await chat.say(ADMIN, '1')).not.toContain('已保存');
      expect(await t.db.subsidyPolicy.count()).toBe(1);
      await t.db.$executeRawUnsafe('DROP TRIGGER "refuse_payments"');
      await drawNightly('2027-01-11');
      expect(await t.db.subsidyPayment.count()).toBeGreaterThan(0);
    });

    it('drops a policy form whose admin was made staff half-way, and saves nothing', async () => {
      for (const answer of ['补助 政策', '省级以上劳模春节慰问金', '省级以上劳模', '1', '2000', '1月20日']) await chat.say(ADMIN, answer);
      expect(await chat.say(ADMIN, '2027')).toContain('确认保存');
      const admin = await t.db.account.findFirstOrThrow({ where: { externalId: ADMIN.id } });
      // Another admin takes the role away (the command itself needs one admin left).
      await t.db.account.create({ data: { channel: 'telegram', externalId: '1009', displayName: '管理员老陈', role: 'admin' } });
      expect(await chat.say({ id: '1009', name: '管理员老陈' }, `角色 ${admin.id} 工作人员`)).toContain('工作人员');
      expect(await chat.say(ADMIN, '1')).toContain('您的权限已变更，未完成的「补助」已作废，没有保存任何内容。');
      expect(await t.db.subsidyPolicy.count()).toBe(0);
      expect(await t.db.subsidyPayment.count()).toBe(0);
    });

    it('sets up a policy step by step, shows whom it pays, and draws the list at once', async () => {
      expect(await chat.say(ADMIN, '补助 政策')).toContain('第 1 步：政策名称');
      await chat.say(ADMIN, '省级以上劳模春节慰问金');
      expect(await chat.say(ADMIN, '省级以上那些人')).toContain('没有看懂「省级以上那些人」');
      expect(await chat.say(ADMIN, '省级以上劳模')).toContain('第 3 步');
      await chat.say(ADMIN, '1');
      expect(await chat.say(ADMIN, '两千块')).toContain('金额请写大于 0 的数');
      await chat.say(ADMIN, '2000');
      expect(await chat.say(ADMIN, '春节前')).toContain('没有看懂');
      expect(await chat.say(ADMIN, '2月30日')).toContain('这个日期不是每年都有');
      await chat.say(ADMIN, '1月20日');
      const summary = await chat.say(ADMIN, '2027');
      expect(summary).toContain('荣誉：全国劳动模范、省级劳动模范');
      expect(summary).toContain('发放：每年 1月20日');
      // 甲, 乙, 己 (awarded in 2027 itself) and 庚; not 丙 (municipal), 丁 (deceased), 戊 (advanced worker).
      expect(summary).toContain('按现有档案，2027 年应发 4 人，共 8,000元，到期日 2027-01-20。');
      expect(await t.db.subsidyPolicy.count()).toBe(0);
      const saved = await chat.say(ADMIN, '1');
      expect(saved).toContain('已保存补助政策 #');
      expect(saved).toContain('2027 年发放名单已生成：4 人，2027-01-20 到期');
      const drawn = await payments();
      expect(drawn.map((p) => p.honoreeId).sort()).toEqual(PEOPLE.filter((p) => p.paid).map((p) => ids.get(p.name)!.id).sort());
      expect(drawn.every((p) => p.amountFen === 200_000 && p.dueDate === '2027-01-20' && p.status === 'unpaid' && p.period === 2027)).toBe(true);
      expect(await t.db.auditEntry.count({ where: { entity: 'subsidy_policy', action: 'create' } })).toBe(1);
    });

    it('lets only admins set up a policy; staff see the year and the list', async () => {
      expect(await chat.say(STAFF, '补助 政策')).toContain('需要管理员');
      expect(await chat.say(STAFF, '补助')).toContain('还没有补助政策');
      await setUpPolicy();
      const overview = await chat.say(STAFF, '补助 2027');
      expect(overview).toContain('省级以上劳模春节慰问金：每人 2,000元，每年 1月20日');
      expect(overview).toContain('2027-01-20 到期 · 已发 0 人 0元 · 未发 4 人 8,000元');
      const list = await chat.say(STAFF, '补助 名单 2027');
      expect(list).toContain(`甲退休（${ids.get('甲退休')!.fileNo}）2,000元 未发`);
      expect(list).not.toContain('丙市级');
      expect(await chat.say(STAFF, '补助', { group: 'g-1' })).not.toContain('2,000元');
    });

    it('draws the same list however often it is drawn, gives the dead and those who left no new payment, and adds nobody after the due date', async () => {
      await setUpPolicy();
      const first = await payments();
      await drawNightly('2026-12-11');
      await drawNightly('2027-01-19');
      expect(await payments()).toEqual(first);
      // 丙 becomes a provincial model worker after the due date: 2027's list is closed, 2028's will have them.
      chat.setNow(AT('2027-01-21'));
      const added = await chat.say(STAFF, `修改 ${ids.get('丙市级')!.fileNo} 荣誉 2027 省级劳动模范`);
      expect(added).toContain('符合补助政策「省级以上劳模春节慰问金」：从 2028 年的发放名单起列入（2027-12-06 生成名单时）。');
      await drawNightly('2027-01-21');
      expect(await t.db.subsidyPayment.count({ where: { honoreeId: ids.get('丙市级')!.id } })).toBe(0);
      // 乙 dies before being paid: the 2027 payment, already due, stays owed; 2028 has none for them.
      await t.db.honoree.update({ where: { id: ids.get('乙全国')!.id }, data: { employmentStatus: 'deceased' } });
      await drawNightly('2027-12-10');
      expect(await t.db.subsidyPayment.findMany({ where: { honoreeId: ids.get('丙市级')!.id }, select: { period: true } })).toEqual([{ period: 2028 }]);
      const yi = await t.db.subsidyPayment.findMany({ where: { honoreeId: ids.get('乙全国')!.id } });
      expect(yi.map((p) => [p.period, p.status])).toEqual([[2027, 'unpaid']]);
      // 庚 moves away (已迁出) with 2028's payment drawn and not yet due: it is void.
      expect(await chat.say(STAFF, `修改 ${ids.get('庚两项')!.fileNo} 状态 迁出`)).toContain('已迁出');
      await drawNightly('2027-12-12');
      const geng = await t.db.subsidyPayment.findMany({ where: { honoreeId: ids.get('庚两项')!.id }, orderBy: { period: 'asc' } });
      expect(geng.map((p) => [p.period, p.status])).toEqual([[2027, 'unpaid'], [2028, 'void']]);
    });

    it('reminds in the digest 14 and 3 days before, and every day once overdue; counts only', async () => {
      await setUpPolicy();
      expect(await digestOn('2027-01-05')).not.toContain('💰 补助');
      expect(await digestOn('2027-01-06')).toContain('省级以上劳模春节慰问金（2027 年）2027-01-20 到期，还有 14 天：未发 4 人');
      expect(await digestOn('2027-01-10')).not.toContain('💰 补助');
      expect(await digestOn('2027-01-17')).toContain('还有 3 天：未发 4 人');
      const overdue = await digestOn('2027-01-22');
      expect(overdue).toContain('已过期 2 天：未发 4 人');
      expect(overdue).not.toContain('甲退休');
      expect(overdue).not.toContain('2,000');
      chat.setNow(AT('2027-01-22'));
      await chat.say(STAFF, '补助 已发 全部 2027-01-22 PB001');
      expect(await digestOn('2027-01-23')).not.toContain('💰 补助');
    });

    it('pays 7 days before Spring Festival by the calendar, and follows the festival when an admin moves it', async () => {
      chat.setNow(AT('2026-12-20'));
      for (const answer of ['补助 政策', '省级以上劳模春节慰问金', '省级以上劳模', '1', '2000', '春节前7天', '2027']) await chat.say(ADMIN, answer);
      expect(await chat.say(ADMIN, '1')).toContain('2027 年发放名单已生成：4 人，2027-01-30 到期');
      await chat.say(STAFF, '补助 已发 甲退休 PB1');
      expect(await chat.say(ADMIN, '节日 改 春节 2027-02-07')).toContain('今晚按新日期更新');
      await drawNightly('2026-12-21');
      const rows = await payments();
      expect(rows.map((p) => [p.status, p.dueDate])).toEqual(PEOPLE.filter((p) => p.paid).map((p) => (p.name === '甲退休' ? ['paid', '2027-01-30'] : ['unpaid', '2027-01-31'])));
    });

    it('reminds on the days the office set (HONORCARE_SUBSIDY_REMIND_DAYS)', async () => {
      await setUpPolicy();
      chat = testChat(t.db, { now: AT('2027-01-06'), subsidyRemindDays: [7] });
      expect(await digestOn('2027-01-06')).not.toContain('💰 补助');
      expect(await digestOn('2027-01-13')).toContain('还有 7 天：未发 4 人');
    });

    it('marks payments paid one by one and then all at once, each audited; a second 已发 marks nothing twice', async () => {
      await setUpPolicy();
      chat.setNow(AT('2027-01-15'));
      expect(await chat.say(STAFF, `补助 已发 甲退休 2027-01-14 PB20270114`)).toContain('已登记 2027 年补助发放 1 笔，共 2,000元，发放日期 2027-01-14，凭证 PB20270114。');
      expect(await chat.say(STAFF, '补助 已发 全部 PB20270115')).toContain('已登记 2027 年补助发放 3 笔，共 6,000元，发放日期 2027-01-15，凭证 PB20270115。');
      expect(await chat.say(STAFF, '补助 已发 全部')).toContain('没有符合的未发补助');
      const rows = await payments();
      expect(rows.every((p) => p.status === 'paid')).toBe(true);
      expect(rows.find((p) => p.honoreeId === ids.get('甲退休')!.id)).toMatchObject({ paidOn: '2027-01-14', reference: 'PB20270114' });
      expect(await t.db.auditEntry.count({ where: { entity: 'subsidy_payment' } })).toBe(4);
      expect(await chat.say(STAFF, '补助 2027')).toContain('已发 4 人 8,000元 · 未发 0 人 0元');
      const file = await chat.say(STAFF, `档案 ${ids.get('甲退休')!.fileNo}`);
      expect(file).toContain('2027 省级以上劳模春节慰问金 2,000元，已发 2027-01-14，凭证 PB20270114');
      expect(await chat.say(STAFF, `档案 ${ids.get('甲退休')!.fileNo}`, { group: 'g-1' })).not.toContain('2,000元');
    });

    it('says what was wrong with a bad 已发 or 撤销, with an example, and changes nothing', async () => {
      await setUpPolicy();
      chat.setNow(AT('2027-01-15'));
      expect(await chat.say(STAFF, '补助 已发')).toContain('例如：补助 已发 全部 2027-01-28');
      expect(await chat.say(STAFF, '补助 已发 查无此人')).toContain('没有找到：查无此人');
      expect(await chat.say(STAFF, '补助 已发 全部 2027-02-01 PB9')).toContain('发放日期「2027-02-01」不对');
      expect(await chat.say(STAFF, '补助 已发 甲退休 乙全国 PB9')).toContain('名单里的人请用顿号分开');
      // Two names and no voucher: 乙全国 is not taken as 甲退休's voucher.
      expect(await chat.say(STAFF, '补助 已发 甲退休 乙全国')).toContain('名单里的人请用顿号分开');
      expect(await chat.say(STAFF, '补助 已发 全部 2026')).toContain('2026 年没有符合的未发补助');
      expect(await chat.say(STAFF, '补助 撤销 甲退休')).toContain('要写原因');
      expect(await chat.say(STAFF, '补助 撤销 甲退休 银行退回')).toContain('没有已登记发放的补助');
      expect(await t.db.subsidyPayment.count({ where: { status: 'paid' } })).toBe(0);
      expect(await t.db.auditEntry.count({ where: { entity: 'subsidy_payment' } })).toBe(0);
    });

    it('reverses a paid mark with its reason: unpaid again, never edited in place, the history audited', async () => {
      await setUpPolicy();
      chat.setNow(AT('2027-01-15'));
      await chat.say(STAFF, '补助 已发 全部 2027-01-15 PB001');
      const reversed = await chat.say(STAFF, '补助 撤销 甲退休 银行退回，账号有误');
      expect(reversed).toContain(`已撤销 甲退休（${ids.get('甲退休')!.fileNo}）2027 年的补助 2,000元 的发放登记，原因：银行退回，账号有误。`);
      const row = await t.db.subsidyPayment.findFirstOrThrow({ where: { honoreeId: ids.get('甲退休')!.id } });
      expect(row).toMatchObject({ status: 'unpaid', paidOn: null, reference: null, reverseReason: '银行退回，账号有误' });
      const audit = await t.db.auditEntry.findMany({ where: { entity: 'subsidy_payment', entityId: row.id }, orderBy: { id: 'asc' } });
      expect(audit.map((a) => JSON.parse(a.changes).status)).toEqual([
        ['unpaid', 'paid'],
        ['paid', 'unpaid'],
      ]);
      expect(JSON.parse(audit[1].changes).reverseReason).toEqual([null, '银行退回，账号有误']);
      expect(await chat.say(STAFF, '补助 已发 甲退休 PB002')).toContain('已登记 2027 年补助发放 1 笔');
    });

    it('takes 已发 or 撤销 sent twice as twice, not as next year’s or an older year’s payment', async () => {
      await setUpPolicy();
      chat.setNow(AT('2027-01-15'));
      await chat.say(STAFF, '补助 已发 全部 2027-01-15 PB001');
      // December: next year's list is drawn ahead, and 甲退休 was paid this year.
      await drawNightly('2027-12-10');
      chat.setNow(AT('2027-12-10'));
      expect(await t.db.subsidyPayment.count({ where: { period: 2028, status: 'unpaid' } })).toBeGreaterThan(0);
      expect(await chat.say(STAFF, '补助 已发 甲退休')).toContain('甲退休 2027 年的补助已经登记发放过了。要登记 2028 年的，请写上年份，例如：补助 已发 甲退休 2028');
      expect(await t.db.subsidyPayment.count({ where: { period: 2028, status: 'paid' } })).toBe(0);
      expect(await chat.say(STAFF, '补助 已发 甲退休 2028 PB002')).toContain('已登记 2028 年补助发放 1 笔');
      // Reversed twice: the second time, the older year is left alone unless named.
      expect(await chat.say(STAFF, '补助 撤销 甲退休 银行退回')).toContain('2028 年的补助');
      expect(await chat.say(STAFF, '补助 撤销 甲退休 银行退回')).toContain('甲退休 2028 年的补助刚撤销过，不再撤销更早的 2027 年');
      const paid2027 = { honoreeId: ids.get('甲退休')!.id, period: 2027 };
      expect(await t.db.subsidyPayment.findFirstOrThrow({ where: paid2027 })).toMatchObject({ status: 'paid' });
      expect(await chat.say(STAFF, '补助 撤销 甲退休 2027 银行退回')).toContain('2027 年的补助 2,000元 的发放登记，原因：银行退回');
      expect(await t.db.subsidyPayment.findFirstOrThrow({ where: paid2027 })).toMatchObject({ status: 'unpaid' });
    });

    it('changes the amount of what is not yet paid; what was paid keeps its amount', async () => {
      await setUpPolicy();
      chat.setNow(AT('2027-01-15'));
      await chat.say(STAFF, '补助 已发 甲退休、乙全国 PB001');
      expect(await chat.say(STAFF, '补助 修改 1 金额 2500')).toContain('需要管理员');
      const changed = await chat.say(ADMIN, '补助 修改 1 金额 2500');
      expect(changed).toContain('金额改为每人 2,500元：2 笔未发的随之更新；已发的 2 笔保持原样');
      const rows = await payments();
      expect(rows.map((p) => [p.status, p.amountFen])).toEqual(
        PEOPLE.filter((p) => p.paid).map((p) => (['甲退休', '乙全国'].includes(p.name) ? ['paid', 200_000] : ['unpaid', 250_000])),
      );
      expect(await chat.say(STAFF, '补助 2027')).toContain('已发 2 人 4,000元 · 未发 2 人 5,000元');
    });
  });
}

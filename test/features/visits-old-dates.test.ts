import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

// The test clock is 2026-11-23 10:00 China time.
describe.each(PROVIDERS)('old dates and old visits, on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  const visitsOf = (fileNo: string) => t.db.visit.findMany({ where: { honoree: { fileNo } }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
    await t.db.visit.deleteMany();
  });
  afterAll(() => t.destroy());

  it('refuses a visit dated before 2000 with the rule and an example, and takes 2000-01-01', async () => {
    for (const date of ['1900-01-01', '1999-12-31', '19260315']) {
      const text = await chat.say(STAFF, `走访 LM00003 电话 ${date}`);
      expect(text).toContain(`日期「${date}」太早了：只能记录 2000-01-01 以后的走访`);
      expect(text).toContain('未保存。例如：走访 张三 电话 2026-11-20');
    }
    expect(await visitsOf('LM00003')).toHaveLength(0);
    expect(await chat.say(STAFF, '走访 LM00003 电话 2000-01-01')).toContain('日期：2000-01-01');
    expect(await visitsOf('LM00003')).toMatchObject([{ visitDate: '2000-01-01' }]);
  });

  it('reaches a visit older than the latest ten by its day or month, and deletes it', async () => {
    const who = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00004' } });
    const account = await t.db.account.findFirstOrThrow({ where: { externalId: STAFF.id } });
    await t.db.visit.create({
      data: { honoreeId: who.id, kind: 'in_person', visitDate: '2025-03-02', moneyFen: 50000, notes: '春节后走访', recordedById: account.id },
    });
    await t.db.visit.createMany({
      data: Array.from({ length: 12 }, (_, i) => ({
        honoreeId: who.id,
        kind: 'phone',
        visitDate: `2026-10-${String(i + 1).padStart(2, '0')}`,
        recordedById: account.id,
      })),
    });

    const latest = (await chat.replies(STAFF, '删除走访 LM00004')).at(-1)!;
    expect(latest.choices).toHaveLength(10);
    expect(latest.choices!.some((c) => c.label.startsWith('2025-03-02'))).toBe(false);
    expect(latest.text).toContain('只列出了最近的 10 条（共 13 条）。要删更早的一条，请加上它的日期或月份，例如：删除走访 LM00004 2026-10');

    for (const ask of ['删除走访 LM00004 2025-03-02', '删除走访 LM00004 2025-03', '删除走访 LM00004 2025']) {
      const offered = (await chat.replies(STAFF, ask)).at(-1)!;
      expect(offered.text).toMatch(/（LM00004）在2025.*的走访记录，请选择要删除的一条/);
      expect(offered.choices!.map((c) => c.label)).toEqual([`2025-03-02 ${who.name}（LM00004）上门走访 500元：春节后走访`]);
    }
    const shown = (await chat.replies(STAFF, '1')).at(-1)!;
    expect(shown.text).toContain('确定删除这条走访记录吗？\n2025-03-02');
    expect((await chat.press(STAFF, shown.choices![0].id)).at(-1)!.text).toContain('已删除走访记录：2025-03-02');
    expect((await visitsOf('LM00004')).map((v) => v.visitDate)).not.toContain('2025-03-02');

    expect(await chat.say(STAFF, '删除走访 LM00004 2025-03')).toContain('在2025年3月没有走访记录。发送「删除走访 LM00004」可看最近的记录');
    expect(await chat.say(STAFF, '删除走访 LM00004 2025-13')).toContain('时间段「2025-13」不对');
    expect(await chat.say(STAFF, '删除走访')).toContain('更早的一条加上日期或月份：删除走访 张三 2025-03-02');
  });
});

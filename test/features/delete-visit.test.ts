import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../src/features/demo/index.ts';
import { ADMIN, STAFF, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

describe.each(PROVIDERS)('taking back a visit recorded by mistake, on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  const visitsOf = async (fileNo: string) =>
    t.db.visit.findMany({ where: { honoree: { fileNo } }, orderBy: { id: 'asc' } });

  beforeAll(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    await loadDemoData(t.db, 2026);
    await t.db.visit.deleteMany();
    chat = testChat(t.db, { clock: () => new Date('2026-11-23T02:00:00Z') });
  });
  afterAll(() => t.destroy());

  it('offers the latest visits, shows the one picked, and deletes it only when confirmed, audited', async () => {
    await chat.say(STAFF, '走访 LM00001 电话 慰问金300元 第一次');
    const twice = await chat.say(STAFF, '走访 LM00001 电话 慰问金300元 第一次');
    // The same-day note says how to take the extra one back.
    expect(twice).toContain('发送「删除走访 LM00001」可删掉多余的一条');
    const [first, second] = await visitsOf('LM00001');

    const offered = (await chat.replies(STAFF, '删除走访 LM00001')).at(-1)!;
    expect(offered.text).toContain('张三（LM00001）最近的走访记录');
    expect(offered.choices).toHaveLength(2);
    expect(offered.choices![0].label).toContain('2026-11-23 张三（LM00001）电话慰问 300元');

    // Newest first: the second one recorded.
    const shown = (await chat.replies(STAFF, '1')).at(-1)!;
    expect(shown.text).toContain('确定删除这条走访记录吗？');
    expect(shown.choices!.map((c) => c.label)).toEqual(['确认删除']);
    // Shown is not deleted: both are still there until the button is pressed.
    expect(await visitsOf('LM00001')).toHaveLength(2);

    const done = await chat.press(STAFF, shown.choices![0].id);
    expect(done.at(-1)!.text).toContain('已删除走访记录：2026-11-23 张三（LM00001）电话慰问 300元');
    expect((await visitsOf('LM00001')).map((v) => v.id)).toEqual([first.id]);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'visit', entityId: second.id, action: 'delete' } });
    expect(audit.actorLabel).toBe(`telegram:${STAFF.id}`);
    expect(JSON.parse(audit.changes)).toMatchObject({ moneyFen: [30000, null], notes: ['第一次', null], kind: ['phone', null] });

    // The same button pressed again: the visit is gone, nothing else changes.
    expect((await chat.press(STAFF, shown.choices![0].id)).at(-1)!.text).not.toContain('已删除');
    expect(await chat.say(STAFF, `/deletevisit !${second.id} 确认`)).toContain('已经不在了');
    expect(await visitsOf('LM00001')).toHaveLength(1);
  });

  it('lets staff delete only the visits they recorded; an admin may delete any', async () => {
    await chat.say(ADMIN, '走访 LM00002 上门 慰问金800元');
    const [byAdmin] = await visitsOf('LM00002');
    expect(await chat.say(STAFF, `/deletevisit !${byAdmin.id}`)).toContain('不是你记的');
    expect(await chat.say(STAFF, `/deletevisit !${byAdmin.id} 确认`)).toContain('不是你记的');
    expect(await visitsOf('LM00002')).toHaveLength(1);

    // Its own visit by staff: the first test's may be gone or not yet there (any order).
    await chat.say(STAFF, '走访 LM00004 电话 员工记的');
    const [byStaff] = await visitsOf('LM00004');
    expect(await chat.say(ADMIN, `/deletevisit !${byStaff.id} 确认`)).toContain('已删除走访记录');
    expect(await visitsOf('LM00004')).toHaveLength(0);
  });

  it('explains what to write, says when a person has no visits, and refuses in a group', async () => {
    expect(await chat.say(STAFF, '删除走访')).toContain('例如：删除走访 张三');
    expect(await chat.say(STAFF, '删除走访 LM00003')).toMatch(/（LM00003）没有走访记录/);
    expect(await chat.say(STAFF, '删除走访 查无此人')).toContain('没有找到「查无此人」');
    expect(await chat.say(STAFF, '删除走访 LM00002', { group: 'office' })).toContain('请在与我的私聊中使用');
    expect(await chat.say(STAFF, '/deletevisit !abc')).toContain('没有找到');
  });

  it('speaks English to an English-speaking account', async () => {
    await chat.say(ADMIN, '走访 LM00006 上门 英文测试');
    await chat.say(ADMIN, '/lang en');
    const text = await chat.say(ADMIN, '/deletevisit LM00006');
    expect(text).toContain('Latest visits of');
    await chat.say(ADMIN, '/lang zh');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFen, nameKeys } from '../../src/domain/index.ts';
import { LIST_LIMIT, MAX_PAGES } from '../../src/features/visits/visits-list.ts';
import { STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { countRowsRead, type RowCounter } from '../support/rows-read.ts';
import { demoWorld } from '../support/seed.ts';

// Invented people: 110 files beside the 40 demo ones, so a year's visits reach 150 people.
const SURNAMES = '钱孙周吴郑冯陈褚卫蒋沈韩';
const GIVEN = '一二三四五六七八九十';
const extraPeople = Array.from({ length: 110 }, (_, i) => {
  const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % 10]}${GIVEN[Math.floor(i / 10) % 10]}测`;
  const keys = nameKeys(name);
  return { fileNo: `T${String(i + 1).padStart(5, '0')}`, name, pinyinFull: keys.full, pinyinInitials: keys.initials };
});

/** Lines of a visit list: `2025-03-02 某某（T00001）电话慰问 …` → [date, file number]. */
const listed = (text: string) => [...text.matchAll(/^(\d{4}-\d{2}-\d{2}) \S+?（(\w+)）/gm)].map((m) => [m[1], m[2]]);

describe.each(PROVIDERS)('visit lists computed by the database, on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let counter: RowCounter;
  /** The same bot on a client that counts the rows the database hands over. */
  let counted: ReturnType<typeof testChat>;

  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
    await t.db.visit.deleteMany();
    await t.db.honoree.createMany({ data: extraPeople });
    const people = await t.db.honoree.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    expect(people).toHaveLength(150);
    // 600 visits in 2025 to all 150 people, several on one day, with varied amounts.
    await t.db.visit.createMany({
      data: Array.from({ length: 600 }, (_, i) => ({
        honoreeId: people[i % 150].id,
        kind: i % 2 ? 'phone' : 'in_person',
        visitDate: `2025-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        moneyFen: (i % 7) * 10050,
      })),
    });
    // The rest of the file reads through the counting client: the bot holds its SQLite file
    // alone (src/db/client.ts), so the first client lets go of it.
    await t.db.$disconnect();
    counter = countRowsRead(t.url);
    t = { ...t, db: counter.db };
    chat = testChat(counter.db);
    counted = chat;
  });
  afterAll(async () => {
    await counter.close();
    await t.destroy();
  });

  /** Every 2025 visit in list order: newest day first, the later recorded first within a day. */
  const yearInOrder = async () =>
    (await t.db.visit.findMany({ where: { visitDate: { gte: '2025-01-01', lte: '2025-12-31' } }, include: { honoree: true } }))
      .sort((a, b) => b.visitDate.localeCompare(a.visitDate) || b.id - a.id)
      .map((v) => [v.visitDate, v.honoree.fileNo]);

  it('gives a year’s exact totals and its newest 30 visits, then the next page by button or typed', async () => {
    const all = await yearInOrder();
    const rows = await t.db.visit.findMany({ where: { visitDate: { startsWith: '2025-' } } });
    const fen = rows.reduce((s, r) => s + r.moneyFen, 0);
    const first = (await chat.replies(STAFF, '走访记录 2025')).at(-1)!;
    expect(first.text).toContain(`2025年走访记录：共 600 次，涉及 150 人，慰问金合计 ${formatFen(fen)}`);
    expect(listed(first.text)).toEqual(all.slice(0, LIST_LIMIT));
    expect(first.text).toContain('另有 570 条未列出（第 1/20 页）。下一页请发送「走访记录 2025 第2页」或点下方按钮');
    expect(first.choices!.map((c) => c.label)).toEqual(['下一页（第 2 页）']);

    const second = (await chat.press(STAFF, first.choices![0].id)).at(-1)!;
    expect(listed(second.text)).toEqual(all.slice(30, 60));
    expect(second.text).toContain('另有 540 条未列出（第 2/20 页）');
    expect(await chat.say(STAFF, '走访记录 2025 第2页')).toBe(second.text + '\n1. 下一页（第 3 页）');

    const last = await chat.say(STAFF, '走访记录 2025 第20页');
    expect(listed(last)).toEqual(all.slice(570));
    expect(last).toContain('（第 20/20 页，已是最后一页）');
    expect(await chat.say(STAFF, '走访记录 2025 第21页')).toContain('没有第 21 页：这份记录共 20 页。例如：走访记录 2026-11 第2页');
    expect(await chat.say(STAFF, '/visits 2025 page 0')).toContain('没有第 0 页');
  });

  it('pages one person’s visits, and a period of them, with totals of that person only', async () => {
    const who = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'T00001' } });
    const june = (i: number) => `2024-06-${String((i % 30) + 1).padStart(2, '0')}`;
    await t.db.visit.createMany({ data: Array.from({ length: 40 }, (_, i) => ({ honoreeId: who.id, kind: 'phone', visitDate: june(i), moneyFen: 100 })) });
    const mine = await t.db.visit.findMany({ where: { honoreeId: who.id } });
    const fen = mine.reduce((s, r) => s + r.moneyFen, 0);
    const first = await chat.say(STAFF, '走访记录 T00001');
    expect(first).toContain(`${who.name}（T00001）的走访记录：共 ${mine.length} 次，慰问金合计 ${formatFen(fen)}`);
    expect(listed(first)).toHaveLength(30);
    expect(first).toContain(`另有 ${mine.length - 30} 条未列出（第 1/2 页）。下一页请发送「走访记录 T00001 第2页」`);
    const second = await chat.say(STAFF, '走访记录 T00001 第2页');
    expect(listed(second)).toHaveLength(mine.length - 30);
    expect(second).toContain('已是最后一页');
    const inJune = await chat.say(STAFF, '走访记录 T00001 2024-06 第2页');
    expect(inJune).toContain(`${who.name}（T00001）在2024年6月的走访记录：共 40 次，慰问金合计 40元`);
    expect(listed(inJune)).toHaveLength(10);
  });

  it('turns up to page 100, then asks to narrow the period', async () => {
    const people = await t.db.honoree.findMany({ select: { id: true }, take: 10 });
    await t.db.visit.createMany({
      data: Array.from({ length: MAX_PAGES * LIST_LIMIT + 10 }, (_, i) => ({
        honoreeId: people[i % 10].id,
        kind: 'letter',
        visitDate: `2023-01-${String((i % 28) + 1).padStart(2, '0')}`,
      })),
    });
    const deepest = (await chat.replies(STAFF, `走访记录 2023 第${MAX_PAGES}页`)).at(-1)!;
    expect(listed(deepest.text)).toHaveLength(LIST_LIMIT);
    expect(deepest.text).toContain(`另有 10 条未列出（已到第 ${MAX_PAGES} 页，列表最多翻到这里）。请缩小时间段`);
    expect(deepest.choices ?? []).toEqual([]);
    expect(await chat.say(STAFF, `走访记录 2023 第${MAX_PAGES + 1}页`)).toContain(`列表最多翻到第 ${MAX_PAGES} 页。请缩小时间段`);
  });

  it('reads one row of totals and one page of visits from the database, however many there are', async () => {
    counter.reset();
    const text = await counted.say(STAFF, '走访记录 2025');
    expect(text).toContain('2025年走访记录：共 600 次，涉及 150 人');
    // Fetching the year (600 rows) or its people (150) to count them in memory would show here.
    expect(counter.read().largest).toBeLessThanOrEqual(LIST_LIMIT);
    expect(counter.read().total).toBeLessThan(LIST_LIMIT * 3);
  });

  it('lists the priority register 100 names a group, counting the rest in the database', async () => {
    const people = await t.db.honoree.findMany({ select: { id: true }, orderBy: { fileNo: 'asc' } });
    await t.db.survey.deleteMany({ where: { year: 2024 } });
    await t.db.survey.createMany({
      data: people.map((p, i) => ({ honoreeId: p.id, year: 2024, priorityHardship: i % 10 !== 0, priorityHealth: i % 3 === 0 })),
    });
    counter.reset();
    const text = await counted.say(STAFF, '重点登记 2024');
    expect(text).toContain('【重点登记】2024 年，共 140 人：');
    expect(text).toContain('（135 人）');
    expect(text).toContain('……另有 35 人未列出');
    expect(text).toContain('（50 人）');
    expect(text.match(/^ {2}· /gm)).toHaveLength(150);
    expect(counter.read().largest).toBeLessThanOrEqual(100);
  });

  it('lists teams a page at a time, counting them all in the database', async () => {
    await t.db.collectiveHonour.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        teamName: `测试班组${String(i).padStart(2, '0')}`,
        category: 'worker_pioneer',
        level: 'county',
        year: 2000 + (i % 20),
      })),
    });
    const teams = (await t.db.collectiveHonour.findMany({ distinct: ['teamName'], select: { teamName: true } })).length;
    counter.reset();
    const reply = (await counted.replies(STAFF, '集体荣誉')).at(-1)!;
    expect(reply.text).toContain(`共 ${teams} 个班组获得集体荣誉`);
    expect(reply.text).toContain('只列出最近的 30 个');
    expect(reply.choices).toHaveLength(30);
    expect(counter.read().largest).toBeLessThanOrEqual(30);
    const found = await counted.say(STAFF, '集体荣誉 测试班组0');
    expect(found).toContain('共 10 个');
    // A typed % is a letter, not "anything".
    expect(await chat.say(STAFF, '集体荣誉 %')).toContain('没有找到');
  });
});

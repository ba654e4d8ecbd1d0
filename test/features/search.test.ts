import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameKeys } from '../../src/domain/index.ts';
import { searchHonorees } from '../../src/features/honorees/index.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';

describe.each(PROVIDERS)('searching files on %s', (provider) => {
  let t: TestDb;
  const add = async (fileNo: string, name: string) => {
    const keys = nameKeys(name);
    return t.db.honoree.create({ data: { fileNo, name, pinyinFull: keys.full, pinyinInitials: keys.initials } });
  };
  beforeAll(async () => {
    t = await freshDb(provider);
    await add('S001', '张华安'); // zha, zhanghuaan
    await add('S002', '赵海'); // zh, zhaohai
    await add('S003', '詹浩'); // zh, zhanhao
    await add('S004', '百分_百'); // a name with the characters LIKE treats as wildcards
    await add('S005', '李全');
  });
  afterAll(() => t.destroy());

  const names = async (q: string, limit?: number) => (await searchHonorees(t.db, q, limit)).hits.map((h) => h.name);

  it('lists initials matches first, then full-pinyin matches, each person once', async () => {
    // "zha" is 张华安's initials and the start of three full spellings, 张华安's among them.
    expect(await names('zha')).toEqual(['张华安', '詹浩', '赵海']);
    expect(await names('zhao')).toEqual(['赵海']);
    expect(await names('ZH')).toEqual(['詹浩', '赵海', '张华安']);
  });

  it('says there are more when the page is full, across both kinds of match', async () => {
    const two = await searchHonorees(t.db, 'zha', 2);
    expect(two.hits.map((h) => h.name)).toEqual(['张华安', '詹浩']);
    expect(two.more).toBe(true);
    const three = await searchHonorees(t.db, 'zha', 3);
    expect(three.more).toBe(false);
    const one = await searchHonorees(t.db, 'zha', 1);
    expect(one).toMatchObject({ total: 1, more: true });
  });

  it('reads % and _ in a name fragment as themselves, not as wildcards', async () => {
    expect(await names('_')).toEqual(['百分_百']);
    expect(await names('%')).toEqual([]);
    expect(await names('分_')).toEqual(['百分_百']);
  });

  it('shows the two latest honours of each person found', async () => {
    const li = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'S005' } });
    for (const year of [2001, 2015, 2009]) {
      await t.db.honour.create({ data: { honoreeId: li.id, category: 'model_worker', level: year === 2015 ? 'national' : 'provincial', year } });
    }
    const [hit] = (await searchHonorees(t.db, '李全')).hits;
    expect(hit).toMatchObject({ fileNo: 'S005', employer: null });
    expect(hit.id).toBe(li.id);
    expect(hit.honours).toEqual([
      { category: 'model_worker', level: 'national', year: 2015 },
      { category: 'model_worker', level: 'provincial', year: 2009 },
    ]);
    expect((await searchHonorees(t.db, `#${li.id}`)).hits[0].name).toBe('李全');
  });
});

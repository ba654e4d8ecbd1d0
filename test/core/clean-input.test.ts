import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, memoryFile, STAFF, testChat, type Person } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

const ESC = '\u001b';
const RLO = '\u202e'; // right-to-left override: "‮txt.exe" displays as "exe.txt"
/** A control character (an escape's ESC among them) or a bidi control anywhere in a text. */
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe.each(PROVIDERS)('control characters and bidi controls on the way in, on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  it('stores a typed note without terminal escapes or bidi overrides, and never echoes them', async () => {
    const text = await chat.say(STAFF, `修改 LM00003 备注 ${ESC}[31m重点${ESC}[0m关注${ESC}]0;窗口标题\u0007${RLO}右向左\u0000`);
    expect(text).toContain('重点关注右向左');
    expect(text).not.toMatch(HIDDEN);
    expect((await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00003' } })).notes).toBe('重点关注右向左');
  });

  it('answers a search as if the escapes had not been typed', async () => {
    const text = await chat.say(STAFF, `查询 ${ESC}[2J欧阳${RLO}无此人`);
    expect(text).toContain('没有找到「欧阳无此人」');
    expect(text).not.toMatch(HIDDEN);
    expect(await chat.say(STAFF, `查询 张${ESC}[1m三`)).toContain('张三（LM00001）');
  });

  it('keeps the newlines of a multi-line answer in a guided form', async () => {
    await chat.say(STAFF, '新增');
    await chat.say(STAFF, '多行测试');
    for (let i = 0; i < 9; i++) await chat.say(STAFF, '跳过');
    expect(await chat.say(STAFF, `2018 省级劳动模范\r\n2021 市级${ESC}[4m工匠`)).toContain('备注');
    await chat.say(STAFF, '跳过');
    await chat.say(STAFF, '1');
    const row = await t.db.honoree.findFirstOrThrow({ where: { name: '多行测试' }, include: { honours: { orderBy: { year: 'asc' } } } });
    expect(row.honours.map((h) => `${h.year} ${h.level} ${h.category}`)).toEqual(['2018 provincial model_worker', '2021 municipal craftsman']);
  });

  it('takes them out of a sent file name before it is echoed', async () => {
    const text = await chat.say(STAFF, '导入', { file: memoryFile(`名单${ESC}[8m${RLO}txt.exe`, '') });
    expect(text).toContain('名单txt.exe');
    expect(text).not.toMatch(HIDDEN);
  });

  it('stores a new colleague’s display name without them', async () => {
    const code = /邀请码：([A-Z0-9]{8})/.exec(await chat.say(ADMIN, '/invite staff'))![1];
    const newcomer: Person = { channel: 'telegram', id: '3131', name: `新同事${ESC}[5m小${RLO}周\n` };
    const bound = await chat.say(newcomer, `绑定 ${code}`);
    expect(bound).toContain('绑定成功');
    expect(bound).not.toMatch(HIDDEN);
    const account = await t.db.account.findFirstOrThrow({ where: { externalId: '3131' } });
    expect(account.displayName).toBe('新同事小周');
  });
});

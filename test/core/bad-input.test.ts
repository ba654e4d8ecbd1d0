import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryFile, STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

/** What a person's data amounts to: if a bad message changed any of it, something was half-saved. */
async function dataCounts(t: TestDb) {
  const db = t.db;
  return Promise.all([db.honoree.count(), db.honour.count(), db.survey.count(), db.visit.count(), db.auditEntry.count(), db.collectiveHonour.count()]);
}

const HAN = /[\u4e00-\u9fff]/;

describe.each(PROVIDERS)('bad input, one after another, on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  const cases: [string, () => Promise<string>, RegExp][] = [
    ['a malformed command', () => chat.say(STAFF, '修改'), /例如：修改 LM00012 电话/],
    ['an unknown slash command', () => chat.say(STAFF, '/frobnicate 张三'), /帮助/],
    ['an unknown name', () => chat.say(STAFF, '档案 欧阳不存在'), /没有找到/],
    ['an invalid ID number', () => chat.say(STAFF, '修改 LM00001 身份证号 999001196805120019'), /校验位/],
    ['an impossible date', () => chat.say(STAFF, '走访 LM00001 电话 2026-02-30'), /不存在.*例如/],
    ['a future date', () => chat.say(STAFF, '走访 LM00001 电话 2027-01-01'), /例如/],
    ['negative money', () => chat.say(STAFF, '走访 LM00001 电话 -5元'), /不能是负数.*例如/],
    ['a broken CSV', () => chat.say(STAFF, '导入', { file: memoryFile('名单.csv', '姓名,身份证号\n"张三,99900119680512001X\n') }), /引号（"）没有配对/],
    ['random bytes named .xlsx', () => chat.say(STAFF, '导入', { file: memoryFile('名单.xlsx', new Uint8Array(2048).map((_, i) => (i * 37) % 256)) }), /Excel 文件打不开/],
    ['a 50 MB file', () => chat.say(STAFF, '导入', { file: memoryFile('大文件.xlsx', 'x', 50 * 1024 * 1024) }), /文件太大/],
    ['a 10,000-character message', () => chat.say(STAFF, '查询 ' + '张'.repeat(10_000)), /消息太长/],
  ];

  it.each(cases.map(([name]) => name))('%s gets a clear Chinese reply, nothing is saved, and the bot answers the next message', async (name) => {
    const [, send, expected] = cases.find(([n]) => n === name)!;
    const before = await dataCounts(t);
    const reply = await send();
    expect(reply).toMatch(HAN);
    expect(reply).toMatch(expected);
    expect(reply).not.toContain('出了问题'); // not the internal-error answer
    await chat.say(STAFF, '取消'); // leave no flow open for the next case
    expect(await dataCounts(t)).toEqual(before);
    expect(await chat.say(STAFF, '查询 张三')).toContain('张三（LM00001）');
  });
});

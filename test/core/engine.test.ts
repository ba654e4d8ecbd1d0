import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryFile, STAFF, testChat, type Person } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld, seedAccounts } from '../support/seed.ts';

const CLERK: Person = { channel: 'telegram', id: '2102', name: '工作人员小周' };

describe.each(PROVIDERS)('the core on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  const incoming = (text: string, updateId: string) => ({
    chat: { channel: 'telegram' as const, id: STAFF.id, kind: 'private' as const },
    sender: { id: STAFF.id, name: STAFF.name },
    updateId,
    text,
  });

  it('answers an update delivered twice only once, even after a restart', async () => {
    expect(await chat.core.handle(incoming('查询 张三', 'dup-1'))).toHaveLength(1);
    expect(await chat.core.handle(incoming('查询 张三', 'dup-1'))).toEqual([]);
    const restarted = testChat(t.db);
    expect(await restarted.core.handle(incoming('查询 张三', 'dup-1'))).toEqual([]);
  });

  it('refuses a 10,000-character message with a clear reason and keeps working', async () => {
    const text = await chat.say(STAFF, `走访 ${'很'.repeat(10_000)}`);
    expect(text).toContain('消息太长（10003 字）');
    expect(await chat.say(STAFF, '查询 张三')).toContain('张三');
  });

  it('explains an unknown command and points to help', async () => {
    expect(await chat.say(STAFF, '你好')).toContain('帮助');
  });

  it('takes numbered choices by button and ignores buttons of an older list', async () => {
    const first = (await chat.replies(STAFF, '查询 张')).at(-1)!;
    const second = (await chat.replies(STAFF, '查询 李')).at(-1)!;
    expect(second.choices![0].id).not.toBe(first.choices![0].id);
    expect(await chat.press(STAFF, first.choices![0].id).then((r) => r[0].text)).toContain('已过期');
    const picked = await chat.press(STAFF, second.choices![0].id);
    expect(picked[0].text).toContain('【档案】');
    expect(picked[0].text).toContain(second.choices![0].label.split('（')[0]);
  });

  it('keeps a half-finished guided entry across a restart', async () => {
    // Told by a clerk of its own: the first run's memory of this chat is stale after the second
    // run answered it (one process serves a chat in real life), and must not reach other tests.
    await seedAccounts(t.db, [CLERK]);
    await chat.say(CLERK, '新增');
    await chat.say(CLERK, '重启测试');
    const restarted = testChat(t.db);
    expect(await restarted.say(CLERK, '跳过')).toContain('性别');
    expect(await restarted.say(CLERK, '取消')).toContain('已取消');
  });

  it('drops an unfinished form when a slash command comes, saying so', async () => {
    await chat.say(STAFF, '新增');
    const text = await chat.say(STAFF, '/find 张三');
    expect(text).toContain('之前未完成的操作已放弃');
    expect(text).toContain('张三（LM00001）');
    expect(await chat.say(STAFF, '取消')).toContain('没有进行中的操作');
  });

  it('answers messages of one person in the order they were sent', async () => {
    const [a, b] = await Promise.all([chat.say(STAFF, '新增'), chat.say(STAFF, '顺序测试')]);
    expect(a).toContain('请输入姓名');
    expect(b).toContain('身份证号');
    await chat.say(STAFF, '取消');
  });
});

describe('a file sent with no command', () => {
  it('reads it as a roster (the import says what is wrong with it) instead of "not understood"', async () => {
    const t = await freshDb('sqlite');
    await seedAccounts(t.db);
    const chat = testChat(t.db);
    const replies = await chat.send(STAFF, { file: memoryFile('名单.csv', '姓名,身份证号\n') });
    expect(replies[0].text).toContain('只有列名，没有数据行');
    expect(replies[0].text).not.toContain('没有看懂');
    await t.destroy();
  });
});

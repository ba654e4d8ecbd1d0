import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/message.ts';
import { join, memoryFile, STAFF, STRANGER, testChat } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { ROSTER_HEADER, rosterCsv, rosterRows } from '../support/roster.ts';
import { seedAccounts } from '../support/seed.ts';

/**
 * A roster file sent alone, with no command: checked at once as a dry run, then `1` imports it
 * and `2` forgets it. The file waits in the database between the two messages, so the answer
 * works after a restart. All people invented.
 */
describe.each(PROVIDERS)('a roster file sent alone on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db);
    chat = testChat(t.db);
  });
  afterEach(() => t.destroy());

  const sendRoster = (count: number, name = 'roster.csv') => chat.send(STAFF, { file: memoryFile(name, rosterCsv(count)) });
  const honorees = () => t.db.honoree.count();
  const held = () => t.db.heldFile.count();

  it('answers with the dry run and asks whether to import; 1 imports, audited, and the file is not kept', async () => {
    const offered = await sendRoster(4);
    const text = join(offered);
    expect(text).toContain('试运行（没有保存任何内容）：roster.csv');
    expect(text).toContain('新增 4、更新 0、无变化 0、错误 0');
    // The report does not send the person off to send the file again: the question follows.
    expect(text).not.toContain('发送「导入」并附上同一个文件');
    expect(offered.at(-1)).toMatchObject({ text: '要导入这 4 人吗？回复 1 导入，2 取消。', choices: [{ label: '导入' }, { label: '取消' }] });
    expect(await honorees()).toBe(0);
    expect(await held()).toBe(1);

    expect(await chat.say(STAFF, '1')).toContain('导入完成：roster.csv');
    expect(await honorees()).toBe(4);
    expect(await t.db.auditEntry.count({ where: { entity: 'honoree', action: 'create' } })).toBe(4);
    expect(await held()).toBe(0);
    // Answered: a second 1 is no longer an answer to anything.
    expect(await chat.say(STAFF, '1')).toContain('没有看懂这条消息');
    expect(await honorees()).toBe(4);
  });

  it('2 cancels: nothing imported, the file forgotten', async () => {
    await sendRoster(3);
    expect(await chat.say(STAFF, '2')).toContain('已取消，没有导入任何内容');
    expect(await honorees()).toBe(0);
    expect(await held()).toBe(0);
  });

  it('takes the button, once: pressed again, it has expired', async () => {
    const offered = await sendRoster(2);
    const importButton = offered.at(-1)!.choices![0].id;
    expect(join(await chat.press(STAFF, importButton))).toContain('导入完成');
    expect(join(await chat.press(STAFF, importButton))).toContain('这个选项已过期');
    expect(await honorees()).toBe(2);
  });

  it('still imports after a restart: the file waited in the database', async () => {
    await sendRoster(3);
    const restarted = testChat(t.db);
    expect(await restarted.say(STAFF, '1')).toContain('导入完成：roster.csv');
    expect(await honorees()).toBe(3);
  });

  it('asks again for anything but an answer, and a new file replaces the one waiting', async () => {
    await sendRoster(2, 'first.csv');
    expect(await chat.say(STAFF, '明天再说')).toContain('请回复 1 导入这个花名册，或 2 取消');
    const second = join(await sendRoster(5, 'second.csv'));
    expect(second).toContain('试运行（没有保存任何内容）：second.csv');
    expect(await held()).toBe(1);
    expect(await chat.say(STAFF, '1')).toContain('导入完成：second.csv');
    expect(await honorees()).toBe(5);
  });

  it('lets another command run while the question is open', async () => {
    await sendRoster(2);
    expect(await chat.say(STAFF, '帮助')).toContain('查询');
    expect(await chat.say(STAFF, '1')).toContain('没有看懂这条消息');
    expect(await honorees()).toBe(0);
  });

  it('only reports a file with nobody to import: no question, nothing kept', async () => {
    const rows = rosterRows(2).map((r) => r.map((cell, i) => (ROSTER_HEADER[i] === '身份证号' ? '123' : cell)));
    const replies: Reply[] = await chat.send(STAFF, { file: memoryFile('bad.csv', [ROSTER_HEADER, ...rows].map((r) => r.join(',')).join('\n')) });
    const text = join(replies);
    expect(text).toContain('身份证号应为 18 位');
    expect(text).toContain('没有可以导入的行');
    expect(replies.some((r) => r.choices?.length)).toBe(false);
    expect(await held()).toBe(0);
  });

  it('says what was wrong with a file it cannot read, keeping nothing', async () => {
    const text = await chat.say(STAFF, '', { file: memoryFile('photo.jpg', 'not a roster') });
    expect(text).toContain('不支持「photo.jpg」这种文件');
    expect(await held()).toBe(0);
  });

  it('is silent in a group and refuses a stranger: nothing is read or kept', async () => {
    expect(await chat.send(STAFF, { group: '-100700', file: memoryFile('roster.csv', rosterCsv(2)) })).toEqual([]);
    expect(await chat.say(STRANGER, '', { file: memoryFile('roster.csv', rosterCsv(2)) })).toContain('仅供工会工作人员使用');
    expect(await held()).toBe(0);
  });
});

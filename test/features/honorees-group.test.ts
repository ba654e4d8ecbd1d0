import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../src/domain/index.ts';
import { STAFF, testChat } from '../support/chat.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

const GROUP = { group: 'g-privacy' };

describe.each(PROVIDERS)('honoree look-ups in a group chat on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
  });
  afterAll(() => t.destroy());

  it('says that phone endings are looked up in a private chat, not that nobody was found', async () => {
    const p = await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00006' } });
    const last4 = p.phone!.slice(-4);
    for (const typed of [`查询 ${last4}`, '查询 1740', `档案 ${last4}`, `/file ${last4}`]) {
      const text = await chat.say(STAFF, typed, GROUP);
      expect(text, typed).toContain('私聊');
      expect(text, typed).not.toContain('没有找到');
      expect(text, typed).not.toContain(p.name);
    }
    // A file number of four digits is still found in the group: it names a file, not a phone.
    await t.db.honoree.create({ data: { fileNo: '4321', name: '四位编号', pinyinFull: 'siweibianhao', pinyinInitials: 'swbh' } });
    expect(await chat.say(STAFF, '查询 4321', GROUP)).toContain('四位编号（4321）');
  });

  it('never echoes a typed phone or ID number into the group', async () => {
    const id = makeIdNumber('999031', '1966-06-06', '031');
    for (const typed of [`查询 ${id}`, '查询 13912345678', '查询 0871-6789 1234', `档案 ${id}`, `/find 张三${'13912345678'}`]) {
      const text = await chat.say(STAFF, typed, GROUP);
      expect(text, typed).toContain('没有找到');
      for (const secret of [id, '13912345678', '6789 1234', '67891234']) expect(text, typed).not.toContain(secret);
    }
    // A name that matched nobody is still named back: it helps and tells nothing private.
    expect(await chat.say(STAFF, '查询 欧阳无此人', GROUP)).toContain('没有找到「欧阳无此人」');
    // In a private chat the person hears what they typed.
    expect(await chat.say(STAFF, `查询 ${id}`)).toContain(`没有找到「${id}」`);
  });
});

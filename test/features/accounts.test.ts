import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, STAFF, STRANGER, testChat, type Person } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';
import { ensureAdmins } from '../../src/features/index.ts';

describe.each(PROVIDERS)('accounts and roles on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeAll(async () => {
    t = await freshDb(provider);
    // Both bound from the start: tests run in any order, and the staff member's need not wait for one that binds them.
    await seedAccounts(t.db, [ADMIN, STAFF]);
    chat = testChat(t.db);
  });
  afterAll(() => t.destroy());

  const codeIn = (text: string) => /邀请码：([A-Z0-9]{8})/.exec(text)?.[1];

  it('refuses unbound people politely, revealing nothing', async () => {
    await t.db.honoree.create({ data: { fileNo: 'LM09999', name: '张秘密', pinyinFull: 'zhangmimi', pinyinInitials: 'zmm' } });
    for (const text of ['查询 张', '档案 LM09999', '帮助', '/whoami', '随便说点什么']) {
      const reply = await chat.say(STRANGER, text);
      expect(reply).toContain('仅供工会工作人员使用');
      expect(reply).not.toContain('张秘密');
      expect(reply).not.toContain('LM09999');
    }
    // In a group, an unbound person's small talk gets no answer at all.
    expect(await chat.replies(STRANGER, '大家好', { group: 'g-9' })).toEqual([]);
  });

  it('lets an admin invite staff, and the new person bind with the code once', async () => {
    const invite = await chat.say(ADMIN, '/invite staff');
    const code = codeIn(invite)!;
    expect(code).toBeTruthy();
    const newcomer: Person = { channel: 'telegram', id: '3003', name: '新同事小赵' };
    expect(await chat.say(newcomer, `绑定 ${code.toLowerCase().slice(0, 4)}-${code.slice(4).toLowerCase()}`)).toContain('绑定成功');
    expect(await chat.say(newcomer, '/whoami')).toContain('工作人员');
    const someoneElse: Person = { channel: 'telegram', id: '3004', name: '另一个人' };
    expect(await chat.say(someoneElse, `/bind ${code}`)).toContain('无效、已使用或已过期');
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'account' } });
    expect(audit.some((a) => a.actorLabel === 'telegram:3003' && a.action === 'create')).toBe(true);
  });

  it('binds through the /start deep-link code too', async () => {
    const code = codeIn(await chat.say(ADMIN, '邀请 管理员'))!;
    const newAdmin: Person = { channel: 'telegram', id: '3005', name: '副主席' };
    expect(await chat.say(newAdmin, `/start ${code}`)).toContain('管理员');
    expect(await chat.say(newAdmin, '我是谁')).toContain('角色：管理员');
  });

  it('refuses expired codes', async () => {
    const code = codeIn(await chat.say(ADMIN, '/invite staff'))!;
    chat.setNow(new Date('2026-12-30T00:00:00Z'));
    expect(await chat.say({ channel: 'telegram', id: '3006', name: '迟到者' }, `/bind ${code}`)).toContain('已过期');
    chat.setNow(new Date('2026-11-23T02:00:00Z'));
  });

  it('keeps admin commands from staff, and explains a wrong invite', async () => {
    expect(await chat.say(STAFF, '/invite staff')).toContain('只有管理员可以邀请工作人员或管理员');
    expect(await chat.say(STAFF, '邀请 管理员')).toContain('只有管理员可以邀请工作人员或管理员');
    expect(await chat.say(ADMIN, '/invite')).toContain('例如：邀请 张三');
    expect(await t.db.inviteCode.count({ where: { role: { in: ['staff', 'admin'] }, createdBy: { externalId: STAFF.id } } })).toBe(0);
  });

  it('switches a person to English and answers in English from then on', async () => {
    expect(await chat.say(STAFF, '语言 English')).toContain('English');
    expect(await chat.say(STAFF, '/whoami')).toContain('Role: staff');
    expect(await chat.say(STAFF, '/lang 中文')).toContain('中文');
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'account', action: 'update', actorLabel: `telegram:${STAFF.id}` } });
    expect(audit.map((a) => JSON.parse(a.changes).locale)).toEqual([[null, 'en'], ['en', 'zh-CN']]);
  });

  it('says who you are in your language: the channel by its name, no internal ids at the terminal', async () => {
    const operator: Person = { channel: 'terminal', id: 'operator', name: '终端操作员' };
    await ensureAdmins(t.db, [{ channel: 'telegram', id: ADMIN.id }, { channel: 'terminal', id: operator.id, name: operator.name }]);
    const me = await chat.say(operator, '我是谁');
    expect(me).toContain('您是：终端操作员（');
    expect(me).toContain('角色：管理员');
    expect(me).toContain('渠道：终端');
    expect(me).not.toMatch(/terminal|operator/);
    expect(await chat.say(ADMIN, '我是谁')).toContain('渠道：Telegram\nTelegram 用户 ID：1001');
  });

  it('tells a newcomer how to bind, and admins how newcomers bind', async () => {
    const help = await chat.say(STRANGER, '帮助');
    expect(help).toContain('仅供工会工作人员使用');
    expect(help).toContain('绑定 K7M2Q9XD');
    expect(help).toContain('邀请 工作人员');
    expect(await chat.say(STRANGER, '/help')).toBe(help);
    // In a group, a stranger's plain words still get no answer.
    expect(await chat.replies(STRANGER, '帮助', { group: 'g-9' })).toEqual([]);
    expect(await chat.say(ADMIN, '帮助')).toContain('发送「绑定 邀请码」');
  });

  it('refuses 邀请 in a group for what it is: a one-time code belongs in a private chat', async () => {
    const before = await t.db.inviteCode.count();
    const reply = await chat.say(ADMIN, '邀请 工作人员', { group: 'g-1' });
    expect(reply).toContain('请在与我的私聊中生成邀请码');
    expect(reply).not.toContain('个人信息');
    expect(await t.db.inviteCode.count()).toBe(before);
  });

  it('lists both the Chinese keyword and the slash command of every command in help', async () => {
    const help = await chat.say(STAFF, '帮助');
    for (const [keyword, slash] of [['查询', '/find'], ['档案', '/file'], ['新增', '/add'], ['修改', '/edit']]) {
      expect(help).toContain(keyword);
      expect(help).toContain(slash);
    }
    // Staff invite honorees; the account commands are the admins'.
    expect(help).toContain('/invite');
    expect(help).not.toContain('/role');
    expect(await chat.say(ADMIN, '/help')).toContain('/role');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFeatures } from '../../src/features/index.ts';
import { ADMIN, STAFF, testChat, type Person } from '../support/chat.ts';
import { codeIn } from '../support/checkups.ts';
import { PROVIDERS, type TestDb } from '../support/databases.ts';
import { demoWorld } from '../support/seed.ts';

/**
 * Honorees get accounts of their own: staff invite one (or a family member acting for them),
 * the code binds an account to that file, and such an account sees that file's basic data and
 * checkup and can reach nothing else. All people invented (the demo's 40).
 */
const ZHANG: Person = { channel: 'telegram', id: '5101', name: '张三' };
const DAUGHTER: Person = { channel: 'telegram', id: '5102', name: '张三的女儿' };
const WECHAT_ZHANG: Person = { channel: 'wechat', id: 'wxid_zhangsan', name: '张三' };


describe.each(PROVIDERS)('honoree accounts on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  let zhangId: number;
  beforeAll(async () => {
    ({ t, chat } = await demoWorld(provider));
    zhangId = (await t.db.honoree.findUniqueOrThrow({ where: { fileNo: 'LM00001' } })).id;
    // Bound once for the stories below: the honoree in person, and a daughter as proxy.
    const own = codeIn(await chat.say(STAFF, '邀请 LM00001'))!;
    await chat.say(ZHANG, `绑定 ${own}`);
    const proxy = codeIn(await chat.say(STAFF, '邀请 LM00001 代理人'))!;
    await chat.say(DAUGHTER, `/start ${proxy}`);
  }, 60_000);
  afterAll(() => t.destroy());

  it('staff make an honoree code for a file: valid a month, tied to the file, audited, with the ways to pass it on', async () => {
    const answer = await chat.say(STAFF, '邀请 李海燕');
    expect(answer).toMatch(/已为李海燕（LM\d{5}）生成本人邀请码：[2-9A-Z]{8}（30 天内有效，只能用一次）/);
    expect(answer).toContain('微信加本助手为好友，验证消息里写上');
    expect(answer).toContain('在与本助手的私聊中发送：绑定');
    const code = codeIn(answer)!;
    const invite = await t.db.inviteCode.findUniqueOrThrow({ where: { code } });
    const li = await t.db.honoree.findFirstOrThrow({ where: { name: '李海燕' } });
    expect(invite).toMatchObject({ role: 'honoree', honoreeId: li.id, usedAt: null });
    expect(invite.expiresAt.getTime() - new Date('2026-11-23T02:00:00Z').getTime()).toBe(30 * 24 * 3600_000);
    const audit = await t.db.auditEntry.findFirstOrThrow({ where: { entity: 'invite', entityId: invite.id } });
    expect(JSON.parse(audit.changes)).toMatchObject({ role: [null, 'honoree'], honoreeId: [null, li.id] });
  });

  it('binds the honoree and the proxy to the file, each told in plain words what comes there', async () => {
    const accounts = await t.db.account.findMany({ where: { honoreeId: zhangId, channel: 'telegram' }, orderBy: { id: 'asc' } });
    expect(accounts.map((a) => [a.externalId, a.role])).toEqual([
      [ZHANG.id, 'honoree'],
      [DAUGHTER.id, 'proxy'],
    ]);
    const code = codeIn(await chat.say(STAFF, '/invite proxy LM00002'))!;
    expect(await chat.say({ channel: 'telegram', id: '5201', name: '家属' }, `绑定 ${code}`)).toMatch(/^绑定成功！您是.+的代理人（家属），以后体检等通知会发到这里，由您代为回复。发送「我的体检」可以随时查看。$/);
    const own = codeIn(await chat.say(STAFF, '邀请 LM00003 本人'))!;
    expect(await chat.say({ channel: 'telegram', id: '5301', name: '王' }, `绑定 ${own}`)).toMatch(/^绑定成功！.+您好，以后工会的体检等通知会发到这里。发送「我的体检」可以随时查看。$/);
  });

  it('binds through a WeChat friend request whose greeting holds the code', async () => {
    const code = codeIn(await chat.say(STAFF, '邀请 张三 本人'))!;
    const result = await chat.core.friendRequest({ chat: { channel: 'wechat', id: WECHAT_ZHANG.id, kind: 'private' }, sender: { id: WECHAT_ZHANG.id, name: WECHAT_ZHANG.name }, greeting: `我是张三 ${code}` });
    expect(result.accept).toBe(true);
    expect(await t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: 'wechat', externalId: WECHAT_ZHANG.id } } })).toMatchObject({ role: 'honoree', honoreeId: zhangId });
  });

  it('offers a list when several files match, and codes only for the one picked', async () => {
    const list = await chat.replies(STAFF, '邀请 张');
    expect(list[0].text).toContain('找到 2 位');
    const before = await t.db.inviteCode.count();
    expect(await chat.say(STAFF, '2')).toContain('张德华');
    expect(await t.db.inviteCode.count()).toBe(before + 1);
  });

  it('refuses a file marked deceased, a group chat, and a name that is nobody, saying why', async () => {
    const gone = await t.db.honoree.update({ where: { fileNo: 'LM00040' }, data: { employmentStatus: 'deceased' } });
    expect(await chat.say(STAFF, `邀请 ${gone.fileNo}`)).toContain('记为已故，不能生成邀请码');
    expect(await chat.say(STAFF, '邀请 张三', { group: 'g-1' })).toContain('请在与我的私聊中生成邀请码');
    expect(await chat.say(STAFF, '邀请 查无此人')).toContain('查无此人');
  });

  it('我的体检 shows the honoree their own name, number and honours, and nothing private', async () => {
    const mine = await chat.say(ZHANG, '我的体检');
    expect(mine).toContain('【张三（LM00001）】');
    expect(mine).toContain('荣誉：');
    expect(mine).toContain('体检：目前没有安排');
    const file = await t.db.honoree.findUniqueOrThrow({ where: { id: zhangId } });
    for (const secret of [file.idNumber!, file.phone!, file.address!]) expect(mine).not.toContain(secret);
    // The proxy sees the same file, and only it.
    expect(await chat.say(DAUGHTER, '/mycheckup')).toContain('【张三（LM00001）】');
  });

  it('退订 stops automatic messages for the file (audited, shown), 订阅 brings them back', async () => {
    expect(await chat.say(DAUGHTER, '退订 以后还能体检吗')).toContain('请只发送「退订」两个字');
    expect((await t.db.honoree.findUniqueOrThrow({ where: { id: zhangId } })).messagesOffAt).toBeNull();
    expect(await chat.say(DAUGHTER, '退订。')).toContain('已退订：以后不再自动给您发消息，工作人员会打电话联系您');
    expect((await t.db.honoree.findUniqueOrThrow({ where: { id: zhangId } })).messagesOffAt).not.toBeNull();
    expect(await chat.say(ZHANG, '我的体检')).toContain('您已退订自动消息');
    expect(await chat.say(ZHANG, '订阅')).toContain('已恢复');
    expect((await t.db.honoree.findUniqueOrThrow({ where: { id: zhangId } })).messagesOffAt).toBeNull();
    const audits = await t.db.auditEntry.findMany({ where: { entity: 'honoree', entityId: zhangId, action: 'update' }, orderBy: { id: 'asc' } });
    expect(audits.slice(-2).map((a) => Object.keys(JSON.parse(a.changes)))).toEqual([['messagesOffAt'], ['messagesOffAt']]);
  });

  it('an honoree account reaches no staff command: every keyword and slash form gets the same plain pointer, and nothing changes', async () => {
    const { commands, publicCommands } = createFeatures({ db: t.db, fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 1 << 20 });
    const mine = new Set(['mycheckup', 'unsubscribe', 'subscribe']);
    const audits = await t.db.auditEntry.count();
    const invites = await t.db.inviteCode.count();
    const honorees = await t.db.honoree.count();
    for (const who of [ZHANG, DAUGHTER]) {
      for (const c of commands.filter((c) => !mine.has(c.id))) {
        for (const words of [...c.keywords.map((k) => `${k} LM00002`), `/${c.slash} LM00002`, ...c.keywords]) {
          const answer = await chat.say(who, words);
          expect(answer, `${who.name}: ${words}`).toBe('您好！这里可以查看您的体检安排：请发送「我的体检」。有事也可以直接打电话给工会。');
        }
      }
      // Public commands: binding again is refused as for anyone bound.
      for (const c of publicCommands.filter((c) => c.id === 'bind')) expect(await chat.say(who, `${c.keywords[0]} ABCD2345`)).toContain('您已经绑定过了');
    }
    expect(await t.db.auditEntry.count()).toBe(audits);
    expect(await t.db.inviteCode.count()).toBe(invites);
    expect(await t.db.honoree.count()).toBe(honorees);
  });

  it('help lists only what an honoree can do', async () => {
    const help = await chat.say(ZHANG, '帮助');
    for (const word of ['我的体检', '退订', '订阅']) expect(help).toContain(word);
    for (const word of ['查询', '走访', '邀请', '导入', '账号']) expect(help).not.toContain(word);
  });

  it('staff cannot see an honoree command, and an honoree account never becomes staff', async () => {
    expect(await chat.say(STAFF, '我的体检')).toContain('您没有使用这个命令的权限');
    expect(await chat.say(ADMIN, '我的体检')).toContain('这个命令是给劳模本人和代理人查看自己体检安排的');
    const account = await t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: ZHANG.id } } });
    expect(await chat.say(ADMIN, `角色 ${account.id} 管理员`)).toContain('是劳模本人或家属的账号，不能改为工作人员或管理员');
    expect((await t.db.account.findUniqueOrThrow({ where: { id: account.id } })).role).toBe('honoree');
  });

  it('keeps an honoree’s last use to the minute, so messages go where they wrote last', async () => {
    const seen = async () => (await t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: 'telegram', externalId: ZHANG.id } } })).lastSeenAt!;
    chat.setNow(new Date('2026-11-23T05:00:00Z'));
    await chat.say(ZHANG, '我的体检');
    expect(await seen()).toEqual(new Date('2026-11-23T05:00:00Z'));
    chat.setNow(new Date('2026-11-23T05:02:00Z'));
    await chat.say(ZHANG, '我的体检');
    expect(await seen()).toEqual(new Date('2026-11-23T05:02:00Z'));
    chat.setNow(new Date('2026-11-23T02:00:00Z'));
  });
});

import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureAdmins } from '../../src/features/index.ts';
import { ADMIN, STAFF, testChat, type Person } from '../support/chat.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedAccounts } from '../support/seed.ts';

const SECOND_ADMIN: Person = { channel: 'telegram', id: '1002', name: '管理员老陈' };

describe.each(PROVIDERS)('taking access away on %s', (provider) => {
  let t: TestDb;
  let chat: ReturnType<typeof testChat>;
  beforeEach(async () => {
    t = await freshDb(provider);
    await seedAccounts(t.db, [ADMIN, STAFF]);
    chat = testChat(t.db);
  });
  afterEach(() => t.destroy());

  const accountOf = (p: Person) => t.db.account.findUniqueOrThrow({ where: { channel_externalId: { channel: p.channel ?? 'telegram', externalId: p.id } } });
  const numberOf = async (p: Person) => (await accountOf(p)).id;
  /** A second admin, made by the first one with 角色. */
  async function secondAdmin(): Promise<number> {
    await t.db.account.create({ data: { channel: 'telegram', externalId: SECOND_ADMIN.id, displayName: SECOND_ADMIN.name, role: 'staff' } });
    const n = await numberOf(SECOND_ADMIN);
    expect(await chat.say(ADMIN, `角色 ${n} 管理员`)).toContain(`已将 管理员老陈（${n} 号账号） 的角色改为：管理员`);
    return n;
  }

  it('lists every account with its number, name, role, channel, state and last seen, for admins in private', async () => {
    await t.db.account.create({ data: { channel: 'wechat', externalId: 'wxid_t1', displayName: '从未来过', role: 'staff' } });
    await chat.say(STAFF, '我是谁');
    const list = await chat.say(ADMIN, '账号');
    const staff = await numberOf(STAFF);
    expect(list).toContain(`工作人员小李（${staff} 号账号） · 工作人员 · Telegram · 在用 · 最近 1 小时内`);
    expect(list).toContain('管理员老王');
    expect(list).toContain('管理员（由 HONORCARE_ADMINS 设定）');
    expect(list).toMatch(/从未来过（\d+ 号账号） · 工作人员 · 微信 · 在用 · 从未使用/);
    expect(await chat.say(ADMIN, '/accounts')).toBe(list);
    expect(await chat.say(STAFF, '账号')).toContain('没有使用这个命令的权限');
    expect(await chat.say(ADMIN, '账号', { group: 'g-1' })).toContain('私聊');
  });

  it('refuses a deactivated person from their very next message, keeps their history, and lets them back in', async () => {
    await t.db.honoree.create({ data: { fileNo: 'LM09001', name: '测试甲', pinyinFull: 'ceshijia', pinyinInitials: 'csj' } });
    expect(await chat.say(STAFF, '走访 LM09001 电话 问候身体')).toContain('已记录走访');
    const staff = await numberOf(STAFF);

    const done = await chat.say(ADMIN, `停用 ${staff}`);
    expect(done).toContain(`已停用 工作人员小李（${staff} 号账号）`);
    expect(done).toContain(`启用 ${staff}`);
    for (const text of ['查询 测试', '帮助', '我是谁']) expect(await chat.say(STAFF, text)).toContain('仅供工会工作人员使用');
    expect(await chat.say(ADMIN, '账号')).toContain(`工作人员小李（${staff} 号账号） · 工作人员 · Telegram · 已停用`);

    // History stays: the visit and who recorded it, and the audit of the deactivation.
    expect(await t.db.visit.findMany({ where: { recordedById: staff } })).toHaveLength(1);
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'account', entityId: staff, action: 'update' } });
    expect(audit.map((a) => [a.actorLabel, JSON.parse(a.changes).active])).toEqual([[`telegram:${ADMIN.id}`, [true, false]]]);

    expect(await chat.say(ADMIN, `停用 ${staff}`)).toContain('已经是停用状态');
    expect(await chat.say(ADMIN, `/activate ${staff}`)).toContain(`已启用 工作人员小李（${staff} 号账号），角色：工作人员`);
    expect(await chat.say(STAFF, '查询 测试')).toContain('测试甲');
    expect(await chat.say(ADMIN, `启用 ${staff}`)).toContain('正在使用中');
  });

  it('takes access away on every instance of the bot at once: no instance trusts an old copy of the account', async () => {
    const other = testChat(t.db); // a second bot process on the same database
    expect(await other.say(STAFF, '我是谁')).toContain('角色：工作人员');
    const staff = await numberOf(STAFF);
    await chat.say(ADMIN, `停用 ${staff}`);
    expect(await other.say(STAFF, '我是谁')).toContain('仅供工会工作人员使用');
    await chat.say(ADMIN, `启用 ${staff}`);
    await chat.say(ADMIN, `角色 ${staff} 管理员`);
    expect(await other.say(STAFF, '我是谁')).toContain('角色：管理员');
  });

  it('changes roles both ways, and a demoted admin loses admin commands at once', async () => {
    const second = await secondAdmin();
    expect(await chat.say(SECOND_ADMIN, '/invite staff')).toContain('邀请码');
    expect(await chat.say(ADMIN, `/role ${second} staff`)).toContain('的角色改为：工作人员');
    expect(await chat.say(SECOND_ADMIN, '/invite staff')).toContain('只有管理员可以邀请工作人员或管理员');
    expect(await chat.say(SECOND_ADMIN, '账号')).toContain('没有使用这个命令的权限');
    expect(await chat.say(ADMIN, `角色 ${second} 工作人员`)).toContain('的角色已经是工作人员');
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'account', entityId: second, action: 'update' }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => JSON.parse(a.changes).role)).toEqual([
      ['staff', 'admin'],
      ['admin', 'staff'],
    ]);
  });

  it('never deactivates or demotes the last active admin', async () => {
    const admin = await numberOf(ADMIN);
    expect(await chat.say(ADMIN, `停用 ${admin}`)).toContain('不能停用最后一位在用的管理员');
    expect(await chat.say(ADMIN, `角色 ${admin} 工作人员`)).toContain('不能把最后一位在用的管理员改为工作人员');
    expect((await accountOf(ADMIN)).active).toBe(true);

    // With a second admin, the first may go; then the second is the last one.
    const second = await secondAdmin();
    expect(await chat.say(SECOND_ADMIN, `停用 ${admin}`)).toContain('已停用');
    expect(await chat.say(SECOND_ADMIN, `停用 ${second}`)).toContain('不能停用最后一位在用的管理员');
    // A deactivated admin does not count: demoting one is fine, and does not touch the last one.
    expect(await chat.say(SECOND_ADMIN, `角色 ${admin} 工作人员`)).toContain('的角色改为：工作人员');
  });

  it('leaves exactly one admin when two admins take each other away at the same moment', async () => {
    const second = await secondAdmin();
    const first = await numberOf(ADMIN);
    const answers = await Promise.all([chat.say(ADMIN, `停用 ${second}`), chat.say(SECOND_ADMIN, `停用 ${first}`)]);
    expect(answers.filter((a) => a.includes('已停用')), answers.join(' | ')).toHaveLength(1);
    // The other is refused: as the last admin, or as a stranger when the first change came before its message.
    expect(answers.filter((a) => /最后一位在用的管理员|仅供工会工作人员使用/.test(a)), answers.join(' | ')).toHaveLength(1);
    expect(await t.db.account.count({ where: { role: 'admin', active: true } })).toBe(1);
  });

  // Only PostgreSQL runs two transactions at once (on SQLite one waits for the other anyway).
  // Registered on PostgreSQL only, so no run reports it skipped.
  if (provider === 'postgres') {
    it('waits for another instance that is taking an admin away, then counts the admins afresh', async () => {
      const second = await secondAdmin();
      const first = await numberOf(ADMIN);
      const other = new pg.Client({ connectionString: t.url });
      await other.connect();
      try {
        // Another instance of the bot, midway through 停用 <first>: it counted two admins, has taken
        // the first away, and has not committed yet.
        await other.query('BEGIN');
        await other.query(`UPDATE "Account" SET role = 'admin' WHERE role = 'admin' AND active`);
        await other.query(`UPDATE "Account" SET active = false WHERE id = $1`, [first]);
        const answer = chat.say(ADMIN, `停用 ${second}`);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await other.query('COMMIT');
        expect(await answer).toContain('不能停用最后一位在用的管理员');
      } finally {
        await other.end();
      }
      expect(await t.db.account.count({ where: { role: 'admin', active: true } })).toBe(1);
    });
  }

  it('explains a wrong number or role with an example', async () => {
    expect(await chat.say(ADMIN, '停用')).toContain('例如：停用 3');
    expect(await chat.say(ADMIN, '停用 小李')).toContain('例如：停用 3');
    expect(await chat.say(ADMIN, '启用 x')).toContain('例如：启用 3');
    expect(await chat.say(ADMIN, '停用 9999')).toContain('没有 9999 号账号');
    expect(await chat.say(ADMIN, `角色 ${await numberOf(STAFF)} 老板`)).toContain('例如：角色 3 管理员');
    expect(await chat.say(ADMIN, '角色 管理员')).toContain('例如：角色 3 管理员');
    expect(await chat.say(STAFF, `停用 ${await numberOf(ADMIN)}`)).toContain('没有使用这个命令的权限');
    expect((await accountOf(ADMIN)).active).toBe(true);
  });

  it('does not let a deactivated person back in with a new invite code', async () => {
    const staff = await numberOf(STAFF);
    await chat.say(ADMIN, `停用 ${staff}`);
    const code = /邀请码：([A-Z0-9]{8})/.exec(await chat.say(ADMIN, '邀请 管理员'))![1];
    expect(await chat.say(STAFF, `绑定 ${code}`)).toContain('您的账号已被停用');
    expect(await accountOf(STAFF)).toMatchObject({ active: false, role: 'staff' });
    expect((await t.db.inviteCode.findUniqueOrThrow({ where: { code } })).usedAt).toBeNull();
  });

  it('notes when an account was last seen at most once an hour, not on every message', async () => {
    const at = (iso: string) => chat.setNow(new Date(iso));
    at('2026-11-23T02:00:00Z');
    await chat.say(STAFF, '我是谁');
    expect((await accountOf(STAFF)).lastSeenAt).toEqual(new Date('2026-11-23T02:00:00Z'));
    at('2026-11-23T02:59:00Z');
    await chat.say(STAFF, '我是谁');
    expect((await accountOf(STAFF)).lastSeenAt).toEqual(new Date('2026-11-23T02:00:00Z'));
    at('2026-11-23T03:00:00Z');
    await chat.say(STAFF, '我是谁');
    expect((await accountOf(STAFF)).lastSeenAt).toEqual(new Date('2026-11-23T03:00:00Z'));
    at('2026-11-26T05:00:00Z');
    expect(await chat.say(ADMIN, '账号')).toContain('工作人员 · Telegram · 在用 · 3 天前');
  });
});

describe.each(PROVIDERS)('HONORCARE_ADMINS at start on %s', (provider) => {
  let t: TestDb;
  beforeEach(async () => {
    t = await freshDb(provider);
  });
  afterEach(() => t.destroy());

  const A = { channel: 'telegram' as const, id: '5001', name: '甲' };
  const B = { channel: 'telegram' as const, id: '5002', name: '乙' };
  const roleOf = async (id: string) => (await t.db.account.findFirstOrThrow({ where: { externalId: id } })).role;

  it('makes an admin made only by HONORCARE_ADMINS staff once removed from it, and audits it', async () => {
    await ensureAdmins(t.db, [A, B]);
    expect(await ensureAdmins(t.db, [A])).toEqual({ demoted: ['telegram:5002'], refused: [] });
    expect([await roleOf('5001'), await roleOf('5002')]).toEqual(['admin', 'staff']);
    const b = await t.db.account.findFirstOrThrow({ where: { externalId: '5002' } });
    const audit = await t.db.auditEntry.findMany({ where: { entity: 'account', entityId: b.id, action: 'update' } });
    expect(audit.map((a) => [a.actorLabel, JSON.parse(a.changes).role])).toEqual([['system', ['admin', 'staff']]]);
    // Listed again, admin again.
    await ensureAdmins(t.db, [A, B]);
    expect(await roleOf('5002')).toBe('admin');
  });

  it('keeps admins that an admin made (by invite or 角色), and those an admin confirmed', async () => {
    await ensureAdmins(t.db, [A, B]);
    const chat = testChat(t.db);
    const code = /邀请码：([A-Z0-9]{8})/.exec(await chat.say(A, '邀请 管理员'))![1];
    await chat.say({ channel: 'telegram', id: '5003', name: '丙' }, `绑定 ${code}`);
    await t.db.account.create({ data: { channel: 'telegram', externalId: '5004', displayName: '丁', role: 'staff' } });
    const ding = (await t.db.account.findFirstOrThrow({ where: { externalId: '5004' } })).id;
    await chat.say(A, `角色 ${ding} 管理员`);
    const yi = (await t.db.account.findFirstOrThrow({ where: { externalId: '5002' } })).id;
    expect(await chat.say(A, `角色 ${yi} 管理员`)).toContain('乙（');
    expect(await ensureAdmins(t.db, [])).toEqual({ demoted: ['telegram:5001'], refused: [] });
    expect(await Promise.all(['5001', '5002', '5003', '5004'].map(roleOf))).toEqual(['staff', 'admin', 'admin', 'admin']);
  });

  it('never makes an honoree’s or proxy’s account an admin, even when HONORCARE_ADMINS lists it', async () => {
    const file = await t.db.honoree.create({ data: { fileNo: 'LM09001', name: '王示例', pinyinFull: 'wangshili', pinyinInitials: 'wsl' } });
    await t.db.account.create({ data: { channel: 'telegram', externalId: '5001', displayName: '王示例的女儿', role: 'proxy', honoreeId: file.id } });
    expect(await ensureAdmins(t.db, [A, B])).toEqual({ demoted: [], refused: ['telegram:5001'] });
    expect([await roleOf('5001'), await roleOf('5002')]).toEqual(['proxy', 'admin']);
  });

  it('tells an admin who demotes a listed admin that the next start makes them admin again', async () => {
    await ensureAdmins(t.db, [A, B]);
    const chat = testChat(t.db);
    const yi = (await t.db.account.findFirstOrThrow({ where: { externalId: '5002' } })).id;
    expect(await chat.say(A, `角色 ${yi} 工作人员`)).toContain('下次启动时会恢复为管理员');
    await ensureAdmins(t.db, [A, B]);
    expect(await roleOf('5002')).toBe('admin');
  });

  it('sorts out admins from before it knew how they became admin: by an admin invite they stay, by the list they go', async () => {
    await ensureAdmins(t.db, [A]);
    const chat = testChat(t.db);
    const code = /邀请码：([A-Z0-9]{8})/.exec(await chat.say(A, '邀请 管理员'))![1];
    await chat.say({ channel: 'telegram', id: '5003', name: '丙' }, `绑定 ${code}`);
    // As a database from before the column holds them.
    await t.db.account.updateMany({ data: { adminVia: null } });
    await ensureAdmins(t.db, []);
    expect([await roleOf('5001'), await roleOf('5003')]).toEqual(['staff', 'admin']);
  });

  it('leaves a deactivated listed admin deactivated: taking access away holds across restarts', async () => {
    await ensureAdmins(t.db, [A, B]);
    const chat = testChat(t.db);
    const yi = (await t.db.account.findFirstOrThrow({ where: { externalId: '5002' } })).id;
    expect(await chat.say(A, `停用 ${yi}`)).toContain('已停用');
    await ensureAdmins(t.db, [A, B]);
    expect(await chat.say(B, '我是谁')).toContain('仅供工会工作人员使用');
  });
});

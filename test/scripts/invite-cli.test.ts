import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { testChat } from '../support/chat.ts';
import { freshUrl, PROVIDERS } from '../support/databases.ts';
import { runNpm } from '../support/spawn.ts';

/** A person nobody has bound yet: the first admin of a new office, on Telegram. */
const FIRST_ADMIN = { channel: 'telegram' as const, id: '424242', name: '新管理员' };

describe.each(PROVIDERS)('npm run invite (on %s)', (provider) => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function database() {
    const { url, drop } = await freshUrl(provider);
    cleanups.push(drop);
    return url;
  }

  it('prints a one-time admin code from the command line; the first admin binds with it in a chat, once', async () => {
    const url = await database();
    const run = await runNpm(['run', 'invite', '--', 'admin'], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const code = /邀请码：([2-9A-Z]{8})（角色：管理员，72 小时内有效/.exec(run.stdout)?.[1];
    expect(code, run.stdout).toBeDefined();
    expect(run.stdout).toContain(`绑定 ${code}`);

    const store = await openDb(url);
    cleanups.push(() => store.close());
    // Made by the server's operator and audited as the machine's own doing.
    const invite = await store.db.inviteCode.findUniqueOrThrow({ where: { code }, include: { createdBy: true } });
    expect(invite).toMatchObject({ role: 'admin', usedAt: null, createdBy: { channel: 'terminal', externalId: 'operator', role: 'staff' } });
    expect(await store.db.auditEntry.count({ where: { entity: 'invite', entityId: invite.id, action: 'create', actorId: null } })).toBe(1);

    const chat = testChat(store.db, { now: new Date() });
    expect(await chat.say(FIRST_ADMIN, `绑定 ${code}`)).toContain('管理员');
    expect(await chat.say(FIRST_ADMIN, '我是谁')).toContain('角色：管理员');
    const second = { ...FIRST_ADMIN, id: '434343', name: '另一人' };
    expect(await chat.say(second, `绑定 ${code}`)).not.toContain('角色：管理员');
    expect((await store.db.account.findFirst({ where: { externalId: second.id, active: true } }))?.role).toBeUndefined();
  }, 60_000);

  it('says how to use it when the role is missing or unknown, and makes nothing', async () => {
    const url = await database();
    for (const args of [[], ['boss']]) {
      const run = await runNpm(['run', 'invite', '--', ...args], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' });
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe('用法：npm run invite -- admin（管理员）或 npm run invite -- staff（工作人员）');
      expect(run.stdout).toBe('');
    }
  }, 60_000);
});

describe('npm run invite while the bot holds the SQLite file', () => {
  it('says the file is in use and that codes can be made in a chat instead', async () => {
    const { url, drop } = await freshUrl('sqlite');
    const bot = await openDb(url); // as the running bot does: an exclusive lock on the file
    try {
      const run = await runNpm(['run', 'invite', '--', 'staff'], { DATABASE_URL: url, HONORCARE_TERMINAL: 'off' });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('is in use by another HonorCare');
      expect(run.stderr).toContain('邀请 管理员');
      expect(run.stdout).toBe('');
    } finally {
      await bot.close();
      await drop();
    }
  }, 60_000);
});

import { describe, expect, it } from 'vitest';
import { explainStartFailure, explainTelegramFailure, explainWechatFailure } from '../src/start-failure.ts';

const PG = 'postgresql://honorcare:s3cret@db.example:5433/honorcare';
/** Prisma's driver adapters wrap what the database said in a DriverAdapterError's cause. */
const adapterError = (cause: object) => Object.assign(new Error('DriverAdapterError'), { name: 'DriverAdapterError', cause });
/** node-postgres and Node report a code of their own (SQLSTATE or errno). */
const coded = (code: string, extra: object = {}) => Object.assign(new Error(code), { code, ...extra });

describe('a start that fails on the database is explained in one line', () => {
  it.each([
    ['no server (adapter)', adapterError({ kind: 'DatabaseNotReachable', host: 'db.example', port: 5433 }), 'no PostgreSQL server answers at db.example:5433'],
    ['no server (node-postgres)', coded('ECONNREFUSED', { syscall: 'connect' }), 'no PostgreSQL server answers at db.example:5433'],
    ['no such database', adapterError({ kind: 'DatabaseDoesNotExist', originalCode: '3D000' }), 'the database "honorcare" does not exist'],
    ['a wrong password (adapter)', adapterError({ kind: 'AuthenticationFailed', user: 'honorcare' }), 'refused the password of user "honorcare"'],
    ['a wrong password (node-postgres)', coded('28P01'), 'refused the password of user "honorcare"'],
    ['no such role', adapterError({ kind: 'DatabaseAccessDenied', originalCode: '28000', originalMessage: 'role "honorcare" does not exist' }), 'refused user "honorcare" (role "honorcare" does not exist)'],
    ['no right to create tables', adapterError({ kind: 'postgres', code: '42501', originalCode: '42501', originalMessage: 'permission denied for schema public' }), 'may not create tables in "honorcare"'],
  ])('%s', (_what, err, expected) => {
    const line = explainStartFailure(err, PG)!;
    expect(line).toContain('HonorCare cannot open the database (DATABASE_URL=postgresql://honorcare:***@db.example:5433/honorcare)');
    expect(line).toContain(expected);
    expect(line).not.toContain('s3cret');
    expect(line).not.toContain('\n');
  });

  it('explains SQLite files and folders that cannot be used', () => {
    const sqlite = (code: string) => adapterError({ kind: 'sqlite', originalCode: code });
    expect(explainStartFailure(sqlite('SQLITE_NOTADB'), 'file:/srv/hc/honorcare.db')).toContain('/srv/hc/honorcare.db is not a SQLite database');
    expect(explainStartFailure(sqlite('SQLITE_CANTOPEN'), 'file:/srv/hc/honorcare.db')).toContain('cannot be opened for writing');
    const mkdir = coded('EACCES', { syscall: 'mkdir', path: '/srv/hc' });
    expect(explainStartFailure(mkdir, 'file:/srv/hc/honorcare.db')).toBe(
      'HonorCare cannot mkdir /srv/hc (EACCES). Check HONORCARE_DATA_DIR, DATABASE_URL and LOG_FILE, and that the bot may write there.',
    );
  });

  it('leaves anything else (a bug) to be reported with its details', () => {
    expect(explainStartFailure(new TypeError('x is undefined'), PG)).toBeUndefined();
  });
});

describe('a Telegram channel that can never work is explained in one line', () => {
  it('names the token for a 401, and exits as for a wrong setting', () => {
    expect(explainTelegramFailure({ errorCode: 401, message: 'getMe: 401 Unauthorized' })).toEqual({
      code: 2,
      line: 'HonorCare: Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized). Copy the token again from @BotFather (/mybots, API Token).',
    });
    expect(explainTelegramFailure({ errorCode: 409 }).line).toContain('another program is reading Telegram updates with this TELEGRAM_BOT_TOKEN');
  });

  it('names WECHATY_PUPPET when the puppet package is not installed, and otherwise says what Wechaty said, in one line', () => {
    const missing = new Error("Cannot find package 'wechaty-puppet-nonexistent' imported from /srv/honorcare/node_modules/wechaty-puppet/dist/esm/src/puppet/puppet-resolver.js");
    expect(explainWechatFailure(missing, 'wechaty-puppet-nonexistent')).toEqual({
      code: 2,
      line: 'HonorCare: WeChat cannot start: the puppet wechaty-puppet-nonexistent is not installed. Check WECHATY_PUPPET (README, "Connecting WeChat").',
    });
    const other = explainWechatFailure(new Error('token not found\nsee the docs'), 'wechaty-puppet-service');
    expect(other.line).toBe('HonorCare: WeChat cannot start (WECHATY_PUPPET=wechaty-puppet-service): token not found');
  });
});

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { privateChat, startFakeBotApi, user, type StoredMessage } from '../fakes/bot-api-server.ts';
import { projectRoot, runNpm } from '../support/spawn.ts';

const TOKEN = '123456:TEST';
const admin = user(1001, '老王', 'zh-hans');
const pgAdmin = process.env.TEST_DATABASE_URL;

/** No stack trace, no Prisma dump: the whole of standard error is this one line. */
function expectOneLine(stderr: string) {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/^\s+at /m);
}

/** A PostgreSQL URL on the test server with another user or database. */
function onTestServer(change: (u: URL) => void): string {
  const u = new URL(pgAdmin!);
  change(u);
  return u.toString();
}

describe('start-up failures are one clear line (npm start)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-start-'));
  const dataDir = join(dir, 'data');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    // Before DATABASE_URL was checked, a URL of another database became a SQLite path here.
    rmSync(join(projectRoot, 'mysql:'), { recursive: true, force: true });
  });

  it('refuses a DATABASE_URL that is no SQLite or PostgreSQL URL, and creates nothing', async () => {
    // A data folder of its own: the other stories here create theirs, in any order.
    const ownDataDir = join(dir, 'data-mysql');
    const run = await runNpm(['start'], { HONORCARE_DATA_DIR: ownDataDir, DATABASE_URL: 'mysql://honorcare:s3cret@db.example/honorcare' }, '帮助\n');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('DATABASE_URL: a SQLite file (file:./data/honorcare.db) or PostgreSQL');
    expect(run.stderr).not.toContain('s3cret');
    expect(existsSync(ownDataDir)).toBe(false);
    expect(existsSync(join(projectRoot, 'mysql:'))).toBe(false);
  });

  it('names DATABASE_URL and what to check when no server answers, without showing the password', async () => {
    const run = await runNpm(['start'], { HONORCARE_DATA_DIR: dataDir, DATABASE_URL: 'postgresql://honorcare:s3cret@127.0.0.1:1/honorcare' }, '帮助\n');
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('HonorCare cannot open the database (DATABASE_URL=postgresql://honorcare:***@127.0.0.1:1/honorcare)');
    expect(run.stderr).toContain('no PostgreSQL server answers at 127.0.0.1:1. Check that it is running');
    expect(run.stderr).not.toContain('s3cret');
  });

  it('says so when the SQLite file is not a database', async () => {
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, Buffer.alloc(4096, 7));
    const run = await runNpm(['start'], { HONORCARE_DATA_DIR: dataDir, DATABASE_URL: `file:${junk}` }, '帮助\n');
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain(`${junk} is not a SQLite database`);
  });

  it.runIf(pgAdmin)('says which database does not exist, and how to create it', async () => {
    const url = onTestServer((u) => (u.pathname = '/hc_no_such_database'));
    const run = await runNpm(['start'], { HONORCARE_DATA_DIR: dataDir, DATABASE_URL: url }, '帮助\n');
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('the database "hc_no_such_database" does not exist. Create it (README, "Running on PostgreSQL")');
  });

  it.runIf(pgAdmin)('says which user the server refused', async () => {
    const url = onTestServer((u) => (u.username = 'hc_no_such_role'));
    const run = await runNpm(['start'], { HONORCARE_DATA_DIR: dataDir, DATABASE_URL: url }, '帮助\n');
    expect(run.code).toBe(1);
    expectOneLine(run.stderr);
    expect(run.stderr).toContain('the server refused user "hc_no_such_role" (role "hc_no_such_role" does not exist)');
  });
});

interface Bot {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

describe('Telegram at start (npm start with the terminal and TELEGRAM_BOT_TOKEN)', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  /** The bot as a real process, its standard input kept open as at a terminal. */
  function startBot(env: Record<string, string>): Bot {
    const dir = mkdtempSync(join(tmpdir(), 'hc-tg-start-'));
    const child = spawn('npm', ['--silent', 'start'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', HONORCARE_ENV_FILE: '/nonexistent/.env', HONORCARE_DATA_DIR: dir, HONORCARE_ADMINS: 'telegram:1001', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    cleanups.push(async () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // exited already
      }
      await exited;
      rmSync(dir, { recursive: true, force: true });
    });
    return { child, stdout: () => stdout, stderr: () => stderr, exited };
  }

  async function until(what: string, check: () => boolean, ms: number) {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('answers at the terminal at once while Telegram is unreachable, retries it with a log line per attempt, and connects when it is back', async () => {
    // A Bot API that is down: its port refuses connections until it is started again.
    const fake = await startFakeBotApi({ token: TOKEN });
    const port = Number(new URL(fake.apiRoot).port);
    await fake.stop();
    cleanups.push(() => fake.stop());
    const dir = mkdtempSync(join(tmpdir(), 'hc-tg-log-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const logFile = join(dir, 'bot.log');
    const bot = startBot({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, LOG_FILE: logFile });

    bot.child.stdin!.write('帮助\n');
    await until('the terminal answers', () => bot.stdout().includes('可用命令'), 15_000);
    const attempts = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('telegram not reachable, retrying')) : []);
    await until('two attempts are logged', () => attempts().length >= 2, 15_000);
    const [first, second] = attempts().map((l) => JSON.parse(l) as { attempt: number; retry_in_ms: number; err: { message: string } });
    expect(second.attempt).toBe(first.attempt + 1);
    expect(second.retry_in_ms).toBeGreaterThan(first.retry_in_ms);
    expect(first.err.message).not.toContain(TOKEN);

    await fake.start(port);
    await fake.waitForCall('getUpdates', undefined, 30_000);
    fake.sendText({ from: admin, chat: privateChat(admin), text: '/whoami' });
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === 1001 && String(c.params.text).includes('角色') && c.result !== undefined, 30_000);
    expect((reply.result as StoredMessage).text).toContain('角色：管理员');
    expect(bot.stderr()).toBe('');
  }, 90_000);

  it('stops with one line naming TELEGRAM_BOT_TOKEN when Telegram refuses the token', async () => {
    const fake = await startFakeBotApi({ token: '999:OTHER' });
    cleanups.push(() => fake.stop());
    const bot = startBot({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    const code = await Promise.race([bot.exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 30_000))]);
    expect(code).toBe(2);
    expectOneLine(bot.stderr());
    expect(bot.stderr()).toContain('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized)');
  }, 60_000);
});

describe('the terminal with its output closed early (npm start | head -1)', () => {
  it('ends cleanly, with no unhandled EPIPE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-epipe-'));
    try {
      const child = spawn('npm', ['--silent', 'start'], {
        cwd: projectRoot,
        env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', HONORCARE_ENV_FILE: '/nonexistent/.env', HONORCARE_DATA_DIR: dir },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      // Like `head -1`: read the first answer, then close the pipe while more answers come.
      child.stdout.once('data', () => child.stdout.destroy());
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.stdin.write('帮助\n'.repeat(50));
      const code = await Promise.race([exited, new Promise<'running'>((r) => setTimeout(() => r('running'), 30_000))]);
      child.stdin.destroy();
      if (code === 'running') child.kill('SIGKILL');
      expect(code).toBe(0);
      expect(stderr).toBe('');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

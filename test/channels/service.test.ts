import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { privateChat, startFakeBotApi, user, type FakeBotApi, type FakeBotApiOptions, type StoredMessage } from '../fakes/bot-api-server.ts';
import { freshUrl, PROVIDERS } from '../support/databases.ts';
import { projectRoot } from '../support/spawn.ts';

const TOKEN = '123456:TEST';
const admin = user(1001, '老王', 'zh-hans');

interface Service {
  child: ChildProcess;
  logFile: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

describe.each(PROVIDERS)('HonorCare as a long-running service with Telegram (npm start), on %s', (provider) => {
  // Stopped in reverse order: the service first, then the fake it polls, then the files.
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  async function startService(fakeOptions: FakeBotApiOptions = {}): Promise<{ fake: FakeBotApi; service: Service }> {
    const dir = mkdtempSync(join(tmpdir(), 'hc-svc-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const db = await freshUrl(provider);
    cleanups.push(() => db.drop());
    const fake = await startFakeBotApi({ token: TOKEN, ...fakeOptions });
    cleanups.push(() => fake.stop());
    const child = spawn('npm', ['--silent', 'start'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/tmp',
        HONORCARE_DATA_DIR: dir,
        DATABASE_URL: db.url,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        HONORCARE_ADMINS: 'telegram:1001',
        LOG_LEVEL: 'debug',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so the cleanup can end npm, sh, tsx and node together.
      detached: true,
    });
    let output = '';
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    // As under systemd: no terminal, standard input closed at once.
    child.stdin!.end();
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.on('exit', (code, signal) => r({ code, signal })));
    cleanups.push(async () => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // the whole group has exited already
      }
      await exited;
    });
    const service: Service = { child, logFile: join(dir, 'honorcare.log'), exited, output: () => output };
    // Ready once it polls; a start that fails shows its output instead of a bare timeout.
    const ready = await Promise.race([fake.waitForCall('getUpdates', undefined, 60_000).then(() => true), exited.then(() => false)]);
    if (!ready) throw new Error(`the service exited before polling:\n${output}`);
    return { fake, service };
  }

  /**
   * SIGTERM to `npm start` itself, as a process manager or `kill <npm pid>` sends it: npm passes
   * it on, and the start script execs node, so no shell stands in between to swallow it.
   */
  async function terminate(service: Service, withinMs: number) {
    const sent = Date.now();
    const pid = appPid(service);
    process.kill(service.child.pid!, 'SIGTERM');
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no exit ${withinMs} ms after SIGTERM:\n${service.output()}`)), withinMs));
    const exit = await Promise.race([service.exited, timeout]);
    // The bot itself is gone too, not orphaned behind npm.
    expect(alive(pid)).toBe(false);
    return { ...exit, tookMs: Date.now() - sent };
  }

  /** The pid of the node process running src/main.ts, from the log file. */
  function appPid(service: Service): number {
    const first = readFileSync(service.logFile, 'utf8').split('\n')[0];
    return (JSON.parse(first) as { pid: number }).pid;
  }

  function readLog(service: Service) {
    return readFileSync(service.logFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { msg: string; pid: number; method?: string; message_id?: number });
  }

  it('keeps running with standard input closed, answers /whoami, and stops cleanly on SIGTERM', async () => {
    const { fake, service } = await startService();
    // The terminal channel ended with its input; the Telegram channel keeps the service up.
    await new Promise((r) => setTimeout(r, 500));
    expect(service.child.exitCode).toBeNull();

    fake.sendText({ from: admin, chat: privateChat(admin), text: '/whoami' });
    // The answer to /whoami (the bot may also have told the admin something on its own since start).
    const reply = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === 1001 && c.result !== undefined && String(c.params.text).includes('角色'), 30_000);
    expect((reply.result as StoredMessage).text).toContain('角色：管理员');

    const exit = await terminate(service, 10_000);
    expect(exit.code).toBe(0);
    const log = readFileSync(service.logFile, 'utf8');
    expect(log).toContain('"msg":"telegram channel stopped"');
    expect(log).toMatch(/"msg":"stopped"/);
  }, 90_000);

  it('delivers a reply that is in flight when SIGTERM arrives, then exits', async () => {
    const latencyMs = 1500;
    const { fake, service } = await startService({ latencyMs });
    fake.sendText({ from: admin, chat: privateChat(admin), text: '/whoami' });
    // The request has reached the server; its answer comes only after latencyMs.
    const call = await fake.waitForCall('sendMessage', (c) => c.params.chat_id === 1001 && String(c.params.text).includes('角色'), 30_000);
    expect((call.result as StoredMessage).text).toContain('管理员');

    const exit = await terminate(service, 15_000);
    expect(exit.code).toBe(0);
    // It waited for the answer rather than cutting the request...
    expect(exit.tookMs).toBeGreaterThanOrEqual(latencyMs - 300);
    // ...and got it: the channel logs each message Telegram confirmed, before "stopped".
    const lines = readLog(service);
    const sentAt = lines.findIndex((l) => l.msg === 'sent' && l.method === 'sendMessage' && l.message_id === (call.result as StoredMessage).message_id);
    expect(sentAt).toBeGreaterThan(-1);
    expect(sentAt).toBeLessThan(lines.findIndex((l) => l.msg === 'stopped'));
  }, 90_000);

  it('stops gracefully when its whole process group gets SIGTERM, as systemd and Ctrl+C do', async () => {
    const { fake, service } = await startService();
    fake.sendText({ from: admin, chat: privateChat(admin), text: '/whoami' });
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === 1001 && String(c.params.text).includes('角色') && c.result !== undefined, 30_000);
    const pid = appPid(service);
    process.kill(-service.child.pid!, 'SIGTERM');
    // npm itself dies with the signal (see terminate); what counts is that the bot finishes.
    const started = Date.now();
    while (alive(pid) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
    expect(alive(pid)).toBe(false);
    const msgs = readLog(service).map((l) => l.msg);
    expect(msgs).toContain('telegram channel stopped');
    expect(msgs.at(-1)).toBe('stopped');
  }, 90_000);
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

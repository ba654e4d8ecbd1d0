import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { log as wechatyLog, PuppetServer } from 'wechaty-puppet-service';
import { WechatWorld } from '../fakes/wechat-world.ts';
import { isolatedEnv, projectRoot } from '../support/spawn.ts';

/** A free TCP port on 127.0.0.1. */
const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/**
 * How production bots connect: the bot runs as a process of its own and reaches a puppet service
 * over gRPC (wechaty-puppet-service), configured by settings alone. The service here is the real
 * PuppetServer of wechaty-puppet-service around the mock puppet, without TLS, on 127.0.0.1.
 */
describe('the bot as a separate process, through wechaty-puppet-service over gRPC', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-wechat-grpc-'));
  const logFile = join(dir, 'honorcare.log');
  const token = 'insecure_honorcare_test';
  let world: WechatWorld;
  let server: PuppetServer;
  let bot: ChildProcess;
  let exited: Promise<number | null>;

  const logSays = (text: string) => existsSync(logFile) && readFileSync(logFile, 'utf8').includes(text);

  beforeAll(async () => {
    wechatyLog.level('silent');
    world = new WechatWorld();
    const port = await freePort();
    server = new PuppetServer({ endpoint: `127.0.0.1:${port}`, puppet: world.puppet, token, tls: { disable: true } });
    await server.start();
    bot = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: projectRoot,
      env: isolatedEnv({
        HONORCARE_DATA_DIR: dir,
        HONORCARE_TERMINAL: 'off',
        HONORCARE_ADMINS: 'wechat:wxid_laowang',
        HONORCARE_WECHAT_MIN_GAP_MS: '50',
        // Settings only: the puppet, its token, where the service is, and no TLS on this loopback.
        WECHATY_PUPPET: 'wechaty-puppet-service',
        WECHATY_PUPPET_SERVICE_TOKEN: token,
        WECHATY_PUPPET_SERVICE_ENDPOINT: `127.0.0.1:${port}`,
        WECHATY_PUPPET_SERVICE_NO_TLS_INSECURE_CLIENT: 'true',
      }),
      stdio: 'ignore',
    });
    exited = new Promise((resolve) => bot.on('exit', (code) => resolve(code)));
    await until(() => logSays('wechat channel started'), 60_000);
  }, 90_000);

  afterAll(async () => {
    if (bot && bot.exitCode === null) bot.kill('SIGKILL');
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in, answers a command in a private chat, and stops cleanly on SIGTERM', async () => {
    const admin = world.person('wxid_laowang', '老王');
    world.login();
    await until(() => logSays('wechat logged in'), 20_000);
    // Each answer is looked for by what it says: the bot may tell an admin something on its own meanwhile.
    const answered = (text: string) => until(() => world.sentTo(admin.id).some((m) => m.text.includes(text)), 20_000);
    world.say(admin, '我是谁');
    await answered('微信 用户 ID：wxid_laowang');
    world.say(admin, '帮助');
    await answered('可用命令');
    bot.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(logSays('"msg":"stopped"')).toBe(true);
  }, 60_000);
});

async function until(ok: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

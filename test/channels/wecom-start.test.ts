import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeWecom, type FakeWecom } from '../fakes/wecom-webhook.ts';
import { projectRoot } from '../support/spawn.ts';

/**
 * The bot as a real process, settings only: with HONORCARE_WECOM_API_ROOT pointing at a fake
 * webhook, a WeCom group bound at the terminal (its operator is an admin) gets the robot's hello,
 * with no other channel and no login. Key invented.
 */
const KEY = '5e8d2c1a-7f4b-4e9d-b3a6-1c0f9e8d7b6a';

describe('WeCom group robots in the running bot', () => {
  let dir: string;
  let fake: FakeWecom;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hc-wecom-'));
    fake = await startFakeWecom();
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the robots from the start: a group bound at the terminal gets its hello, and the key is in no output or log', async () => {
    const logFile = join(dir, 'bot.log');
    const child = spawn('npm', ['--silent', 'start'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', HONORCARE_ENV_FILE: '/nonexistent/.env', HONORCARE_DATA_DIR: dir, HONORCARE_WECOM_API_ROOT: fake.root, LOG_FILE: logFile, LOG_LEVEL: 'trace' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      child.stdin.write(`绑定企业微信群 工会办公室 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}\n`);
      // The input stays open until the hello has arrived: end of input would stop the bot.
      const until = Date.now() + 30_000;
      while (!fake.texts(KEY).length && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      expect(fake.texts(KEY)).toEqual(['👋 劳模关爱助手已接入本群：今后每天 08:30 的今日要事会由群机器人发到这里。群机器人只能发消息，不能回复。']);
    } finally {
      child.stdin.end();
    }
    expect(await exited).toBe(0);
    expect(output).toContain('已绑定企业微信群「工会办公室」');
    const log = readFileSync(logFile, 'utf8');
    expect(log).toContain('notification part posted');
    for (const text of [output, log]) expect(text).not.toContain(KEY);
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isolatedEnv, projectRoot } from '../support/spawn.ts';

const tracer = join(projectRoot, 'test/support/trace-loads.mjs');

interface Run {
  code: number | null;
  stdout: string;
  /** Ms from the spawn to the terminal's first answer. */
  firstAnswerMs: number;
  /** The Wechaty modules the run loaded. */
  wechatyModules: string[];
}

/**
 * Starts the bot as `npm start` does, with the terminal answering `帮助`, and a tracer of the
 * modules it loads. `untilLog`: a line to wait for in the log before SIGTERM (a run with a
 * service channel does not end at end of input); without it the run ends by itself.
 */
function startBot(dir: string, env: Record<string, string>, untilLog?: string): Promise<Run> {
  const trace = join(dir, `loads-${Math.random().toString(36).slice(2)}.txt`);
  const dataDir = join(dir, `data-${Math.random().toString(36).slice(2)}`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', tracer, '--import', 'tsx', 'src/main.ts'], {
    cwd: projectRoot,
    env: isolatedEnv({ HONORCARE_DATA_DIR: dataDir, HC_TRACE_LOADS: trace, ...env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let firstAnswerMs = NaN;
  child.stdout.on('data', (d) => {
    stdout += d;
    if (Number.isNaN(firstAnswerMs) && stdout.includes('可用命令')) firstAnswerMs = performance.now() - started;
  });
  child.stderr.resume();
  child.stdin.end('帮助\n');
  const poll = untilLog
    ? setInterval(() => {
        const log = join(dataDir, 'honorcare.log');
        if (existsSync(log) && readFileSync(log, 'utf8').includes(untilLog)) {
          clearInterval(poll);
          child.kill('SIGTERM');
        }
      }, 50)
    : undefined;
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  return new Promise((resolve) => {
    child.on('exit', (code) => {
      clearInterval(poll);
      clearTimeout(killer);
      const wechatyModules = existsSync(trace) ? readFileSync(trace, 'utf8').split('\n').filter(Boolean) : [];
      resolve({ code, stdout, firstAnswerMs, wechatyModules });
    });
  });
}

describe('WeChat is loaded only when enabled', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hc-wechat-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a terminal-only start never loads Wechaty; with WECHATY_PUPPET it does, and the terminal answers as soon (times printed)', async () => {
    const plain = await startBot(dir, {});
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('可用命令');
    expect(plain.wechatyModules).toEqual([]);

    const withWechat = await startBot(dir, { WECHATY_PUPPET: 'wechaty-puppet-mock' }, 'wechat channel started');
    expect(withWechat.code).toBe(0);
    expect(withWechat.stdout).toContain('可用命令');
    // The tracer sees Wechaty when it is loaded: its silence above means something.
    expect(withWechat.wechatyModules.some((url) => url.includes('/node_modules/wechaty/'))).toBe(true);
    // Wechaty loads in the background: the terminal does not wait for it (it takes seconds).
    expect(withWechat.firstAnswerMs).toBeLessThan(plain.firstAnswerMs + 1_500);
    console.log(
      `first terminal answer: ${Math.round(plain.firstAnswerMs)} ms without WeChat (Wechaty not loaded), ${Math.round(withWechat.firstAnswerMs)} ms with WECHATY_PUPPET set (Wechaty loading in the background)`,
    );
  }, 90_000);
});

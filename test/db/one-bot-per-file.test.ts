import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { projectRoot, runNpm } from '../support/spawn.ts';

/**
 * One bot per SQLite file: the bot holds its file from start to exit (src/db/client.ts), so a
 * second bot on it stops at start with one clear line instead of answering and reminding
 * twice, and a bot killed outright leaves no lock behind.
 */
describe('one bot per SQLite file', () => {
  const cleanups: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  it('refuses a second bot on the same file with a clear line, and the lock dies with a killed bot', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-one-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { HONORCARE_DATA_DIR: dir, DATABASE_URL: `file:${join(dir, 'honorcare.db')}` };

    // The first bot, its terminal kept open.
    const first = spawn('npm', ['--silent', 'start'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH!, HOME: process.env.HOME ?? '/tmp', HONORCARE_ENV_FILE: '/nonexistent/.env', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    first.stdout!.on('data', (d) => (out += d));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => first.on('exit', (_code, signal) => resolve(signal)));
    const kill = () => {
      try {
        process.kill(-first.pid!, 'SIGKILL');
      } catch {
        // gone already
      }
      return exited;
    };
    cleanups.push(kill);
    first.stdin!.write('帮助\n');
    for (const deadline = Date.now() + 30_000; !out.includes('可用命令'); ) {
      if (Date.now() > deadline) throw new Error(`the first bot did not answer:\n${out}`);
      await new Promise((r) => setTimeout(r, 50));
    }

    const second = await runNpm(['start'], env, '帮助\n');
    expect(second.code).toBe(1);
    expect(second.stderr.trim()).toBe(
      `HonorCare cannot open the database (DATABASE_URL=${env.DATABASE_URL}): the SQLite file ${join(dir, 'honorcare.db')} is in use by another HonorCare (or another program): one bot per SQLite file. Stop the other one, or give this one a DATABASE_URL of its own.`,
    );
    expect(second.stdout).not.toContain('可用命令');

    // Killed outright, as by a crash: the next start is not blocked.
    expect(await kill()).toBe('SIGKILL');
    const t0 = Date.now();
    const again = await openDb(env.DATABASE_URL);
    expect(Date.now() - t0).toBeLessThan(2000);
    // What the first bot wrote is there: the terminal's operator account.
    expect(await again.db.account.count({ where: { channel: 'terminal' } })).toBe(1);
    await again.close();
  }, 60_000);
});

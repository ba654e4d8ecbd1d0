import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/client.ts';
import { startFakeBotApi, type FakeBotApi } from '../fakes/bot-api-server.ts';
import { arrivals, seedDue } from '../support/outbox.ts';
import { projectRoot } from '../support/spawn.ts';

const TOKEN = '123456:CRASH';
const ROWS = 1000;
const KILLS = 5;

/**
 * The real bot (`npm start`) against the fake Bot API with 1,000 notifications due, killed
 * with SIGKILL at random moments while it sends, and started again each time. Nothing may be
 * lost; a message is sent twice only when a kill lands between Telegram accepting it and the
 * bot marking it sent (goal: at most one per kill). On SQLite, the database a single office runs.
 */
describe('the outbox across crashes (SIGKILL while sending, then restart)', () => {
  const cleanups: Array<() => Promise<unknown> | unknown> = [];
  afterEach(async () => {
    while (cleanups.length) await cleanups.pop()!();
  });

  function startBot(dir: string, fake: FakeBotApi) {
    const child = spawn('npm', ['--silent', 'start'], {
      cwd: projectRoot,
      env: {
        PATH: process.env.PATH!,
        HOME: process.env.HOME ?? '/tmp',
        HONORCARE_ENV_FILE: '/nonexistent/.env',
        HONORCARE_DATA_DIR: dir,
        TELEGRAM_BOT_TOKEN: TOKEN,
        TELEGRAM_API_ROOT: fake.apiRoot,
        HONORCARE_TERMINAL: 'off',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<void>((r) => child.on('exit', () => r()));
    const kill = async (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // gone already
      }
      await exited;
    };
    cleanups.push(() => kill('SIGKILL'));
    return { kill, output: () => output };
  }

  const sentTexts = (fake: FakeBotApi) => fake.calls.filter((c) => c.method === 'sendMessage' && c.result).map((c) => String(c.params.text));

  async function waitUntil(what: string, ok: () => boolean, timeoutMs: number, output: () => string) {
    const end = Date.now() + timeoutMs;
    while (!ok()) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it(`delivers all ${ROWS} notifications through ${KILLS} kills, and prints the duplicates`, { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hc-crash-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const fake = await startFakeBotApi({ token: TOKEN });
    cleanups.push(() => fake.stop());
    // The bot's database, made and filled before the bot first starts (then closed: the bot holds it alone).
    const store = await openDb(`file:${join(dir, 'honorcare.db')}`);
    await seedDue(store.db, { count: ROWS, via: String(fake.botInfo.id), dueAt: new Date(Date.now() - 60_000) });
    await store.close();

    for (let kill = 0; kill < KILLS; kill++) {
      const bot = startBot(dir, fake);
      const before = sentTexts(fake).length;
      // A random moment while it sends: after 20 to 120 more messages.
      const more = 20 + Math.floor(Math.random() * 100);
      await waitUntil(`${more} sends`, () => sentTexts(fake).length >= before + more, 60_000, bot.output);
      // Then any moment of the next half second: not just after a send was accepted.
      await new Promise((r) => setTimeout(r, Math.random() * 500));
      await bot.kill('SIGKILL');
    }
    const bot = startBot(dir, fake);
    await waitUntil('every notification', () => arrivals(sentTexts(fake)).size >= ROWS, 120_000, bot.output);
    await bot.kill('SIGTERM');

    const counts = arrivals(sentTexts(fake));
    const duplicates = [...counts.entries()].filter(([, n]) => n > 1);
    process.stdout.write(`crash test: ${ROWS} notifications, ${KILLS} kills, ${sentTexts(fake).length} sends, ${duplicates.length} duplicates${duplicates.length ? `: ${duplicates.map(([t]) => t).join(', ')}` : ''}\n`);
    expect(counts.size).toBe(ROWS);
    for (let i = 0; i < ROWS; i++) expect(counts.get(`⏰ 提醒：n-${i}`), `n-${i}`).toBeGreaterThanOrEqual(1);
    expect(duplicates.length).toBeLessThanOrEqual(KILLS);
    const after = await openDb(`file:${join(dir, 'honorcare.db')}`);
    cleanups.push(() => after.close());
    expect(await after.db.notification.count({ where: { status: 'sent' } })).toBe(ROWS);
  });
});

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../fakes/bot-api-server.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { arrivals, seedDue } from '../support/outbox.ts';
import { projectRoot } from '../support/spawn.ts';

const ROWS = 1000;

/** A dispatcher process (test/support/dispatch-worker.ts); resolves with what it printed once it ends. */
function worker(env: Record<string, string>): { child: ChildProcessWithoutNullStreams; ready: Promise<void>; done: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/dispatch-worker.ts'], { cwd: projectRoot, env: { PATH: process.env.PATH!, ...env } });
  let out = '';
  let err = '';
  let markReady: () => void;
  const ready = new Promise<void>((r) => (markReady = r));
  child.stdout.on('data', (d) => {
    out += d;
    if (out.includes('ready')) markReady();
  });
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<string>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`worker exited ${code}: ${err}`)))),
  );
  return { child, ready, done };
}

// SQLite is one instance by design (a second bot on the file refuses to start: test/db/one-bot-per-file.test.ts).
describe.skipIf(!PROVIDERS.includes('postgres'))('two dispatchers on one PostgreSQL database', () => {
  let t: TestDb;
  let fake: FakeBotApi;
  beforeEach(async () => {
    t = await freshDb('postgres');
    fake = await startFakeBotApi({ latencyMs: 2 });
  });
  const children: ChildProcessWithoutNullStreams[] = [];
  afterEach(async () => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    await fake.stop();
    await t.destroy();
  });

  it(`share ${ROWS} due rows and never send one twice`, { timeout: 120_000 }, async () => {
    const via = String(fake.botInfo.id);
    await seedDue(t.db, { count: ROWS, via, dueAt: new Date(Date.now() - 1000) });
    const env = { DATABASE_URL: t.url, API_ROOT: fake.apiRoot, VIA: via };
    const workers = [worker(env), worker(env)];
    children.push(...workers.map((w) => w.child));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.stdin.write('go\n');
    const outputs = await Promise.all(workers.map((w) => w.done));
    const each = outputs.map((o) => Number(/sent (\d+)/.exec(o)?.[1]));
    const texts = fake.calls.filter((c) => c.method === 'sendMessage' && c.result).map((c) => String(c.params.text));
    const counts = arrivals(texts);
    const twice = [...counts.values()].filter((n) => n > 1).length;
    process.stdout.write(`two dispatchers: ${each.join(' + ')} = ${texts.length} sends, ${counts.size} distinct, ${twice} sent twice\n`);
    expect(counts.size).toBe(ROWS);
    expect(twice).toBe(0);
    expect(texts).toHaveLength(ROWS);
    expect(each[0] + each[1]).toBe(ROWS);
    // The work was shared: each sent a real part of it.
    expect(Math.min(...each)).toBeGreaterThan(ROWS / 10);
    expect(await t.db.notification.count({ where: { status: 'sent' } })).toBe(ROWS);
  });
});

// The roster import at 20,000 rows (issue 6, points 2 and 3): time to read, validate and save on
// SQLite and PostgreSQL, a second import of the same file (nothing written), and on SQLite how
// another person's 查询 and a 100 ms timer fare while the import runs.
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import type { Db } from '../src/db/client.ts';
import type { Provider } from '../src/db/provider.ts';
import { freshDb } from '../test/support/databases.ts';
import { rosterCsv } from '../test/support/roster.ts';
import { watchTimer } from '../test/support/timer-watch.ts';
import { timingTransactions } from './transactions.ts';

const ROWS = 20_000;
const GOAL_S: Record<Provider, number> = { sqlite: 5, postgres: 10 };
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const STAFF = { id: '7101', name: '导入员' };
const OTHER = { id: '7102', name: '查询员' };

function chat(db: Db) {
  const core = createCore(db, pino({ level: 'silent' }), { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20 });
  let update = 0;
  return (who: { id: string; name: string }, text: string, file?: Uint8Array) =>
    core
      .handle({
        chat: { channel: 'telegram', id: who.id, kind: 'private' },
        sender: who,
        updateId: `bench-import-${++update}`,
        text,
        ...(file ? { file: { name: 'roster.csv', size: file.length, read: async () => file } } : {}),
      })
      .then((replies) => replies.map((r) => r.text).join('\n'));
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

async function onProvider(provider: Provider, file: Uint8Array, lines: string[]): Promise<boolean> {
  const t = await freshDb(provider);
  try {
    for (const who of [STAFF, OTHER]) await t.db.account.create({ data: { channel: 'telegram', externalId: who.id, displayName: who.name, role: 'staff' } });
    const { db, longest } = timingTransactions(t.db);
    const say = chat(db);

    // The first import, with another person asking 查询 every 200 ms and a 100 ms timer running.
    const timer = watchTimer();
    const t0 = performance.now();
    let running = true;
    const first = say(STAFF, '导入', file).finally(() => (running = false));
    const latencies: number[] = [];
    while (running && provider === 'sqlite') {
      // Every 查询 asked while the import runs counts, also one answered only after it ended.
      const q0 = performance.now();
      await say(OTHER, '查询 zh');
      latencies.push(performance.now() - q0);
      await new Promise((r) => setTimeout(r, 200));
    }
    const answer = await first;
    const firstMs = performance.now() - t0;
    const worstLate = timer.stop().worst;
    if (!answer.includes(`新增 ${ROWS}`)) throw new Error(`import did not create ${ROWS} files:\n${answer.slice(0, 400)}`);

    const auditBefore = await t.db.auditEntry.count();
    const t1 = performance.now();
    const again = await say(STAFF, '导入', file);
    const secondMs = performance.now() - t1;
    const idempotent = again.includes(`无变化 ${ROWS}`) && (await t.db.auditEntry.count()) === auditBefore;

    const pass = firstMs / 1000 < GOAL_S[provider] && idempotent;
    lines.push(`(i) roster import, ${ROWS} rows on ${provider}: read, validated and saved in ${seconds(firstMs)} (goal < ${GOAL_S[provider]} s) ${pass ? 'ok' : 'NOT MET'}`);
    lines.push(`    write transaction ${Math.round(longest())} ms (aim < 500 ms on SQLite); the same file again: ${seconds(secondMs)}, ${idempotent ? 'nothing written, no audit' : 'CHANGED SOMETHING'}`);
    if (provider !== 'sqlite') return pass;
    const slowest = Math.max(...latencies);
    const responsive = latencies.length > 0 && slowest < 1000 && worstLate < 250;
    lines.push(
      `(ii) during it on SQLite: ${latencies.length} 查询 by another person, slowest ${Math.round(slowest)} ms (goal < 1000 ms); ` +
        `worst lateness of a 100 ms timer ${Math.round(worstLate)} ms (goal < 250 ms) ${responsive ? 'ok' : 'NOT MET'}`,
    );
    return pass && responsive;
  } finally {
    await t.destroy();
  }
}

/** Import figures: SQLite always, PostgreSQL when reachable. */
export async function benchImport(): Promise<{ lines: string[]; pass: boolean }> {
  const file = new TextEncoder().encode(rosterCsv(ROWS));
  const lines: string[] = [];
  let pass = await onProvider('sqlite', file, lines);
  process.env.TEST_DATABASE_URL = PG_URL;
  try {
    pass = (await onProvider('postgres', file, lines)) && pass;
  } catch (err) {
    lines.push(`(i) roster import on PostgreSQL not measured (${PG_URL}): ${(err as Error).message.split('\n')[0]}`);
    pass = false;
  }
  return { lines, pass };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { lines } = await benchImport();
  lines.forEach((l) => process.stdout.write(`${l}\n`));
}

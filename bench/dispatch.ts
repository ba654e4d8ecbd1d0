import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';
import { createI18n } from '../src/core/i18n.ts';
import { openDb } from '../src/db/client.ts';
import { createDispatcher } from '../src/outbox/dispatcher.ts';
import { startFakeBotApi } from '../test/fakes/bot-api-server.ts';
import { seedDue } from '../test/support/outbox.ts';

/** Telegram's overall limit, which the dispatcher must approach without passing. */
const LIMIT_PER_S = 30;
const GOAL_RATIO = 0.95;

/** Sends in any sliding window of `perMs` above `count`: each is a 429 Telegram would have answered. */
function overLimit(times: number[], count: number, perMs: number): number {
  let over = 0;
  for (let i = count; i < times.length; i++) if (times[i] - times[i - count] < perMs) over++;
  return over;
}

/**
 * (f) Dispatch of `count` notifications to as many private chats through the fake Bot API (5 ms
 * per answer), with Telegram's real limits in the channel's rate budget: the rate achieved as a
 * ratio of 30/s, and how many sends broke a limit (a 429 Telegram would have sent).
 */
export async function benchDispatch(count = 5000) {
  const dir = mkdtempSync(join(tmpdir(), 'hc-bench-dispatch-'));
  const store = await openDb(`file:${join(dir, 'bench.db')}`);
  const fake = await startFakeBotApi({ latencyMs: 5 });
  const log = pino({ level: 'silent' });
  const channel = new TelegramChannel({ token: '1:bench', apiRoot: fake.apiRoot, log, maxUploadBytes: 1 << 20 });
  try {
    const via = await channel.identify();
    await seedDue(store.db, { count, via, dueAt: new Date(Date.now() - 1000) });
    const dispatcher = createDispatcher({ db: store.db, provider: store.provider, i18n: createI18n(), log, defaultLocale: 'zh-CN', catchupDays: 7 });
    dispatcher.serve('telegram', via, channel);
    const start = performance.now();
    dispatcher.start();
    while ((await store.db.notification.count({ where: { status: 'sent' } })) < count) await new Promise((r) => setTimeout(r, 200));
    await dispatcher.stop();
    const sends = fake.calls.filter((c) => c.method === 'sendMessage' && c.result);
    const times = sends.map((c) => c.at).sort((a, b) => a - b);
    // The rate over the span the sends took (first to last), so start-up does not count against it.
    const spanS = (times[times.length - 1] - times[0]) / 1000;
    const rate = (sends.length - 1) / spanS;
    const ratio = rate / LIMIT_PER_S;
    const over = overLimit(times, LIMIT_PER_S, 1000);
    const wall = (performance.now() - start) / 1000;
    const met = sends.length === count && ratio >= GOAL_RATIO && over === 0;
    return {
      lines: [
        `(f) dispatch of ${count} notifications to ${count} chats: ${rate.toFixed(2)}/s = ${ratio.toFixed(3)} of Telegram's 30/s (goal ≥ ${GOAL_RATIO}), ${over} sends over the limit (goal 0), ${wall.toFixed(0)} s in all ${met ? 'met' : 'NOT MET'}`,
      ],
      pass: met,
    };
  } finally {
    await channel.stop();
    await fake.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

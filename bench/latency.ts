import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';
import type { Db } from '../src/db/client.ts';
import { privateChat, startFakeBotApi, user, type FakeBotApi } from '../test/fakes/bot-api-server.ts';
import { startEchoBot } from '../test/fakes/echo-bot.ts';
import { fmt, summary } from './stats.ts';

const TOKEN = '123456:BENCH';
const STAFF_ID = 7002;

/** Sends one text as `id` and returns the wall time until the bot's sendMessage reached the server. */
async function roundTrip(fake: FakeBotApi, id: number, text: string): Promise<number> {
  const from = user(id, '基准');
  const after = fake.calls.length;
  const t0 = performance.now();
  fake.sendText({ from, chat: privateChat(from), text });
  await fake.waitForCall('sendMessage', (c) => c.params.chat_id === id, { after, timeoutMs: 10_000 });
  return performance.now() - t0;
}

/**
 * (a) Message-to-reply latency of 查询 through the fake Bot API over real HTTP, as a ratio to a
 * bare grammY echo bot in the same run. Goal ≤ 1.5× (p50 and p99).
 */
export async function benchLatency(db: Db, initials: string[]) {
  await db.account.upsert({
    where: { channel_externalId: { channel: 'telegram', externalId: String(STAFF_ID) } },
    create: { channel: 'telegram', externalId: String(STAFF_ID), role: 'staff' },
    update: {},
  });
  const loopback = await compare(db, initials, 1000, 0, 1);
  // The same with 20 ms added to every Bot API answer, nearer a real server's round trip.
  const network = await compare(db, initials, 150, 20, 2);
  return {
    lines: [
      `(a) 查询 message-to-reply latency over the fake Bot API, ${initials.length} honorees`,
      ...loopback.lines,
      `    with 20 ms per Bot API answer (for reference; the goal is the loopback figure):`,
      ...network.lines,
    ],
    pass: loopback.pass,
  };
}

/**
 * Both bots run at once, each polling its own fake server, and take turns message by message:
 * whatever the machine does meanwhile (another process, a GC, CPU frequency) falls on both alike.
 */
async function compare(db: Db, initials: string[], rounds: number, latencyMs: number, run: number) {
  const echoApi = await startFakeBotApi({ latencyMs });
  // A bot of its own per run: each fake counts update_ids from 1, and the bot remembers handled ones.
  const ourApi = await startFakeBotApi({ latencyMs, botInfo: { id: 8_000_000_000 + run } });
  const warm = 100;
  const log = pino({ level: 'silent' });
  const core = createCore(db, log, { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20 });
  const channel = new TelegramChannel({ token: TOKEN, apiRoot: ourApi.apiRoot, log, maxUploadBytes: 10 << 20 });
  const echo = await startEchoBot(echoApi.apiRoot, TOKEN);
  try {
    await channel.start(core.handle, core.menu());
    const base: number[] = [];
    const ours: number[] = [];
    for (let i = 0; i < rounds + warm; i++) {
      const b = await roundTrip(echoApi, 7001, `echo ${i}`);
      const o = await roundTrip(ourApi, STAFF_ID, `查询 ${initials[(i * 7919) % initials.length]}`);
      if (i < warm) continue;
      base.push(b);
      ours.push(o);
    }
    const b = summary(base);
    const o = summary(ours);
    const r50 = o.p50 / b.p50;
    const r99 = o.p99 / b.p99;
    return {
      lines: [
        `    ${rounds} messages each, taking turns; Bot API answers ${latencyMs ? `after ${latencyMs} ms` : 'at once (loopback)'}`,
        `    HonorCare p50 ${fmt(o.p50)}  p99 ${fmt(o.p99)}`,
        `    echo bot  p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}   (bare grammY, same run)`,
        `    ratio     p50 ${r50.toFixed(2)}×  p99 ${r99.toFixed(2)}×   (goal ≤ 1.5×)`,
      ],
      pass: r50 <= 1.5 && r99 <= 1.5,
    };
  } finally {
    await channel.stop();
    await echo.stop();
    await Promise.all([echoApi.stop(), ourApi.stop()]);
  }
}

import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { createCore } from '../src/app.ts';
import { TelegramChannel } from '../src/channels/telegram/telegram-channel.ts';
import type { Db } from '../src/db/client.ts';
import { privateChat, startFakeBotApi, user, type FakeBotApi } from '../test/fakes/bot-api-server.ts';
import { startEchoBot } from '../test/fakes/echo-bot.ts';
import { fmt, summary } from './stats.ts';

const TOKEN = '123456:BENCH';

/** Sends `texts` one at a time as `from` and measures push-to-reply wall time for each. */
async function measure(fake: FakeBotApi, id: number, texts: string[]): Promise<number[]> {
  const from = user(id, '基准');
  const chat = privateChat(from);
  const samples: number[] = [];
  for (const text of texts) {
    const after = fake.calls.length;
    const t0 = performance.now();
    fake.sendText({ from, chat, text });
    await fake.waitForCall('sendMessage', (c) => c.params.chat_id === id, { after, timeoutMs: 10_000 });
    samples.push(performance.now() - t0);
  }
  return samples;
}

/**
 * (a) Message-to-reply latency of 查询 through the fake Bot API over real HTTP, as a ratio to a
 * bare grammY echo bot on the same fake server in the same run. Goal ≤ 1.5× (p50 and p99).
 */
export async function benchLatency(db: Db, initials: string[]) {
  const loopback = await compare(db, initials, 500, 0);
  // The same with 20 ms added to every Bot API answer, nearer a real server's round trip.
  const network = await compare(db, initials, 150, 20);
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

async function compare(db: Db, initials: string[], rounds: number, latencyMs: number) {
  const fake = await startFakeBotApi({ latencyMs });
  const warm = 50;
  try {
    const echo = await startEchoBot(fake.apiRoot, TOKEN);
    const base = (await measure(fake, 7001, Array.from({ length: rounds + warm }, (_, i) => `echo ${i}`))).slice(warm);
    await echo.stop();

    await db.account.upsert({
      where: { channel_externalId: { channel: 'telegram', externalId: '7002' } },
      create: { channel: 'telegram', externalId: '7002', role: 'staff' },
      update: {},
    });
    const log = pino({ level: 'silent' });
    const core = createCore(db, log, { defaultLocale: 'zh-CN', timeZone: 'Asia/Shanghai', fileNoPrefix: 'LM', inviteTtlHours: 72, maxUploadBytes: 10 << 20 });
    const channel = new TelegramChannel({ token: TOKEN, apiRoot: fake.apiRoot, log, maxUploadBytes: 10 << 20 });
    await channel.start(core.handle, core.menu());
    const queries = Array.from({ length: rounds + warm }, (_, i) => `查询 ${initials[(i * 7919) % initials.length]}`);
    const ours = (await measure(fake, 7002, queries)).slice(warm);
    await channel.stop();

    const b = summary(base);
    const o = summary(ours);
    const r50 = o.p50 / b.p50;
    const r99 = o.p99 / b.p99;
    return {
      lines: [
        `    ${rounds} messages, Bot API answers ${latencyMs ? `after ${latencyMs} ms` : 'at once (loopback)'}`,
        `    HonorCare p50 ${fmt(o.p50)}  p99 ${fmt(o.p99)}`,
        `    echo bot  p50 ${fmt(b.p50)}  p99 ${fmt(b.p99)}   (bare grammY, same server, same run)`,
        `    ratio     p50 ${r50.toFixed(2)}×  p99 ${r99.toFixed(2)}×   (goal ≤ 1.5×)`,
      ],
      pass: r50 <= 1.5 && r99 <= 1.5,
    };
  } finally {
    await fake.stop();
  }
}

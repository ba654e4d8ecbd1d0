import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher, type Dispatcher, type DispatcherOptions } from '../../src/outbox/dispatcher.ts';
import { startFakeBotApi, type FakeBotApi, type FakeBotApiOptions } from '../fakes/bot-api-server.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedDue } from '../support/outbox.ts';
import { OPEN_LIMITS } from '../support/rate-limits.ts';

const log = pino({ level: 'silent' });

/** What keeps one claimed batch safe: every send inside the lease taken at claim time, and one row's error confined to it. */
describe.each(PROVIDERS)('a claimed batch on %s', (provider) => {
  let t: TestDb;
  let fake: FakeBotApi;
  let channel: TelegramChannel;
  let dispatcher: Dispatcher;
  let via: string;
  afterEach(async () => {
    await dispatcher.stop();
    await channel.stop();
    await fake.stop();
    await t.destroy();
  });

  async function setUp(fakeOptions: FakeBotApiOptions, options: Partial<DispatcherOptions>) {
    t = await freshDb(provider);
    fake = await startFakeBotApi(fakeOptions);
    channel = new TelegramChannel({ token: '1:batch', apiRoot: fake.apiRoot, log, maxUploadBytes: 1 << 20, rateLimits: OPEN_LIMITS });
    via = await channel.identify();
    dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log, defaultLocale: 'zh-CN', catchupDays: 7, ...options });
    dispatcher.serve('telegram', via, channel);
  }
  const rows = () => t.db.notification.findMany({ orderBy: { id: 'asc' } });

  it('sends a row only while enough of the lease taken at claim time is left; a later one goes back untried, no attempt spent', async () => {
    // Each answer takes 1.2 s and one chat is served at a time; the lease (7 s, its last second
    // kept back) leaves 6 s, and a send needs 5 s of it: after the first send the others would
    // outlive the lease, and another instance could take them over mid-send.
    await setUp({ latencyMs: 1200 }, { leaseMs: 7000, parallelChats: 1 });
    await seedDue(t.db, { count: 3, via, dueAt: new Date(Date.now() - 1000) });
    await dispatcher.dispatchOnce();
    expect(fake.calls.filter((c) => c.method === 'sendMessage')).toHaveLength(1);
    expect((await rows()).map((r) => [r.status, r.attempts, r.leaseHolder])).toEqual([
      ['sent', 1, null],
      ['pending', 0, null],
      ['pending', 0, null],
    ]);
    await dispatcher.dispatchOnce();
    expect((await rows()).map((r) => r.status)).toEqual(['sent', 'sent', 'pending']);
  }, 20_000);

  it('one row that cannot be sent (a broken row) is a counted attempt that waits; the batch’s other rows still go', async () => {
    await setUp({}, { parallelChats: 1, random: () => 0.5 });
    const now = new Date();
    await seedDue(t.db, { count: 3, via, dueAt: new Date(now.getTime() - 1000) });
    const [broken] = await rows();
    await t.db.notification.update({ where: { id: broken.id }, data: { params: '{not json' } });
    await dispatcher.dispatchOnce();
    const [first, ...others] = await rows();
    expect(first).toMatchObject({ status: 'pending', attempts: 1, lastError: 'error while sending', leaseHolder: null });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(now.getTime());
    expect(others.map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(fake.sent(500001)).toEqual(['⏰ 提醒：n-1']);
  });
});

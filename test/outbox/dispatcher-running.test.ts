import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { createDispatcher, type Dispatcher } from '../../src/outbox/dispatcher.ts';
import { startFakeBotApi, type FakeBotApi } from '../fakes/bot-api-server.ts';
import { freshDb, PROVIDERS, type TestDb } from '../support/databases.ts';
import { seedDue } from '../support/outbox.ts';
import { OPEN_LIMITS } from '../support/rate-limits.ts';

const log = pino({ level: 'silent' });

/** The dispatcher as it runs in the bot: on its own timer, with the real clock. */
describe.each(PROVIDERS)('the running dispatcher on %s', (provider) => {
  let t: TestDb;
  let fake: FakeBotApi;
  let channel: TelegramChannel;
  let dispatcher: Dispatcher;
  let via: string;
  beforeEach(async () => {
    t = await freshDb(provider);
    fake = await startFakeBotApi();
    channel = new TelegramChannel({ token: '1:running', apiRoot: fake.apiRoot, log, maxUploadBytes: 1 << 20, rateLimits: OPEN_LIMITS, stopGraceMs: 500 });
    via = await channel.identify();
    // A long idle look: what is due must come from the wake-up on enqueue, not from a tick.
    dispatcher = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log, defaultLocale: 'zh-CN', catchupDays: 7, idleLookMs: 60_000, stopGraceMs: 300 });
    dispatcher.serve('telegram', via, channel);
  });
  afterEach(async () => {
    await dispatcher.stop();
    await channel.stop();
    await fake.stop();
    await t.destroy();
  });

  it('sends a row written for a second from now at its time, woken by the write (well within 10 s)', async () => {
    dispatcher.start();
    await new Promise((r) => setTimeout(r, 200)); // the first look has found nothing
    const due = new Date(Date.now() + 1000);
    await seedDue(t.db, { count: 1, via, dueAt: due });
    const call = await fake.waitForCall('sendMessage', undefined, 5000);
    const late = call.at - due.getTime();
    expect(late).toBeGreaterThanOrEqual(-5);
    expect(late).toBeLessThan(1500);
    expect(fake.sent(500000)).toEqual(['⏰ 提醒：n-0']);
  });

  it('stop() ends a send that hangs once its grace has passed, then gives its row back (no attempt spent); it is sent after a restart', async () => {
    fake.silenceNext('sendMessage');
    await seedDue(t.db, { count: 1, via, dueAt: new Date(Date.now() - 1000) });
    dispatcher.start();
    const hung = await fake.waitForCall('sendMessage');
    expect((await t.db.notification.findFirstOrThrow()).status).toBe('sending');
    const started = Date.now();
    await dispatcher.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    // The call was cut off before the row went back: a send still running after the give-back
    // could get through and then be sent again by the next process.
    for (let waited = 0; !hung.abandoned && waited < 1000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(hung.abandoned).toBe(true);
    expect(await t.db.notification.findFirstOrThrow()).toMatchObject({ status: 'pending', leaseHolder: null, attempts: 0 });
    const again = createDispatcher({ db: t.db, provider: t.provider, i18n: createI18n(), log, defaultLocale: 'zh-CN', catchupDays: 7 });
    again.serve('telegram', via, channel);
    expect(await again.dispatchOnce()).toBe(1);
    expect((await t.db.notification.findFirstOrThrow()).status).toBe('sent');
    await again.stop();
  });
});

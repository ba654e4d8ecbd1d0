/**
 * One dispatcher in a process of its own, for the two-instance test: serves the fake Bot API's
 * bot from DATABASE_URL until no row is left to send, then prints how many it sent and exits.
 * Run with `node --import tsx test/support/dispatch-worker.ts`.
 */
import pino from 'pino';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.ts';
import type { Deliverer } from '../../src/core/delivery.ts';
import { createI18n } from '../../src/core/i18n.ts';
import { openDb } from '../../src/db/client.ts';
import { createDispatcher } from '../../src/outbox/dispatcher.ts';
import { OPEN_LIMITS } from './rate-limits.ts';

const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
const store = await openDb(env('DATABASE_URL'));
const log = pino({ level: 'silent' });

const channel = new TelegramChannel({ token: '42:worker', apiRoot: env('API_ROOT'), log, maxUploadBytes: 1 << 20, rateLimits: OPEN_LIMITS });
await channel.identify();
let sent = 0;
const counting: Deliverer = {
  waitFor: (to) => channel.waitFor(to),
  async deliver(to, reply, options) {
    const result = await channel.deliver(to, reply, options);
    if (result.outcome === 'sent') sent++;
    return result;
  },
};
const dispatcher = createDispatcher({ db: store.db, provider: store.provider, i18n: createI18n(), log, defaultLocale: 'zh-CN', catchupDays: 7, batch: 20, idleLookMs: 50 });
dispatcher.serve('telegram', env('VIA'), counting);
// Both workers start on a signal file's word, so that neither finishes before the other begins.
process.stdout.write('ready\n');
await new Promise<void>((r) => process.stdin.once('data', () => r()));
process.stdin.destroy();
dispatcher.start();
for (;;) {
  await new Promise((r) => setTimeout(r, 100));
  const left = await store.db.notification.count({ where: { status: { in: ['pending', 'sending'] } } });
  if (!left) break;
}
await dispatcher.stop();
await channel.stop();
await store.close();
process.stdout.write(`sent ${sent}\n`, () => process.exit(0));

/**
 * The thinnest possible grammY bot (runner + one handler): the latency baseline the HonorCare
 * Telegram channel is compared against in the benchmark.
 */
import { Bot } from 'grammy';
import { run } from '@grammyjs/runner';

export interface EchoBot { stop(): Promise<void> }

export async function startEchoBot(apiRoot: string, token: string): Promise<EchoBot> {
  const bot = new Bot(token, { client: { apiRoot } });
  bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
  bot.catch((err) => console.error('echo bot:', err.error));
  // getMe up front, so the first measured message does not pay for it.
  await bot.init();
  const handle = run(bot);
  return {
    // Aborts the pending long poll; replies still in flight are not awaited.
    stop: async () => { await handle.stop(); },
  };
}

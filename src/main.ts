import type { Logger } from 'pino';
import type { Channel } from './core/channel.ts';
import { createI18n } from './core/i18n.ts';
import { ConsoleChannel, OPERATOR_ID } from './channels/console/console-channel.ts';
import { createCore } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { openDb } from './db/client.ts';
import { ensureAdmins } from './features/index.ts';
import { loadDemoData } from './features/demo/index.ts';
import { createLogger } from './log.ts';
import { join } from 'node:path';

/** Composition root: config -> logger -> database -> features -> channels. */
async function main(argv: string[]): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, config.logFile);
  const store = await openDb(config.databaseUrl);
  log.info({ provider: store.provider, migrated: store.migrated }, 'database ready');

  if (argv[0] === 'demo') {
    const result = await loadDemoData(store.db);
    process.stdout.write(`${createI18n().for(config.locale)('common.demo_loaded', result)}\n`);
    await store.close();
    return;
  }

  const { demoted } = await ensureAdmins(store.db, [
    ...config.admins,
    ...(config.terminal ? [{ channel: 'terminal' as const, id: OPERATOR_ID, name: '终端操作员' }] : []),
  ]);
  if (demoted.length) log.info({ demoted }, 'admins no longer in HONORCARE_ADMINS are staff now');

  let telegramUsername: string | undefined;
  const core = createCore(store.db, log, {
    defaultLocale: config.locale,
    timeZone: config.timeZone,
    fileNoPrefix: config.fileNoPrefix,
    inviteTtlHours: config.inviteTtlHours,
    maxUploadBytes: config.maxUploadBytes,
    telegramBotUsername: () => telegramUsername,
  });

  const channels: Channel[] = [];
  const services = await serviceChannels(config, log, (name) => (telegramUsername = name));
  channels.push(...services);
  let terminal: ConsoleChannel | undefined;
  if (config.terminal) {
    terminal = new ConsoleChannel({
      input: process.stdin,
      output: process.stdout,
      exportDir: join(config.dataDir, 'exports'),
      interactive: process.stdin.isTTY === true,
    });
    channels.push(terminal);
  }
  if (!channels.length) {
    log.fatal('no channel configured');
    process.stderr.write('HonorCare: no channel is enabled (HONORCARE_TERMINAL=off and no TELEGRAM_BOT_TOKEN).\n');
    process.exitCode = 2;
    await store.close();
    return;
  }
  if (terminal && process.stdin.isTTY) {
    const database = store.provider === 'sqlite' ? config.databaseUrl : 'PostgreSQL';
    process.stdout.write(`${createI18n().for(config.locale)('common.started', { database })}\n`);
  }
  for (const channel of channels) await channel.start(core.handle, core.menu());
  log.info({ channels: channels.map((c) => c.name) }, 'started');

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      log.info({ reason }, 'stopping');
      // Stop taking new messages, let the ones in flight finish, then close the database.
      await Promise.allSettled(channels.map((c) => c.stop()));
      await core.idle();
      await store.close();
      log.info('stopped');
      log.flush();
    })());
  // `on`, not `once`: under systemd or Ctrl+C both npm (which passes the signal on) and the bot
  // get it, so it arrives twice; a second one must not kill the bot mid-way through stopping.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // The terminal alone: end of input ends the bot. With a service channel, a closed standard
  // input (as under systemd) just ends the terminal channel.
  if (terminal && !services.length) await terminal.ended.then(() => shutdown('end of input'));
}

/** Channels that run as a service (Telegram; WeChat comes later). */
async function serviceChannels(config: Config, log: Logger, onTelegramName: (name: string) => void): Promise<Channel[]> {
  if (!config.telegram) return [];
  const { TelegramChannel } = await import('./channels/telegram/telegram-channel.ts');
  return [new TelegramChannel({ ...config.telegram, log: log.child({ channel: 'telegram' }), onReady: (me) => onTelegramName(me.username), maxUploadBytes: config.maxUploadBytes })];
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`HonorCare: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`HonorCare failed to start: ${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});

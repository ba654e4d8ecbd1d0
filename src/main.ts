import type { Logger } from 'pino';
import type { Channel } from './core/channel.ts';
import { createI18n } from './core/i18n.ts';
import { ConsoleChannel, OPERATOR_ID, OPERATOR_NAME } from './channels/console/console-channel.ts';
import { createCore } from './app.ts';
import { ConfigError, loadConfig, shareWithWechaty, type Config } from './config.ts';
import { openDb } from './db/client.ts';
import { ensureAdmins } from './features/index.ts';
import { loadDemoData } from './features/demo/index.ts';
import { createLogger } from './log.ts';
import { explainStartFailure, explainTelegramFailure, explainWechatFailure } from './start-failure.ts';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Deliverer } from './core/delivery.ts';
import type { ChannelName, ChatRef } from './core/message.ts';
import { createDispatcher } from './outbox/dispatcher.ts';
import { startSchedules, type Schedules } from './outbox/schedules.ts';
import { WecomDeliverer } from './channels/wecom/deliver.ts';
import { webhookKeys } from './features/index.ts';

/** What main got to before a failure, for the one line it prints and the details it logs. */
const reached: { config?: Config; log?: Logger } = {};

/** Composition root: config -> logger -> database -> features -> channels. */
async function main(argv: string[]): Promise<void> {
  const config = (reached.config = loadConfig());
  const log = (reached.log = createLogger(config.logLevel, config.logFile));
  const store = await openDb(config.databaseUrl);
  log.info({ provider: store.provider, migrated: store.migrated }, 'database ready');

  if (argv[0] === 'demo') {
    const result = await loadDemoData(store.db);
    process.stdout.write(`${createI18n().for(config.locale)('common.demo_loaded', result)}\n`);
    await store.close();
    return;
  }

  const { demoted, refused } = await ensureAdmins(store.db, [
    ...config.admins,
    ...(config.terminal ? [{ channel: 'terminal' as const, id: OPERATOR_ID, name: OPERATOR_NAME }] : []),
  ]);
  if (demoted.length) log.info({ demoted }, 'admins no longer in HONORCARE_ADMINS are staff now');
  if (refused.length) log.warn({ refused }, 'HONORCARE_ADMINS lists accounts bound to an honoree\'s file: left as they are, never made admins');

  let telegramUsername: string | undefined;
  /** The channels served now and which bot of each: where admins hear that another went down. */
  const routes = new Map<ChannelName, string>();
  const core = createCore(store.db, log, {
    defaultLocale: config.locale,
    timeZone: config.timeZone,
    fileNoPrefix: config.fileNoPrefix,
    inviteTtlHours: config.inviteTtlHours,
    formTtlMinutes: config.formTtlMinutes,
    maxUploadBytes: config.maxUploadBytes,
    digestTime: config.digestTime,
    visitGapDays: config.visitGapDays,
    planLeadDays: config.planLeadDays,
    subsidyRemindDays: config.subsidyRemindDays,
    quietHours: config.quietHours,
    telegramBotUsername: () => telegramUsername,
    routes: () => [...routes].map(([channel, via]) => ({ channel, via })),
  });

  // The outbox: what the bot sends on its own goes out through the channels as they come up.
  const dispatcher = createDispatcher({
    db: store.db,
    provider: store.provider,
    i18n: core.i18n,
    log: log.child({ job: 'outbox' }),
    defaultLocale: config.locale,
    catchupDays: config.catchupDays,
  });
  // WeCom group robots post through webhooks, with no login: always served, so the groups bound
  // with 绑定企业微信群 get their digests whatever else runs.
  dispatcher.serve('wecom', '', new WecomDeliverer({ keys: webhookKeys(store.db), apiRoot: config.wecomApiRoot, log: log.child({ channel: 'wecom' }) }));
  /** Started once the channels are: the planners' first run may already write to the outbox. */
  const timetable: { schedules?: Schedules } = {};

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string) =>
    (stopping ??= (async () => {
      log.info({ reason }, 'stopping');
      // No new plans and no new sends first (sends under way finish, what was claimed goes back);
      // then stop taking messages, let the ones in flight finish, and close the database.
      await timetable.schedules?.stop();
      await dispatcher.stop();
      await Promise.allSettled(channels.map((c) => c.stop()));
      await core.idle();
      await store.close();
      log.info('stopped');
      await new Promise<void>((r) => log.flush(() => r()));
    })());
  /** A channel that can never work (Telegram refused the token): one line, then everything stops. */
  const fatal = (line: string, code: number, err: unknown) => {
    if (stopping) return;
    log.fatal({ err }, 'channel failed');
    process.stderr.write(`${line}\n`);
    process.exitCode = code;
    // No process.exit(): once the channels and the database are closed nothing holds the process.
    void shutdown('channel failed');
  };
  const onTelegramFatal = (err: unknown) => {
    const { line, code } = explainTelegramFailure(err);
    fatal(line, code, err);
  };

  const channels: Channel[] = [];
  const services = await serviceChannels(
    config,
    log,
    (me, deliverer) => {
      telegramUsername = me.username;
      routes.set('telegram', me.via);
      dispatcher.serve('telegram', me.via, deliverer);
    },
    onTelegramFatal,
  );
  channels.push(...services);
  if (config.wechat) {
    const wechat = wechatChannel(config.wechat, log, core.acceptsUnmentioned, (via, deliverer) => {
      routes.set('wechat', via);
      dispatcher.serve('wechat', via, deliverer);
    });
    services.push(wechat);
    channels.push(wechat);
  }
  let terminal: ConsoleChannel | undefined;
  if (config.terminal) {
    terminal = new ConsoleChannel({
      input: process.stdin,
      output: process.stdout,
      exportDir: join(config.dataDir, 'exports'),
      interactive: process.stdin.isTTY === true,
      takesFile: core.takesFile,
    });
    channels.push(terminal);
  }
  if (!channels.length) {
    log.fatal('no channel configured');
    process.stderr.write('HonorCare: no channel is enabled (HONORCARE_TERMINAL=off, and neither TELEGRAM_BOT_TOKEN nor WECHATY_PUPPET).\n');
    process.exitCode = 2;
    await store.close();
    return;
  }
  if (terminal && process.stdin.isTTY) {
    const database = store.provider === 'sqlite' ? config.databaseUrl : 'PostgreSQL';
    process.stdout.write(`${createI18n().for(config.locale)('common.started', { database })}\n`);
  }
  // Service channels connect in the background: an unreachable Telegram is retried (and logged)
  // while the terminal already answers; a refused token stops everything with one line.
  for (const service of services) {
    const onFatal = service.name === 'wechat' ? (err: unknown) => fatal(explainWechatFailure(err, config.wechat?.puppet).line, explainWechatFailure(err, config.wechat?.puppet).code, err) : onTelegramFatal;
    void service.start(core.handle, core.menu(), { membership: core.membership, availability: core.availability, openQuestions: core.openQuestions, friendRequest: core.friendRequest }).catch(onFatal);
  }
  if (terminal) {
    await terminal.start(core.handle);
    // Until its input closes (as under systemd, with Telegram on): nobody reads the terminal
    // then, and its notifications wait for a terminal that does instead of failing one by one.
    dispatcher.serve('terminal', '', terminal, terminal.ended);
    routes.set('terminal', '');
    void terminal.ended.then(() => routes.delete('terminal'));
  }
  dispatcher.start();
  // Every planner also runs once now: what fell due while the bot was down is planned at once.
  timetable.schedules = startSchedules({ db: store.db, planners: core.planners, timeZone: config.timeZone, log: log.child({ job: 'schedules' }), holder: `${hostname()}:${process.pid}` });
  log.info({ channels: channels.map((c) => c.name), planners: core.planners.map((p) => p.name) }, 'started');
  // `on`, not `once`: under systemd or Ctrl+C both npm (which passes the signal on) and the bot
  // get it, so it arrives twice; a second one must not kill the bot mid-way through stopping.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  // The terminal alone: end of input ends the bot. With a service channel, a closed standard
  // input (as under systemd) just ends the terminal channel.
  if (terminal && !services.length) await terminal.ended.then(() => shutdown('end of input'));
}

/** Channels that run as a service: Telegram here; WeChat in wechatChannel, WeCom robots send only. */
async function serviceChannels(
  config: Config,
  log: Logger,
  onTelegramReady: (me: { username: string; via: string }, deliverer: Deliverer) => void,
  onFatal: (err: unknown) => void,
): Promise<Channel[]> {
  if (!config.telegram) return [];
  const { TelegramChannel } = await import('./channels/telegram/telegram-channel.ts');
  const telegram: InstanceType<typeof TelegramChannel> = new TelegramChannel({
    ...config.telegram,
    log: log.child({ channel: 'telegram' }),
    // Known once Telegram has said which bot this is: notifications carry the bot's id.
    onReady: (me) => onTelegramReady(me, telegram),
    onFatal,
    maxUploadBytes: config.maxUploadBytes,
  });
  return [telegram];
}

/**
 * WeChat through Wechaty, loaded only when WECHATY_PUPPET is set and only once the channel
 * starts, in the background like Telegram's connection: loading Wechaty takes seconds, which
 * neither a start without WeChat nor the terminal beside it should wait for. At each login the
 * dispatcher serves it under the account's id.
 */
function wechatChannel(
  wechat: NonNullable<Config['wechat']>,
  log: Logger,
  acceptsUnmentioned: (chat: ChatRef, text: string) => Promise<boolean>,
  onLogin: (via: string, deliverer: Deliverer) => void,
): Channel {
  let loaded: Channel | undefined;
  let stopped = false;
  return {
    name: 'wechat',
    async start(handler, menu, events) {
      // Before Wechaty loads: it and its puppets read their settings from the process environment.
      shareWithWechaty(wechat.environment);
      log.info({ puppet: wechat.puppet }, 'wechat starting');
      const { WechatChannel } = await import('./channels/wechat/wechat-channel.ts');
      if (stopped) return;
      const channel: InstanceType<typeof WechatChannel> = new WechatChannel({
        puppet: wechat.puppet,
        ...(wechat.token ? { token: wechat.token } : {}),
        session: wechat.session,
        log: log.child({ channel: 'wechat' }),
        pacing: { minGapMs: wechat.minGapMs, perMinute: wechat.perMinute },
        silenceMs: wechat.silenceMs,
        reaskWithinMs: wechat.reaskWithinMs,
        acceptsUnmentioned,
        onLogin: (me) => onLogin(me.via, channel),
        // The operator's terminal (standard error, so piped answers stay clean); the code's text is logged too.
        qrOutput: process.stderr,
      });
      loaded = channel;
      await channel.start(handler, menu, events);
    },
    async stop() {
      stopped = true;
      await loaded?.stop();
    },
  };
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    process.stderr.write(`HonorCare: ${err.message}\n`);
    process.exit(2);
  }
  // A database that refuses or is missing is one line saying what to check; the details (and
  // the stack of anything unforeseen) go to the log.
  const line = reached.config ? explainStartFailure(err, reached.config.databaseUrl) : undefined;
  const { log, config } = reached;
  const where = config && config.logFile !== '-' ? ` (details in ${config.logFile})` : '';
  process.stderr.write(line ? `${line}\n` : `HonorCare failed to start: ${log ? `${String(err)}${where}` : ((err as Error).stack ?? String(err))}\n`);
  log?.fatal({ err }, 'start failed');
  // Not process.exit() at once: the log file may not even be open yet. The process ends when
  // nothing runs; a database pool left open by a later failure is cut after a second.
  process.exitCode = 1;
  setTimeout(() => process.exit(1), 1000).unref();
});

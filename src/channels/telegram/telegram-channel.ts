import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Bot, InputFile, type Context } from 'grammy';
import type { Logger } from 'pino';
import type { Channel, ChannelEvents, CommandMenu, MessageHandler } from '../../core/channel.ts';
import type { MembershipEvent } from '../../core/membership.ts';
import type { ChatTarget, Reply } from '../../core/message.ts';
import { apiTransformers, ChannelStoppedError, sleep } from './api-guard.ts';
import { incomingFile } from './download.ts';
import { scrubError, TelegramError } from './errors.ts';
import { menuCalls } from './menu.ts';
import { renderReply, type TelegramSend } from './render.ts';
import { toIncoming } from './to-incoming.ts';
import { toMembership } from './to-membership.ts';

export interface TelegramChannelOptions {
  token: string;
  /** A self-hosted Bot API server (or the test fake); default https://api.telegram.org. */
  apiRoot?: string;
  log: Logger;
  /** Called once the bot knows who it is (getMe), before it starts polling. */
  onReady?: (me: { username: string }) => void;
  /** Files above this are refused unread. */
  maxUploadBytes: number;
  /** How long stop() lets messages being answered finish before cutting their API calls. Default 10 s. */
  stopGraceMs?: number;
  /** Longest time one API call (or file download) may take, retries included. Default 2 min. */
  callDeadlineMs?: number;
  /** Waits between two failed connection attempts at start: doubling from `firstMs` to `maxMs`. Default 1 s to 1 min. */
  connectRetry?: { firstMs: number; maxMs: number };
  /**
   * Called when polling ends for good after the start (the token revoked: 401; another program
   * polls with it: 409): the bot no longer hears anyone on Telegram.
   */
  onFatal?: (err: unknown) => void;
}

/** A Bot API refusal (4xx but 429) at start: a wrong token or API root, which waiting cannot mend. */
const isRefusal = (err: unknown) => err instanceof TelegramError && err.errorCode !== undefined && err.errorCode < 500 && err.errorCode !== 429;

interface Route {
  threadId?: number;
  /** Quoted by the first message of the answer (groups: whom it answers). */
  replyTo?: number;
}

/**
 * The Telegram channel: long polling with @grammyjs/runner, updates translated to Incoming,
 * replies rendered as plain text, inline keyboards, documents and photos. It decides nothing.
 */
export class TelegramChannel implements Channel {
  readonly name = 'telegram' as const;
  private readonly bot: Bot;
  private readonly log: Logger;
  private readonly closing = new AbortController();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly fileRoot: string;
  private readonly callDeadlineMs: number;
  /** Every error that is logged or thrown from here goes through this (no token, no payload). */
  private readonly scrub: (err: unknown) => unknown;
  private handler?: MessageHandler;
  private events: ChannelEvents = {};
  private runner?: RunnerHandle;
  private stopped = false;
  private stopping?: Promise<void>;

  constructor(private readonly options: TelegramChannelOptions) {
    const apiRoot = options.apiRoot?.replace(/\/+$/, '');
    this.log = options.log;
    this.callDeadlineMs = options.callDeadlineMs ?? 120_000;
    this.fileRoot = `${apiRoot ?? 'https://api.telegram.org'}/file/bot${options.token}`;
    this.bot = new Bot(options.token, apiRoot ? { client: { apiRoot } } : {});
    this.scrub = (err) => scrubError(err, options.token);
    this.bot.api.config.use(
      ...apiTransformers({ log: this.log, closing: this.closing.signal, isStopped: () => this.stopped, callDeadlineMs: this.callDeadlineMs, scrub: this.scrub }),
    );
    // Counted before anything else, so stop() also waits for updates queued behind another.
    this.bot.use((ctx, next) => this.track(next()));
    // A button press must always be answered, or the person's client shows a spinner for a while;
    // answered first, before waiting for this person's earlier messages and whatever handling does.
    this.bot.use(async (ctx, next) => {
      const queryId = ctx.update.callback_query?.id;
      if (queryId) {
        await this.bot.api.answerCallbackQuery(queryId).catch((err: unknown) => {
          this.log.warn({ err: this.scrub(err), update_id: ctx.update.update_id }, 'could not answer the button press');
        });
      }
      await next();
    });
    // One person's messages in one chat are handled and answered in order.
    this.bot.use(sequentialize((ctx: Context) => (ctx.chat && ctx.from ? `${ctx.chat.id}:${ctx.from.id}` : undefined)));
    this.bot.use((ctx) => this.onUpdate(ctx));
    this.bot.catch((err) => this.log.error({ err: this.scrub(err.error), update_id: err.ctx.update.update_id }, 'update failed'));
  }

  async start(handler: MessageHandler, menu: CommandMenu, events: ChannelEvents = {}): Promise<void> {
    if (this.stopped || this.stopping) throw new ChannelStoppedError('start');
    this.handler = handler;
    this.events = events;
    if (!(await this.connect(menu))) return;
    this.runner = run(this.bot, {
      runner: {
        // Given explicitly, only these kinds come: my_chat_member tells when the bot is removed or blocked.
        fetch: { allowed_updates: ['message', 'callback_query', 'my_chat_member'] },
        // A service keeps polling through outages: network and server errors are retried (and
        // logged) by the transformers of api-guard.ts, anything else by the runner, never for good.
        silent: true,
        retryInterval: 'quadratic',
        maxRetryTime: Infinity,
      },
    });
    this.runner.task()?.catch((err: unknown) => {
      // 401 (token revoked) or 409 (another instance polls with this token): polling has ended.
      this.log.fatal({ err: this.scrub(err) }, 'telegram polling stopped');
      this.options.onFatal?.(this.scrub(err));
    });
  }

  /**
   * Gets ready to poll, however long Telegram stays out of reach (network down at boot, a proxy
   * not up yet): every failed attempt is logged and retried after a growing wait. A refusal
   * (wrong token: 401) is thrown, since waiting cannot mend it. False when stopped meanwhile.
   */
  private async connect(menu: CommandMenu): Promise<boolean> {
    const { firstMs, maxMs } = this.options.connectRetry ?? { firstMs: 1000, maxMs: 60_000 };
    for (let attempt = 1, delay = firstMs; ; attempt++, delay = Math.min(2 * delay, maxMs)) {
      try {
        await this.prepare(menu);
        return !this.stopping;
      } catch (raw) {
        // Thrown to main, which prints it; grammY's network errors would carry the token in their URL.
        const err = this.scrub(raw);
        if (this.stopping || this.closing.signal.aborted) return false;
        if (isRefusal(err)) throw err;
        this.log.warn({ err, attempt, retry_in_ms: delay }, 'telegram not reachable, retrying');
        try {
          await sleep(delay, this.closing.signal);
        } catch {
          return false;
        }
      }
    }
  }

  /** Who am I, no webhook, the command menu: everything before polling. */
  private async prepare(menu: CommandMenu): Promise<void> {
    // Not bot.init(): grammY retries it without end and without a word.
    if (!this.bot.isInited()) this.bot.botInfo = await this.bot.api.getMe();
    const username = this.bot.botInfo.username;
    this.log.info({ username }, 'telegram bot ready');
    this.options.onReady?.({ username });
    // Long polling does not work while a webhook is set (e.g. left over from another deployment).
    await this.bot.api.deleteWebhook({ drop_pending_updates: false });
    for (const call of menuCalls(menu)) {
      await this.bot.api.setMyCommands(call.commands, { language_code: call.language_code }).catch((err: unknown) => {
        this.log.warn({ err: this.scrub(err), language_code: call.language_code }, 'could not publish the command menu');
      });
    }
  }

  stop(): Promise<void> {
    return (this.stopping ??= this.shutdown());
  }

  async send(to: ChatTarget, reply: Reply): Promise<void> {
    if (to.channel !== 'telegram') throw new Error(`TelegramChannel cannot send to ${to.channel}`);
    if (this.stopped) throw new ChannelStoppedError('send');
    const chatId = /^-?\d+$/.test(to.chatId) ? Number(to.chatId) : to.chatId;
    const log = this.log.child({ chat: to.chatId });
    try {
      for (const s of this.render(reply, log)) await this.perform(chatId, s, {}, log);
    } catch (err) {
      throw this.scrub(err);
    }
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const forget = () => this.inflight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async onUpdate(ctx: Context): Promise<void> {
    const update = ctx.update;
    const membership = toMembership(update, ctx.me.id);
    if (membership) return this.onMembership(membership, update.update_id);
    const input = toIncoming(update, {
      botId: ctx.me.id,
      botUsername: ctx.me.username,
      file: (ref) =>
        incomingFile(ref, { api: this.bot.api, fileRoot: this.fileRoot, maxBytes: this.options.maxUploadBytes, closing: this.closing.signal, deadlineMs: this.callDeadlineMs, scrub: this.scrub }),
    });
    const log = this.log.child({ update_id: update.update_id, chat: input?.chatId ?? ctx.chat?.id });
    if (!input || !this.handler) {
      log.debug('update ignored');
      return;
    }
    log.debug({ kind: input.callbackQueryId ? 'button' : input.incoming.file ? 'file' : 'text' }, 'update received');
    let replies: Reply[];
    try {
      replies = await this.handler(input.incoming);
    } catch (err) {
      log.error({ err: this.scrub(err) }, 'handling failed');
      return;
    }
    const route: Route = { threadId: input.threadId, replyTo: input.incoming.chat.kind === 'group' ? input.messageId : undefined };
    try {
      for (const reply of replies) {
        for (const s of this.render(reply, log)) {
          await this.perform(input.chatId, s, route, log);
          route.replyTo = undefined;
        }
      }
    } catch (err) {
      // The rest of the answer is not sent: later parts alone would not make sense.
      log.error({ err: this.scrub(err) }, 'could not send the reply');
    }
  }

  private async onMembership(event: MembershipEvent, updateId: number): Promise<void> {
    const log = this.log.child({ update_id: updateId, chat: event.chat.id });
    log.debug({ membership: event.change }, 'membership update received');
    await this.events.membership?.(event).catch((err: unknown) => log.error({ err: this.scrub(err) }, 'handling the membership update failed'));
  }

  private render(reply: Reply, log: Logger): TelegramSend[] {
    const { sends, choicesAsText } = renderReply(reply);
    if (choicesAsText) log.warn('choice ids do not fit in callback_data; sent as numbered lines');
    return sends;
  }

  private async perform(chatId: number | string, s: TelegramSend, route: Route, log: Logger): Promise<void> {
    const other = {
      ...(route.threadId !== undefined ? { message_thread_id: route.threadId } : {}),
      ...(route.replyTo !== undefined ? { reply_parameters: { message_id: route.replyTo, allow_sending_without_reply: true } } : {}),
      ...(s.reply_markup ? { reply_markup: s.reply_markup } : {}),
    };
    const api = this.bot.api;
    let sent: { message_id: number };
    if (s.method === 'sendMessage') sent = await api.sendMessage(chatId, s.text, other);
    else {
      const file = new InputFile(Buffer.from(s.file.data.buffer, s.file.data.byteOffset, s.file.data.byteLength), s.file.name);
      const withCaption = s.caption !== undefined ? { ...other, caption: s.caption } : other;
      sent = s.method === 'sendDocument' ? await api.sendDocument(chatId, file, withCaption) : await api.sendPhoto(chatId, file, withCaption);
    }
    log.debug({ method: s.method, message_id: sent.message_id }, 'sent');
  }

  /** Stop polling, let the messages being answered finish (within the grace time), then refuse all calls. */
  private async shutdown(): Promise<void> {
    const runner = this.runner;
    this.runner = undefined;
    // Ends the long poll at once; updates already fetched are being handled (and tracked).
    await Promise.resolve(runner?.stop()).catch((err: unknown) => this.log.warn({ err: this.scrub(err) }, 'runner stop failed'));
    // Updates fetched just before the stop reach the tracking middleware within a tick.
    await new Promise((r) => setImmediate(r));
    if (!(await this.settle(this.options.stopGraceMs ?? 10_000))) {
      this.log.warn({ pending: this.inflight.size }, 'answers still pending at stop; cutting their API calls');
      this.closing.abort();
      if (!(await this.settle(5_000))) this.log.error({ pending: this.inflight.size }, 'gave up waiting for pending answers');
    }
    this.stopped = true;
    this.closing.abort();
    this.log.info('telegram channel stopped');
  }

  /** True once nothing is in flight; false if `ms` passed first. */
  private async settle(ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
    try {
      while (this.inflight.size) {
        if ((await Promise.race([Promise.allSettled([...this.inflight]), timeout])) === 'timeout') return false;
      }
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

import { run, sequentialize, type RunnerHandle } from '@grammyjs/runner';
import { Api, Bot, type Context } from 'grammy';
import type { Logger } from 'pino';
import type { Channel, ChannelEvents, CommandMenu, MessageHandler } from '../../core/channel.ts';
import type { Address, DeliverOptions, Deliverer, Delivery } from '../../core/delivery.ts';
import type { MembershipEvent } from '../../core/membership.ts';
import type { Reply } from '../../core/message.ts';
import { RateBudget, TELEGRAM_LIMITS, type ChatKind, type RateLimits } from '../../core/rate-budget.ts';
import { apiTransformers, ChannelStoppedError, sleep } from './api-guard.ts';
import { deliverToChat } from './deliver.ts';
import { incomingFile } from './download.ts';
import { scrubError, TelegramError } from './errors.ts';
import { menuCalls } from './menu.ts';
import { renderReply, type TelegramSend } from './render.ts';
import { budgetNow, pauseOn429, takeSlot } from './send-budget.ts';
import { sendPart, type Placement } from './send-part.ts';
import { toIncoming } from './to-incoming.ts';
import { toMembership } from './to-membership.ts';

export interface TelegramChannelOptions {
  token: string;
  /** A self-hosted Bot API server (or the test fake); default https://api.telegram.org. */
  apiRoot?: string;
  log: Logger;
  /**
   * Called once the bot knows who it is (getMe), before it starts polling. `via` is the
   * Address.via of this bot (its id as text): the dispatcher serves the channel under it.
   */
  onReady?: (me: { username: string; id: number; via: string }) => void;
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
  /**
   * The bot's send limits, shared by replies and notifications. Default: Telegram's published
   * ones (TELEGRAM_LIMITS). Tests and benches pass wide-open ones to measure something else.
   */
  rateLimits?: RateLimits;
}

/** A Bot API refusal (4xx but 429) at start: a wrong token or API root, which waiting cannot mend. */
const isRefusal = (err: unknown) => err instanceof TelegramError && err.errorCode !== undefined && err.errorCode < 500 && err.errorCode !== 429;

/** Where a reply goes: the chat, its kind (for the rate budget), its topic and the message answered. */
interface Route extends Placement {
  chatId: number;
  kind: ChatKind;
}

/**
 * The Telegram channel: long polling with @grammyjs/runner, updates translated to Incoming,
 * replies rendered as plain text, inline keyboards, documents and photos. It decides nothing.
 *
 * It is also the outbox's Deliverer for its bot: notifications go through an Api of their own
 * without the retrying transformers (auto-retry sleeps through 429s and retries network errors
 * without end; a notification's send must end by its deadline and say what happened). Replies
 * and notifications draw on one rate budget, as Telegram counts them together.
 */
export class TelegramChannel implements Channel, Deliverer {
  readonly name = 'telegram' as const;
  private readonly bot: Bot;
  /** The outbox's Api: one attempt per call, bounded by the deliver's deadline. */
  private readonly outboxApi: Api;
  private readonly budget: RateBudget;
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
    this.budget = new RateBudget(options.rateLimits ?? TELEGRAM_LIMITS);
    // Innermost, so every 429 reaches the budget, also each one auto-retry waits out for a reply.
    this.bot.api.config.use(
      pauseOn429(this.budget),
      ...apiTransformers({ log: this.log, closing: this.closing.signal, isStopped: () => this.stopped, callDeadlineMs: this.callDeadlineMs, scrub: this.scrub }),
    );
    // grammY's own timeout (500 s by default) only as a backstop: each deliver aborts at its deadline.
    this.outboxApi = new Api(options.token, { ...(apiRoot ? { apiRoot } : {}), timeoutSeconds: Math.ceil(this.callDeadlineMs / 1000) });
    this.outboxApi.config.use(pauseOn429(this.budget));
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
    const { username, id } = this.bot.botInfo;
    this.log.info({ username }, 'telegram bot ready');
    this.options.onReady?.({ username, id, via: String(id) });
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

  /** The Address.via of this bot (its id as text) once it knows who it is; undefined before. */
  get via(): string | undefined {
    return this.bot.isInited() ? String(this.bot.botInfo.id) : undefined;
  }

  /**
   * Asks Telegram which bot this is (getMe) without polling for updates, and answers its
   * Address.via: for a process that only sends (a second dispatcher beside the bot).
   */
  async identify(): Promise<string> {
    if (!this.bot.isInited()) this.bot.botInfo = await this.bot.api.getMe();
    return String(this.bot.botInfo.id);
  }

  /** Ms before a message to `to` fits the bot's rate budget (0 = now). */
  waitFor(to: Address): number {
    return Math.ceil(this.budget.waitFor(to.chatId, to.kind, budgetNow()));
  }

  /**
   * Sends a notification (see deliver.ts). From stop() on it refuses with `retry`, not an error
   * (stopping is not the recipient's fault): the row goes back to the outbox, for this bot's
   * next run or another instance. Without `afterMs`, so the dispatcher counts an attempt: should
   * it keep running after the channel stopped (wiring gone wrong), the row still ends as failed
   * instead of bouncing for ever; in the normal order the dispatcher stops first and never sees it.
   * Rejects for an address this channel does not serve (another channel or bot): a bug.
   */
  async deliver(to: Address, reply: Reply, options: DeliverOptions): Promise<Delivery & { sentParts: number }> {
    if (to.channel !== 'telegram') throw new Error(`TelegramChannel cannot deliver to ${to.channel}`);
    const via = this.via;
    if (to.via !== undefined && via !== undefined && to.via !== via) throw new Error(`TelegramChannel of bot ${via} cannot deliver for bot ${to.via}`);
    const sentParts = options.fromPart ?? 0;
    if (this.stopped || this.stopping) return { outcome: 'retry', reason: new ChannelStoppedError('deliver').message, sentParts };
    // Which bot this is is known only after getMe: a row for some bot is not sent before.
    if (to.via !== undefined && via === undefined) return { outcome: 'retry', reason: 'telegram bot not ready', sentParts };
    const deps = { api: this.outboxApi, budget: this.budget, closing: this.closing.signal, isStopping: () => this.stopping !== undefined, scrub: this.scrub, log: this.log };
    return this.track(deliverToChat(deps, to, reply, options));
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
    const kind = input.incoming.chat.kind;
    const route: Route = { chatId: input.chatId, kind, threadId: input.threadId, replyTo: kind === 'group' ? input.messageId : undefined };
    try {
      for (const reply of replies) {
        for (const s of this.render(reply, log)) {
          await this.perform(s, route, log);
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

  /**
   * Sends one part of a reply, once the rate budget lets it go: a reply waits its turn (a stop
   * cuts the wait) rather than fail, and is never dropped: should the budget ask for more than a
   * call may take (a long 429 pause), it goes anyway and auto-retry waits out Telegram's answer.
   */
  private async perform(s: TelegramSend, route: Route, log: Logger): Promise<void> {
    const chat = String(route.chatId);
    const taken = await takeSlot(this.budget, chat, route.kind, { purpose: 'reply', maxWaitMs: this.callDeadlineMs, signal: this.closing.signal });
    if (!taken) log.warn('reply sent outside the rate budget: the wait was longer than a call may take');
    const sent = await sendPart(this.bot.api, route.chatId, s, route);
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

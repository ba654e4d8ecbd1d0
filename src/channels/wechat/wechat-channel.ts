import { setTimeout as delay } from 'node:timers/promises';
import type { Logger } from 'pino';
import { WechatyBuilder, types, type Contact, type ContactSelf, type Friendship, type Message, type Room, type Wechaty } from 'wechaty';
import type { Channel, ChannelEvents, MessageHandler } from '../../core/channel.ts';
import type { Address, DeliverOptions, Deliverer, Delivery } from '../../core/delivery.ts';
import { KeyedQueue } from '../../core/keyed-queue.ts';
import type { AvailabilityReason } from '../../core/availability.ts';
import type { Incoming, Reply, Sender } from '../../core/message.ts';
import type { WechatChannelOptions } from './channel-options.ts';
import { deliverToChat } from './deliver.ts';
import { showLoginCode } from './login-qr.ts';
import { LOGGED_OUT_RETRY_MS } from './outcome.ts';
import { Pacer } from './pacer.ts';
import { readMessage } from './read-message.ts';
import { renderReply, type WechatSend } from './render.ts';
import { sendPart } from './send-part.ts';
import { toIncoming } from './to-incoming.ts';
import { toMembership, type RoomChange } from './to-membership.ts';
import { Watchdog } from './watchdog.ts';
import { routeWechatyLog } from './wechaty-log.ts';

export type { WechatChannelOptions } from './channel-options.ts';

const DEFAULT_SILENCE_MS = 180_000;
/** Questions asked this long before an outage are asked again after it (the form TTL's default). */
const DEFAULT_REASK_WITHIN_MS = 30 * 60_000;

/** The logged-in account. */
interface Me {
  id: string;
  name: string;
  contact: ContactSelf;
}

/**
 * The WeChat channel through Wechaty: messages of a personal account translated to Incoming,
 * replies rendered as text with numbered choices, in groups only what is meant for the bot. It
 * decides nothing. It is also the outbox's Deliverer for the logged-in account; replies and
 * notifications pass one pacer, which keeps WeChat's risk control in mind (limits.ts).
 */
export class WechatChannel implements Channel, Deliverer {
  readonly name = 'wechat' as const;
  private bot?: Wechaty;
  private me?: Me;
  private handler?: MessageHandler;
  private events: ChannelEvents = {};
  private readonly log: Logger;
  private readonly pacer: Pacer;
  /** One person's messages in one chat are read and answered in order. */
  private readonly people = new KeyedQueue();
  private readonly closing = new AbortController();
  private readonly inflight = new Set<Promise<unknown>>();
  /** When the channel started listening: older messages the puppet replays are not answered. */
  private since = Date.now();
  private starting?: Promise<void>;
  private stopping?: Promise<void>;
  private readonly watchdog: Watchdog;
  /** Since when, and why, the channel has been down (logged out or silent), as told to the core. */
  private down?: { since: Date; reason: AvailabilityReason; via: string };

  constructor(private readonly options: WechatChannelOptions) {
    this.log = options.log;
    this.pacer = new Pacer(options.pacing, options.random);
    this.watchdog = new Watchdog(options.silenceMs ?? DEFAULT_SILENCE_MS, {
      ask: () => void this.bot?.ding('honorcare'),
      silent: (since) => {
        this.log.warn({ since }, 'wechat silent: nothing from the puppet');
        if (this.me) this.wentDown('silent', this.me.id, since);
      },
      // A silence ends at the next sign of life; a logout only at the next login.
      back: () => void (this.down?.reason === 'silent' && this.cameBack()),
    });
  }

  start(handler: MessageHandler, _menu: unknown, events: ChannelEvents = {}): Promise<void> {
    if (this.stopping) return Promise.reject(new Error('WeChat channel is stopped'));
    // Kept: stop() waits for it, since Wechaty stopped half-way through its start keeps a timer running for ever.
    return (this.starting ??= this.begin(handler, events));
  }

  private async begin(handler: MessageHandler, events: ChannelEvents): Promise<void> {
    this.handler = handler;
    this.events = events;
    this.since = Date.now();
    routeWechatyLog(this.log.child({ wechaty: true }));
    const bot = WechatyBuilder.build({
      ...(this.options.session ? { name: this.options.session } : {}),
      // A name is resolved by Wechaty itself (it imports the puppet package); an instance is used as it is.
      puppet: this.options.puppet as never,
      ...(this.options.token ? { puppetOptions: { token: this.options.token } } : {}),
    });
    this.bot = bot;
    bot.on('scan', (qrcode, status) => void showLoginCode(qrcode, status, this.log, this.options.qrOutput));
    bot.on('login', (user) => this.onLogin(user));
    bot.on('logout', (user, reason) => {
      this.log.warn({ account: user.id, reason }, 'wechat logged out');
      this.me = undefined;
      this.wentDown('logged_out', user.id, new Date());
    });
    // Every event is a sign of life for the watchdog.
    for (const event of ['scan', 'login', 'logout', 'message', 'room-join', 'room-leave', 'heartbeat', 'dong', 'ready', 'friendship'] as const) bot.on(event as 'heartbeat', () => this.watchdog.heard());
    bot.on('error', (err) => this.log.warn({ err: { name: err.name, message: err.message } }, 'wechaty error'));
    bot.on('message', (msg) => this.onMessage(msg));
    bot.on('friendship', (request) => void this.track(this.onFriendship(request)).catch((err: unknown) => this.log.error({ err }, 'handling a wechat friend request failed')));
    bot.on('room-join', (room, invitees, inviter, date) => this.onRoomChange(room, 'join', invitees, inviter, date));
    bot.on('room-leave', (room, leavers, remover, date) => this.onRoomChange(room, 'leave', leavers, remover, date));
    await bot.start();
    this.watchdog.start();
    this.log.info({ loggedIn: bot.isLoggedIn }, 'wechat channel started');
  }

  stop(): Promise<void> {
    return (this.stopping ??= this.shutdown());
  }

  /** The logged-in account's contact id (Address.via of its chats); undefined while nobody is logged in. */
  get via(): string | undefined {
    return this.bot?.isLoggedIn ? this.me?.id : undefined;
  }

  /** Ms before a notification to `to` may go (0 = now); while its account is not logged in, a while. */
  waitFor(to: Address): number {
    const me = this.via;
    if (!me || (to.via !== undefined && to.via !== me)) return LOGGED_OUT_RETRY_MS;
    return this.pacer.waitFor(to.chatId, to.kind);
  }

  /**
   * Sends a notification (deliver.ts). From stop() on it refuses with `retry` (stopping is not the
   * recipient's fault): the row goes back to the outbox for the next run.
   * Rejects for an address on another channel: a bug.
   */
  async deliver(to: Address, reply: Reply, options: DeliverOptions): Promise<Delivery & { sentParts: number }> {
    if (to.channel !== 'wechat') throw new Error(`WechatChannel cannot deliver to ${to.channel}`);
    if (this.stopping) return { outcome: 'retry', reason: 'wechat channel stopped', sentParts: options.fromPart ?? 0 };
    const deps = { pacer: this.pacer, send: (chat: string, part: WechatSend) => this.sendPart(chat, part), loggedInAs: () => this.via, closing: this.closing.signal, log: this.log };
    return this.track(deliverToChat(deps, to, reply, options));
  }

  private onLogin(user: ContactSelf): void {
    this.me = { id: user.id, name: user.name(), contact: user };
    this.log.info({ account: user.id, name: user.name() }, 'wechat logged in');
    this.options.onLogin?.({ id: user.id, name: user.name(), via: user.id });
    if (this.down) this.cameBack();
  }

  /**
   * A friend request: accepted only when the core says its greeting held a valid invite code
   * (which bound the person); then the confirmation is sent. Other requests are left alone.
   */
  private async onFriendship(request: Friendship): Promise<void> {
    const me = this.me;
    if (!me || this.stopping || request.type() !== types.Friendship.Receive || !this.events.friendRequest) return;
    const contact = request.contact();
    const chat = { channel: 'wechat' as const, via: me.id, id: contact.id, kind: 'private' as const };
    const verdict = await this.events.friendRequest({ chat, sender: { id: contact.id, name: contact.name() }, greeting: request.hello() });
    if (!verdict.accept) return;
    await request.accept();
    this.log.info({ contact: contact.id }, 'wechat friend request accepted');
    if (verdict.replies.length) await this.answer(chat, verdict.replies, undefined, this.log.child({ chat: contact.id }));
  }

  /** Tells the core the channel is down (once per outage): admins hear of it on another channel. */
  private wentDown(reason: AvailabilityReason, via: string, since: Date): void {
    if (this.down?.reason === 'logged_out') return;
    this.down = { since, reason, via };
    this.track(this.events.availability?.({ channel: 'wechat', via, up: false, reason, at: since }) ?? Promise.resolve()).catch((err: unknown) => this.log.error({ err }, 'reporting wechat down failed'));
  }

  /**
   * Back after an outage: the core is told, and the questions asked shortly before it or during
   * it are asked again, once (what people answered meanwhile never reached the bot).
   */
  private cameBack(): void {
    const down = this.down;
    if (!down) return;
    this.down = undefined;
    const via = this.me?.id ?? down.via;
    const work = async () => {
      await this.events.availability?.({ channel: 'wechat', via, up: true, reason: 'back', at: new Date() });
      const since = new Date(down.since.getTime() - (this.options.reaskWithinMs ?? DEFAULT_REASK_WITHIN_MS));
      for (const open of (await this.events.openQuestions?.('wechat', via, since)) ?? []) {
        await this.answer({ id: open.chatId, kind: open.kind }, [open.reply], undefined, this.log.child({ chat: open.chatId }));
      }
    };
    this.track(work()).catch((err: unknown) => this.log.error({ err }, 'wechat back: telling or asking again failed'));
  }

  private onMessage(msg: Message): void {
    if (this.stopping) return;
    // Known at once, before anything is awaited: the order of one person's messages is kept.
    const key = `${msg.room()?.id ?? ''}:${msg.talker().id}`;
    this.track(this.people.run(key, () => this.take(msg))).catch((err: unknown) => this.log.error({ err }, 'handling a wechat message failed'));
  }

  /** One message: read, decided on, handed to the core, answered. */
  private async take(msg: Message): Promise<void> {
    const me = this.me;
    if (!me || !this.handler) return;
    const view = await readMessage(msg, me.contact);
    if (!view) return;
    const verdict = toIncoming(view, { via: me.id, since: this.since });
    const log = this.log.child({ chat: view.room?.id ?? view.talker.id, message: view.id });
    if ('ignore' in verdict) {
      log.debug({ why: verdict.ignore }, 'message ignored');
      return;
    }
    let incoming: Incoming;
    if ('ask' in verdict) {
      if (!(await this.options.acceptsUnmentioned?.(verdict.ask.chat, verdict.ask.text ?? ''))) return;
      incoming = verdict.ask;
    } else incoming = verdict.take;
    log.debug({ kind: view.kind }, 'message received');
    const replies = await this.handler(incoming);
    // Queued in the chat's turn now, while this person's next message waits: answers keep their order.
    // In a group the answer mentions the asker.
    if (replies.length) void this.track(this.answer(incoming.chat, replies, incoming.chat.kind === 'group' ? incoming.sender : undefined, log));
  }

  /** Sends the replies in the chat's turn, each part paced; a part that fails ends the answer (later parts alone would not make sense). */
  private answer(chat: Pick<Incoming['chat'], 'id' | 'kind'>, replies: Reply[], mentioning: Sender | undefined, log: Logger): Promise<void> {
    let mention = mentioning;
    return this.pacer.inTurn(chat.id, async () => {
      try {
        for (const part of replies.flatMap(renderReply)) {
          await this.pacer.slot(chat.id, chat.kind, 'reply', Infinity, this.closing.signal);
          await this.sendPart(chat.id, part, 'text' in part ? mention : undefined).finally(() => this.pacer.sent(chat.id));
          if ('text' in part) mention = undefined;
        }
      } catch (err) {
        log.error({ err: { name: (err as Error)?.name, message: (err as Error)?.message } }, 'could not send the reply');
      }
    });
  }

  /** One message to a chat through the puppet (send-part.ts). */
  private sendPart(chatId: string, part: WechatSend, mention?: Sender): Promise<string | undefined> {
    return sendPart(this.bot!.puppet, chatId, part, mention);
  }

  private onRoomChange(room: Room, change: RoomChange['change'], who: Contact[], by: Contact | undefined, at: Date | undefined): void {
    const me = this.me;
    if (!me || this.stopping || !who.some((c) => c.id === me.id)) return;
    const work = async () => {
      const title = await room.topic().catch(() => undefined);
      const event = toMembership({ room: { id: room.id, ...(title ? { title } : {}) }, change, who: who.map((c) => c.id), ...(by ? { by: { id: by.id, name: by.name() } } : {}), ...(at ? { at } : {}) }, me.id);
      if (event) await this.events.membership?.(event);
    };
    this.track(work()).catch((err: unknown) => this.log.error({ err }, 'handling a wechat room change failed'));
  }

  private track<T>(work: Promise<T>): Promise<T> {
    this.inflight.add(work);
    const forget = () => this.inflight.delete(work);
    work.then(forget, forget);
    return work;
  }

  /** No new messages; the ones being answered finish within the grace, then waits are cut and Wechaty stops. */
  private async shutdown(): Promise<void> {
    const graceEnds = Date.now() + (this.options.stopGraceMs ?? 10_000);
    while (this.inflight.size && Date.now() < graceEnds) {
      await Promise.race([Promise.allSettled([...this.inflight]), delay(Math.max(0, graceEnds - Date.now()))]);
    }
    if (this.inflight.size) this.log.warn({ pending: this.inflight.size }, 'answers still pending at stop; cutting them short');
    this.closing.abort();
    this.watchdog.stop();
    await this.starting?.catch(() => undefined);
    await this.bot?.stop().catch((err: unknown) => this.log.warn({ err }, 'wechaty did not stop cleanly'));
    this.log.info('wechat channel stopped');
  }
}

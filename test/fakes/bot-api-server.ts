/**
 * A fake Telegram Bot API server over real HTTP (node:http only). Running grammY's own HTTP client,
 * multipart encoder, @grammyjs/runner long polling and @grammyjs/auto-retry against it tests the
 * Telegram channel end to end without the network. Point a bot at it with
 * `new Bot(token, { client: { apiRoot: fake.apiRoot } })`.
 *
 * It copies the Bot API where a bot can get it wrong: offset confirmation, one getUpdates at a time
 * (409), 4096-character and 64-byte callback_data limits, HTML parse errors, "message is not
 * modified", unanswered/invalid callback queries, and the 20 MB getFile limit.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Chat, Update, User, UserFromGetMe } from 'grammy/types';

export type Params = Record<string, unknown>;
export interface UploadedFile { field: string; filename: string; mimeType: string; content: Buffer }
export interface ApiError {
  error_code: number;
  description: string;
  parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}
/** One API request as the server saw it; result/error are set once it is answered. */
export interface Call {
  index: number;
  method: string;
  /** Multipart/query values are coerced back to numbers/objects; `attach://` values become UploadedFile. */
  params: Params;
  files: UploadedFile[];
  /** Arrival time, epoch ms with sub-ms precision (performance clock). */
  at: number;
  result?: unknown;
  error?: ApiError;
  /** A silenced call whose client gave up (closed the connection) before any answer. */
  abandoned?: boolean;
}
export interface WaitOptions { after?: number; timeoutMs?: number }
export interface StoredFile { file_id: string; file_unique_id: string; file_size: number; file_path: string; content: Buffer }
export interface FakeBotApiOptions {
  /** When set, other tokens get 401 (which the runner treats as fatal). Default: any token. */
  token?: string;
  /** Artificial delay before each answer, to imitate network round trips in benchmarks. */
  latencyMs?: number;
  botInfo?: Partial<UserFromGetMe>;
}
type Person = { from: User; chat: Chat };
/** The bot's status in a chat, as my_chat_member reports it. */
export type BotStatus = 'member' | 'administrator' | 'left' | 'kicked';
type MessageUpdate = Update & { message: NonNullable<Update['message']> };
type CallbackUpdate = Update & { callback_query: NonNullable<Update['callback_query']> };
/** Internal message record; loosely typed because the real Message union is huge. */
export type StoredMessage = { message_id: number; date: number; chat: Chat; from?: User; text?: string; caption?: string; reply_markup?: unknown; [k: string]: unknown };

export const user = (id: number, firstName: string, languageCode?: string): User =>
  ({ id, is_bot: false, first_name: firstName, ...(languageCode ? { language_code: languageCode } : {}) });
export const privateChat = (u: User): Chat.PrivateChat =>
  ({ id: u.id, type: 'private', first_name: u.first_name, ...(u.username ? { username: u.username } : {}) });
export const group = (id: number, title: string): Chat.GroupChat => ({ id, type: 'group', title });
export const supergroup = (id: number, title: string): Chat.SupergroupChat => ({ id, type: 'supergroup', title });

const MB = 1024 * 1024;
const NOT_MODIFIED = 'message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message';
const DEFAULT_429: ApiError = { error_code: 429, description: 'Too Many Requests: retry after 1', parameters: { retry_after: 1 } };
// Telegram does not send these unless allowed_updates asks for them explicitly.
const OPT_IN_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
// Free-text fields must stay strings even when a multipart value looks like a number.
const STRING_FIELDS = new Set(['text', 'caption', 'parse_mode', 'title', 'description', 'query', 'data', 'file_id', 'callback_query_id', 'url', 'emoji', 'question', 'business_connection_id']);
const HTML_TAGS = new Set(['b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'a', 'code', 'pre', 'blockquote', 'tg-emoji']);
const MIME: Record<string, string> = { csv: 'text/csv', txt: 'text/plain', pdf: 'application/pdf', json: 'application/json', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', xls: 'application/vnd.ms-excel', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };

class ApiFailure extends Error {
  constructor(readonly api: ApiError) { super(api.description); }
}
const bad = (what: string) => new ApiFailure({ error_code: 400, description: `Bad Request: ${what}` });
const PENDING = Symbol('pending');
const nowMs = () => performance.timeOrigin + performance.now();
const unix = () => Math.floor(Date.now() / 1000);
const clone = <T>(v: T): T => structuredClone(v);

interface Poll { call: Call; res: ServerResponse; limit: number; timer: NodeJS.Timeout }
interface Waiter { match: (c: Call) => boolean; resolve: (c: Call) => void; timer: NodeJS.Timeout }

export class FakeBotApi {
  readonly calls: Call[] = [];
  readonly botInfo: UserFromGetMe;
  apiRoot = '';
  private readonly server: Server;
  private readonly opts: FakeBotApiOptions;
  private queue: Array<{ update: Update; delivered: boolean }> = [];
  private nextUpdateId = 1;
  private allowed: Set<string> | null = null;
  private readonly polls = new Set<Poll>();
  private readonly waiters = new Set<Waiter>();
  private readonly failures = new Map<string, Array<{ error: ApiError; when?: (c: Call) => boolean }>>();
  private readonly silenced = new Map<string, number>();
  private readonly chats = new Map<number, Chat>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly messages = new Map<string, StoredMessage>();
  private readonly callbackQueries = new Set<string>();
  private readonly answers = new Map<string, Params>();
  private readonly files = new Map<string, StoredFile>();
  private readonly filesByPath = new Map<string, StoredFile>();
  private readonly commands = new Map<string, unknown>();
  /** Chats the bot can no longer send to (removed, blocked, upgraded), with Telegram's answer. */
  private readonly refusals = new Map<number, ApiError>();
  private wakeScheduled = false;
  private seq = 0;

  constructor(opts: FakeBotApiOptions = {}) {
    this.opts = opts;
    this.botInfo = {
      id: 7_000_000_001, is_bot: true, first_name: 'HonorCare', username: 'honorcare_test_bot',
      can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
      can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false,
      allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
      ...opts.botInfo,
    };
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err: unknown) => {
        // A bug in the fake must show up as a failed API call, not as a hung request.
        if (!res.headersSent) send(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(err)}` });
      });
    });
  }

  /** Listens on `port` (default: any free one); again after stop(), to bring "Telegram" back. */
  async start(port = 0): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Ends pending long polls and destroys keep-alive sockets (grammY keeps them open). */
  async stop(): Promise<void> {
    for (const poll of this.polls) this.finishPoll(poll, { result: [] });
    for (const w of this.waiters) clearTimeout(w.timer);
    this.waiters.clear();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  // ---------- recording and failure injection ----------

  /**
   * Resolves with the first call of `method` matching `predicate`, looking at calls from index
   * `after` on (default 0, i.e. also calls that already happened). The 3rd argument may be a timeout.
   */
  waitForCall(method: string | undefined, predicate?: (c: Call) => boolean, opts: number | WaitOptions = {}): Promise<Call> {
    const { after = 0, timeoutMs = 5000 } = typeof opts === 'number' ? { timeoutMs: opts } : opts;
    // No method: a call of any method the predicate takes.
    const match = (c: Call) => c.index >= after && (method === undefined || c.method === method) && (!predicate || predicate(c));
    const found = this.calls.slice(after).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match, resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          const seen = this.calls.filter((c) => method === undefined || c.method === method).map((c) => JSON.stringify(c.params).slice(0, 200));
          reject(new Error(`waitForCall('${method}') timed out after ${timeoutMs} ms; ${method} calls seen: ${seen.length ? seen.join('\n  ') : 'none'}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Visible texts of successful sendMessage calls to a chat, in order (HTML already stripped). */
  sent(chatId: number): string[] {
    return this.calls
      .filter((c) => c.method === 'sendMessage' && c.result && (c.result as StoredMessage).chat.id === chatId)
      .map((c) => (c.result as StoredMessage).text ?? '');
  }

  /** Files the bot uploaded to a chat via sendDocument/sendPhoto. */
  sentFiles(chatId: number): Array<UploadedFile & { method: string; caption?: string }> {
    return this.calls
      .filter((c) => c.result && (c.result as StoredMessage).chat?.id === chatId && c.files.length > 0)
      .flatMap((c) => c.files.map((f) => ({ ...f, method: c.method, caption: (c.result as StoredMessage).caption })));
  }

  /** Current state (after edits) of a message in a chat. */
  message(chatId: number, messageId: number): StoredMessage | undefined {
    return this.messages.get(`${chatId}:${messageId}`);
  }

  /**
   * The next `times` calls of `method` fail with `error` (default: 429 retry after 1 s); with
   * `when`, the next ones it matches (e.g. the second part of a long text).
   */
  failNext(method: string, error: ApiError = DEFAULT_429, times = 1, when?: (c: Call) => boolean): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push({ error, when });
    this.failures.set(method, list);
  }

  /** The next `times` calls of `method` are recorded and never answered (until stop()): a network that swallows requests. */
  silenceNext(method: string, times = 1): void {
    this.silenced.set(method, (this.silenced.get(method) ?? 0) + times);
  }

  isAnswered(callbackQueryId: string): boolean { return this.answers.has(callbackQueryId); }
  answerOf(callbackQueryId: string): Params | undefined { return this.answers.get(callbackQueryId); }
  /** Updates not yet confirmed by the bot through getUpdates' offset. */
  get pendingUpdates(): number { return this.queue.length; }

  // ---------- update injection ----------

  /** Queues an update. Pass an old update_id to simulate Telegram redelivering a duplicate. */
  pushUpdate<U extends Omit<Update, 'update_id'> & { update_id?: number }>(update: U): U & Update {
    const u = { ...update, update_id: update.update_id ?? this.nextUpdateId } as U & Update;
    this.nextUpdateId = Math.max(this.nextUpdateId, u.update_id + 1);
    const msg = (u.message ?? u.edited_message ?? u.callback_query?.message) as StoredMessage | undefined;
    if (msg?.chat) this.chats.set(msg.chat.id, msg.chat);
    this.queue.push({ update: u, delivered: false });
    this.scheduleWake();
    return u;
  }

  /** A user's text message; a leading /command gets the bot_command entity grammY's command() needs. */
  sendText(o: Person & { text: string; replyToMessageId?: number }): MessageUpdate {
    const msg: StoredMessage = { ...this.userMessage(o), text: o.text };
    // Telegram only marks latin commands (max 32 chars); the entity includes any @botname suffix.
    const cmd = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?(?![A-Za-z0-9_@])/.exec(o.text);
    if (cmd) msg.entities = [{ type: 'bot_command', offset: 0, length: cmd[0].length }];
    const reply = o.replyToMessageId === undefined ? undefined : this.message(o.chat.id, o.replyToMessageId);
    if (reply) msg.reply_to_message = clone(reply);
    return this.pushUpdate({ message: this.remember(msg) } as unknown as Update) as MessageUpdate;
  }

  /** A tap on an inline button; the callback_query id is in the returned update. */
  pressButton(o: Person & { message_id: number; data: string }): CallbackUpdate {
    const message = this.message(o.chat.id, o.message_id)
      ?? { message_id: o.message_id, date: unix(), chat: o.chat, from: this.botUser(), text: '' };
    const id = `cbq${++this.seq}`;
    this.callbackQueries.add(id);
    return this.pushUpdate({
      callback_query: { id, from: o.from, chat_instance: `ci${o.chat.id}`, data: o.data, message: clone(message) },
    } as unknown as Update) as CallbackUpdate;
  }

  /**
   * A user's document. `declaredSize` fakes a big file (e.g. 50 MB) without holding the bytes;
   * getFile then refuses it above 20 MB, as Telegram does.
   */
  sendDocument(o: Person & { fileName: string; mimeType?: string; content: Buffer; caption?: string; declaredSize?: number }): MessageUpdate {
    const f = this.registerFile(o.content, { declaredSize: o.declaredSize, fileName: o.fileName });
    const msg: StoredMessage = {
      ...this.userMessage(o),
      document: { file_id: f.file_id, file_unique_id: f.file_unique_id, file_name: o.fileName, mime_type: o.mimeType ?? mimeOf(o.fileName), file_size: f.file_size },
      ...(o.caption !== undefined ? { caption: o.caption } : {}),
    };
    return this.pushUpdate({ message: this.remember(msg) } as unknown as Update) as MessageUpdate;
  }

  /**
   * The bot's status in `chat` changed (`from` did it): a `my_chat_member` update. Removed from a
   * group (left/kicked) or blocked in a private chat (kicked), sends there fail with 403 from now
   * on, as on Telegram; back in (member/administrator), they work again.
   */
  botStatusChanged(o: Person & { oldStatus: BotStatus; newStatus: BotStatus }): Update {
    this.chats.set(o.chat.id, o.chat);
    if (o.newStatus === 'left' || o.newStatus === 'kicked') this.refusals.set(o.chat.id, forbidden(o.chat, o.newStatus));
    else this.refusals.delete(o.chat.id);
    return this.pushUpdate({
      my_chat_member: { chat: o.chat, from: o.from, date: unix(), old_chat_member: this.botMember(o.oldStatus), new_chat_member: this.botMember(o.newStatus) },
    } as unknown as Update);
  }

  /**
   * A group upgraded to a supergroup, as Telegram tells it: a service message in the old group
   * with `migrate_to_chat_id`, then one in the new supergroup with `migrate_from_chat_id`. Sends
   * to the old id fail from now on with 400 and the new id in `parameters.migrate_to_chat_id`.
   */
  migrateGroup(oldId: number, newId: number, o: { from?: User; title?: string } = {}): Update[] {
    const old = this.chats.get(oldId) ?? group(oldId, o.title ?? `Group ${oldId}`);
    const title = o.title ?? (old as { title?: string }).title ?? `Group ${newId}`;
    const fresh = supergroup(newId, title);
    const from = o.from ?? user(1, 'Group owner');
    const updates = [
      this.pushUpdate({ message: this.remember({ ...this.userMessage({ from, chat: old }), migrate_to_chat_id: newId }) } as unknown as Update),
      this.pushUpdate({ message: this.remember({ ...this.userMessage({ from, chat: fresh }), migrate_from_chat_id: oldId }) } as unknown as Update),
    ];
    this.refusals.set(oldId, { error_code: 400, description: 'Bad Request: group chat was upgraded to a supergroup chat', parameters: { migrate_to_chat_id: newId } });
    return updates;
  }

  /** Makes bytes reachable through getFile and the /file/ download route. */
  registerFile(content: Buffer, o: { declaredSize?: number; fileName?: string; dir?: string } = {}): StoredFile {
    const n = ++this.seq;
    const ext = o.fileName?.includes('.') ? o.fileName.slice(o.fileName.lastIndexOf('.')) : '';
    const f: StoredFile = {
      file_id: `FILE${n}_${Math.random().toString(36).slice(2, 10)}`, file_unique_id: `U${n}`,
      file_size: o.declaredSize ?? content.length, file_path: `${o.dir ?? 'documents'}/file_${n}${ext}`, content,
    };
    this.files.set(f.file_id, f);
    this.filesByPath.set(f.file_path, f);
    return f;
  }

  // ---------- HTTP ----------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    const api = /^\/bot([^/]+)\/(?:test\/)?([A-Za-z]+)$/.exec(url.pathname);
    const token = download?.[1] ?? api?.[1];
    if (!token) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (this.opts.token !== undefined && decodeURIComponent(token) !== this.opts.token) {
      return send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    }
    if (download) {
      const f = this.filesByPath.get(decodeURIComponent(download[2]));
      if (!f) return send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': f.content.length });
      res.end(f.content);
      return;
    }
    let parsed: { params: Params; files: UploadedFile[] };
    try {
      parsed = await readParams(req, url);
    } catch (err) {
      return send(res, 400, { ok: false, error_code: 400, description: `Bad Request: can't parse request: ${String(err)}` });
    }
    // From here on everything is synchronous, so a waitForCall resolution already sees result/error.
    const call: Call = { index: this.calls.length, method: api![2], ...parsed, at: nowMs() };
    this.calls.push(call);
    const silenced = this.silenced.get(call.method) ?? 0;
    if (silenced > 0) {
      this.silenced.set(call.method, silenced - 1);
      res.on('close', () => void (call.abandoned = !res.writableEnded));
      return this.notify(call);
    }
    const failures = this.failures.get(call.method) ?? [];
    const at = failures.findIndex((f) => !f.when || f.when(call));
    const injected = at === -1 ? undefined : failures.splice(at, 1)[0].error;
    if (injected) call.error = injected;
    else {
      try {
        const result = this.execute(call, res);
        if (result === PENDING) return this.notify(call);
        call.result = result;
      } catch (err) {
        if (!(err instanceof ApiFailure)) throw err;
        call.error = err.api;
      }
    }
    this.notify(call);
    this.respond(res, call);
  }

  private respond(res: ServerResponse, call: Call): void {
    const body = call.error ? { ok: false, ...call.error } : { ok: true, result: call.result };
    const status = call.error ? call.error.error_code : 200;
    if (this.opts.latencyMs) setTimeout(() => send(res, status, body), this.opts.latencyMs);
    else send(res, status, body);
  }

  private notify(call: Call): void {
    for (const w of this.waiters) {
      if (!w.match(call)) continue;
      clearTimeout(w.timer);
      this.waiters.delete(w);
      w.resolve(call);
    }
  }

  private execute(call: Call, res: ServerResponse): unknown {
    const p = call.params;
    switch (call.method) {
      case 'getMe': return this.botInfo;
      case 'getUpdates': return this.getUpdates(call, res);
      case 'deleteWebhook':
        if (p.drop_pending_updates === true) this.queue = [];
        return true;
      case 'getWebhookInfo': return { url: '', has_custom_certificate: false, pending_update_count: this.queue.length };
      case 'setMyCommands': this.commands.set(commandKey(p), p.commands ?? []); return true;
      case 'getMyCommands': return this.commands.get(commandKey(p)) ?? [];
      case 'deleteMyCommands': this.commands.delete(commandKey(p)); return true;
      case 'sendChatAction': this.chatOf(p.chat_id); return true;
      case 'sendMessage': {
        const chat = this.chatOf(p.chat_id);
        const text = visibleText(p.text, p.parse_mode, 4096, 'message is too long', 'message text is empty');
        return this.botMessage(chat, { text }, p);
      }
      case 'sendDocument': case 'sendPhoto': {
        const chat = this.chatOf(p.chat_id);
        const field = call.method === 'sendDocument' ? 'document' : 'photo';
        const caption = p.caption === undefined ? undefined : visibleText(p.caption, p.parse_mode, 1024, 'message caption is too long', null);
        const f = this.fileParam(p[field], field);
        const payload: Params = field === 'photo'
          ? { photo: [{ file_id: f.file_id, file_unique_id: f.file_unique_id, width: 1, height: 1, file_size: f.file_size }] }
          : { document: { file_id: f.file_id, file_unique_id: f.file_unique_id, file_name: f.name, mime_type: mimeOf(f.name), file_size: f.file_size } };
        return this.botMessage(chat, { ...payload, ...(caption !== undefined ? { caption } : {}) }, p);
      }
      case 'editMessageText': case 'editMessageReplyMarkup': {
        if (p.inline_message_id !== undefined) return true;
        const msg = this.message(this.chatOf(p.chat_id).id, Number(p.message_id));
        if (!msg) throw bad('message to edit not found');
        if (msg.from?.id !== this.botInfo.id) throw bad("message can't be edited");
        const text = call.method === 'editMessageText' ? visibleText(p.text, p.parse_mode, 4096, 'message is too long', 'message text is empty') : msg.text;
        const markup = inlineMarkup(p.reply_markup);
        if (text === msg.text && JSON.stringify(markup) === JSON.stringify(msg.reply_markup)) throw bad(NOT_MODIFIED);
        // Like Telegram: an edit without reply_markup removes the inline keyboard.
        if (call.method === 'editMessageText') msg.text = text;
        msg.edit_date = unix();
        msg.reply_markup = markup;
        if (markup === undefined) delete msg.reply_markup;
        return clone(msg);
      }
      case 'answerCallbackQuery': {
        const id = String(p.callback_query_id ?? '');
        if (!this.callbackQueries.has(id) || this.answers.has(id)) throw bad('query is too old and response timeout expired or query ID is invalid');
        this.answers.set(id, p);
        return true;
      }
      case 'getFile': {
        const f = this.files.get(String(p.file_id ?? ''));
        if (!f) throw bad('invalid file_id');
        if (f.file_size > 20 * MB) throw bad('file is too big');
        return { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_path: f.file_path };
      }
      default:
        throw new ApiFailure({ error_code: 404, description: 'Not Found: method not found' });
    }
  }

  // ---------- long polling ----------

  private getUpdates(call: Call, res: ServerResponse): unknown {
    const p = call.params;
    const offset = Number(p.offset ?? 0);
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100)));
    const timeoutS = Number(p.timeout ?? 0);
    if (Array.isArray(p.allowed_updates)) this.allowed = p.allowed_updates.length ? new Set(p.allowed_updates.map(String)) : null;
    if (offset < 0) this.queue = this.queue.slice(offset);
    // Only updates already handed out are confirmed, so a re-pushed old update_id is still delivered.
    else if (offset > 0) this.queue = this.queue.filter((e) => !(e.delivered && e.update.update_id < offset));
    // Telegram allows one getUpdates per bot: a newer request terminates the older one with 409.
    for (const old of this.polls) {
      this.finishPoll(old, { error: { error_code: 409, description: 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running' } });
    }
    const ready = this.take(limit);
    if (ready.length > 0 || !(timeoutS > 0)) return ready;
    const poll: Poll = { call, res, limit, timer: setTimeout(() => this.finishPoll(poll, { result: [] }), timeoutS * 1000) };
    this.polls.add(poll);
    res.on('close', () => { clearTimeout(poll.timer); this.polls.delete(poll); }); // client aborted (runner.stop)
    return PENDING;
  }

  private take(limit: number): Update[] {
    this.queue = this.queue.filter((e) => {
      const type = Object.keys(e.update).find((k) => k !== 'update_id') ?? '';
      return this.allowed ? this.allowed.has(type) : !OPT_IN_UPDATES.has(type);
    });
    const batch = this.queue.slice(0, limit);
    for (const e of batch) e.delivered = true;
    return batch.map((e) => e.update);
  }

  private finishPoll(poll: Poll, outcome: { result?: unknown; error?: ApiError }): void {
    clearTimeout(poll.timer);
    if (!this.polls.delete(poll)) return;
    Object.assign(poll.call, outcome);
    this.respond(poll.res, poll.call);
  }

  // Deferred so that updates pushed in one synchronous burst arrive as one batch, as from Telegram.
  private scheduleWake(): void {
    if (this.wakeScheduled) return;
    this.wakeScheduled = true;
    queueMicrotask(() => {
      this.wakeScheduled = false;
      for (const poll of this.polls) {
        const ready = this.take(poll.limit);
        if (ready.length > 0) this.finishPoll(poll, { result: ready });
      }
    });
  }

  // ---------- messages, chats, files ----------

  private botMember(status: BotStatus): unknown {
    const user = this.botUser();
    if (status === 'kicked') return { status, user, until_date: 0 };
    if (status === 'administrator') {
      return { status, user, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: false, can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: false, can_post_stories: false, can_edit_stories: false, can_delete_stories: false };
    }
    return { status, user };
  }

  private botUser(): User {
    return { id: this.botInfo.id, is_bot: true, first_name: this.botInfo.first_name, username: this.botInfo.username };
  }

  private userMessage(o: Person): StoredMessage {
    this.chats.set(o.chat.id, o.chat);
    return { message_id: this.nextMessageId(o.chat.id), from: o.from, chat: o.chat, date: unix() };
  }

  private botMessage(chat: Chat, content: Params, p: Params): StoredMessage {
    const msg: StoredMessage = { message_id: this.nextMessageId(chat.id), from: this.botUser(), chat, date: unix(), ...content };
    const markup = inlineMarkup(p.reply_markup); // reply keyboards are not echoed back by Telegram
    if (markup) msg.reply_markup = markup;
    const replyTo = (p.reply_parameters as { message_id?: number } | undefined)?.message_id ?? p.reply_to_message_id;
    const original = replyTo === undefined ? undefined : this.message(chat.id, Number(replyTo));
    if (original) msg.reply_to_message = clone(original);
    return clone(this.remember(msg));
  }

  private remember(msg: StoredMessage): StoredMessage {
    this.messages.set(`${msg.chat.id}:${msg.message_id}`, msg);
    return msg;
  }

  // Private chats share one message_id sequence between user and bot, so count per chat.
  private nextMessageId(chatId: number): number {
    const n = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, n);
    return n;
  }

  /** Known chats come from pushed updates; unknown numeric ids are accepted so tests stay terse. */
  private chatOf(chatId: unknown): Chat {
    if (chatId === undefined || chatId === '') throw bad('chat_id is empty');
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const chat = [...this.chats.values()].find((c) => 'username' in c && `@${c.username}` === chatId);
      if (!chat) throw bad('chat not found');
      return chat;
    }
    const id = Number(chatId);
    if (!Number.isSafeInteger(id) || id === 0) throw bad('chat not found');
    const refusal = this.refusals.get(id);
    if (refusal) throw new ApiFailure(refusal);
    return this.chats.get(id) ?? (id > 0 ? { id, type: 'private', first_name: `User ${id}` } : { id, type: 'group', title: `Group ${id}` });
  }

  private fileParam(value: unknown, field: string): StoredFile & { name: string } {
    if (isUpload(value)) {
      const f = this.registerFile(value.content, { fileName: value.filename, dir: field === 'photo' ? 'photos' : 'documents' });
      return { ...f, name: value.filename };
    }
    if (typeof value === 'string' && /^https?:\/\//.test(value)) {
      return { ...this.registerFile(Buffer.alloc(0), { fileName: value }), name: value.slice(value.lastIndexOf('/') + 1) };
    }
    const known = typeof value === 'string' ? this.files.get(value) : undefined;
    if (!known) throw bad(value === undefined ? `there is no ${field} in the request` : 'wrong file identifier/HTTP URL specified');
    return { ...known, name: known.file_path.slice(known.file_path.lastIndexOf('/') + 1) };
  }
}

export async function startFakeBotApi(opts?: FakeBotApiOptions): Promise<FakeBotApi> {
  const fake = new FakeBotApi(opts);
  await fake.start();
  return fake;
}

// ---------- helpers ----------

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.writableEnded) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** Telegram's 403 for a chat the bot is out of. */
function forbidden(chat: Chat, status: 'left' | 'kicked'): ApiError {
  if (chat.type === 'private') return { error_code: 403, description: 'Forbidden: bot was blocked by the user' };
  const kind = chat.type === 'supergroup' ? 'supergroup' : 'group';
  return { error_code: 403, description: status === 'kicked' ? `Forbidden: bot was kicked from the ${kind} chat` : `Forbidden: bot is not a member of the ${kind} chat` };
}

function commandKey(p: Params): string {
  return `${JSON.stringify(p.scope ?? { type: 'default' })}|${String(p.language_code ?? '')}`;
}

function mimeOf(name: string): string {
  return MIME[name.slice(name.lastIndexOf('.') + 1).toLowerCase()] ?? 'application/octet-stream';
}

function isUpload(v: unknown): v is UploadedFile {
  return typeof v === 'object' && v !== null && Buffer.isBuffer((v as UploadedFile).content);
}

/** Only inline keyboards are echoed in Message.reply_markup; callback_data must be 1-64 bytes. */
function inlineMarkup(markup: unknown): unknown {
  const rows = (markup as { inline_keyboard?: unknown } | undefined)?.inline_keyboard;
  if (!Array.isArray(rows)) return undefined;
  for (const button of rows.flat() as Array<{ callback_data?: unknown }>) {
    if (button.callback_data === undefined) continue;
    const size = Buffer.byteLength(String(button.callback_data));
    if (size < 1 || size > 64) throw bad('BUTTON_DATA_INVALID');
  }
  return markup;
}

/** What the user would see: HTML is validated and stripped like Telegram does; other modes are left as is. */
function visibleText(raw: unknown, parseMode: unknown, max: number, tooLong: string, empty: string | null): string {
  let text = raw === undefined || raw === null ? '' : String(raw);
  if (parseMode === 'HTML') text = stripHtml(text);
  if (empty !== null && text.trim() === '') throw bad(empty);
  if (text.length > max) throw bad(tooLong);
  return text;
}

function stripHtml(src: string): string {
  const open: string[] = [];
  const tag = /<(\/?)([a-zA-Z][\w-]*)(?:\s[^<>]*)?>/y;
  const entity = /&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);/y;
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };
  let out = '';
  for (let i = 0; i < src.length;) {
    const at = () => Buffer.byteLength(src.slice(0, i));
    if (src[i] === '<') {
      tag.lastIndex = i;
      const m = tag.exec(src);
      const name = m?.[2].toLowerCase() ?? '';
      if (!m || !HTML_TAGS.has(name)) throw bad(`can't parse entities: Unsupported start tag "${name}" at byte offset ${at()}`);
      if (m[1]) {
        const top = open.pop();
        if (top === undefined) throw bad(`can't parse entities: Unexpected end tag at byte offset ${at()}`);
        if (top !== name) throw bad(`can't parse entities: Unmatched end tag at byte offset ${at()}, expected "</${top}>", found "</${name}>"`);
      } else open.push(name);
      i += m[0].length;
      continue;
    }
    if (src[i] === '&') {
      entity.lastIndex = i;
      const m = entity.exec(src);
      if (m) {
        const e = m[1];
        out += named[e] ?? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
        i += m[0].length;
        continue;
      }
    }
    out += src[i++];
  }
  if (open.length) throw bad(`can't parse entities: Can't find end tag corresponding to start tag "${open[open.length - 1]}"`);
  return out;
}

// ---------- request parsing ----------

async function readParams(req: IncomingMessage, url: URL): Promise<{ params: Params; files: UploadedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const params: Params = {};
  for (const [k, v] of url.searchParams) params[k] = coerce(k, v);
  const type = req.headers['content-type'] ?? '';
  if (/^application\/json/i.test(type)) {
    if (body.length) Object.assign(params, JSON.parse(body.toString('utf8')));
    return { params, files: [] };
  }
  if (/^application\/x-www-form-urlencoded/i.test(type)) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = coerce(k, v);
    return { params, files: [] };
  }
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type);
  if (!/^multipart\/form-data/i.test(type) || !boundary) return { params, files: [] };
  const { fields, uploads } = parseMultipart(body, boundary[1] ?? boundary[2]);
  const files: UploadedFile[] = [];
  for (const [k, v] of Object.entries(fields)) {
    // grammY sends `document=attach://<id>` plus a file part named <id>.
    const attached = v.startsWith('attach://') ? uploads.get(v.slice(9)) : undefined;
    if (attached) files.push((params[k] = { ...attached, field: k }) as UploadedFile);
    else params[k] = coerce(k, v);
  }
  // Parts nobody referenced through attach:// are kept under their own field name.
  for (const [name, u] of uploads) {
    if (files.some((f) => f.content === u.content)) continue;
    files.push(u);
    params[name] ??= u;
  }
  return { params, files };
}

/** Multipart and query values are strings; turn ids, flags and JSON back into values. */
function coerce(key: string, v: string): unknown {
  if (STRING_FIELDS.has(key)) return v;
  if (/^-?\d{1,15}$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  if (/^[[{]/.test(v)) {
    try { return JSON.parse(v); } catch { return v; }
  }
  return v;
}

/**
 * Hand-written because grammY writes `content-disposition:form-data;name="x";filename=raw name`
 * (no spaces, unquoted, raw UTF-8), which undici's Request.formData() rejects outright.
 */
function parseMultipart(body: Buffer, boundary: string): { fields: Record<string, string>; uploads: Map<string, UploadedFile> } {
  const fields: Record<string, string> = {};
  const uploads = new Map<string, UploadedFile>();
  const delimiter = Buffer.from(`--${boundary}`);
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--boundary--"
    if (body[start] === 0x0d && body[start + 1] === 0x0a) start += 2;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) throw new Error('malformed multipart part');
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headerEnd + 4);
    if (next === -1) throw new Error('unterminated multipart body');
    const headers = body.subarray(start, headerEnd).toString('utf8').split('\r\n');
    const content = body.subarray(headerEnd + 4, next);
    const disposition = headers.find((h) => /^content-disposition\s*:/i.test(h)) ?? '';
    const name = /[:;]\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? '';
    const fileName = filenameOf(disposition);
    if (fileName === undefined) fields[name] = content.toString('utf8');
    else {
      const mimeType = headers.find((h) => /^content-type\s*:/i.test(h))?.replace(/^[^:]*:\s*/, '') ?? 'application/octet-stream';
      uploads.set(name, { field: name, filename: fileName, mimeType, content: Buffer.from(content) });
    }
    pos = next + 2;
  }
  return { fields, uploads };
}

function filenameOf(disposition: string): string | undefined {
  const star = /;\s*filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim());
  const quoted = /;\s*filename="((?:[^"\\]|\\.)*)"/i.exec(disposition);
  // Browsers/undici percent-encode '"' and newlines inside the quotes (HTML spec).
  if (quoted) return quoted[1].replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
  // grammY: unquoted and always the last parameter, so the name may itself contain ';' or '"'.
  const bare = /;\s*filename=(.*)$/i.exec(disposition);
  return bare ? bare[1].trim() : undefined;
}

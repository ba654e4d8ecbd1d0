import { randomInt } from 'node:crypto';
import type { Logger } from 'pino';
import { cleanLine } from '../domain/clean-text.ts';
import { todayIn } from '../domain/dates.ts';
import type { CommandMenu, FriendRequest, FriendRequestReaction, MessageHandler } from './channel.ts';
import { cleanIncoming } from './clean-incoming.ts';
import { ask, isContinue, type Command, type CommandContext, type Flow, type FlowInput, type Outcome } from './command.ts';
import { isUserError } from './errors.ts';
import { ANSWER_FORM, commandName, DEFAULT_FORM_TTL_MINUTES, formExpired, LEAVE_FORM, leaveQuestion } from './form-guard.ts';
import { buildHelp } from './help.ts';
import { LOCALES, localeFromHint, type I18n, type Locale } from './i18n.ts';
import { KeyedQueue } from './keyed-queue.ts';
import type { AvailabilityChange, AvailabilityHandler, AvailabilityReaction } from './availability.ts';
import type { MembershipEvent, MembershipHandler, MembershipReaction } from './membership.ts';
import type { ChannelName, Incoming, Reply } from './message.ts';
import { parseCommand } from './parse-command.ts';
import type { OpenQuestion, StandingQuestions } from './standing.ts';
import type { AccountDirectory, AccountInfo, ConversationRecord, ConversationStore, UpdateLog } from './ports.ts';
import { HONOREE_ROLES, isHonoreeSide, mayAct, type Role } from './roles.ts';

/** Context for commands that people who are not bound yet may use (binding itself). */
export type GuestContext = Omit<CommandContext, 'account' | 'actor'> & { account: AccountInfo | null };

/** A command open to everyone, bound or not: /bind and /start. */
export interface PublicCommand extends Pick<Command, 'id' | 'keywords' | 'slash' | 'secretArgs'> {
  run(ctx: GuestContext, args: string): Promise<Outcome>;
}

export interface EngineDeps {
  commands: Command[];
  publicCommands: PublicCommand[];
  flows: Flow[];
  accounts: AccountDirectory;
  conversations: ConversationStore;
  updates: UpdateLog;
  i18n: I18n;
  log: Logger;
  defaultLocale: Locale;
  timeZone: string;
  clock?: () => Date;
  /** What features do when the bot is added to or removed from a chat, blocked, or a group moves. */
  membership?: MembershipReaction[];
  /** What features do when a channel logs out, falls silent or comes back. */
  availability?: AvailabilityReaction[];
  /** What features do with a friend request that brought no valid invite code (tell the admins). */
  friendRequests?: FriendRequestReaction[];
  /** Minutes a guided form waits for its next answer before it is dropped (default 30). */
  formTtlMinutes?: number;
  /** Questions features asked on their own that stay open (checkup invitations). */
  standing?: StandingQuestions[];
}

/** A typed reply this long at most may answer a standing question (`好的，谢谢`); longer is a message. */
const STANDING_REPLY_MAX = 30;

/** Longer messages are refused whole: nothing a person types here needs more. */
export const MAX_TEXT_LENGTH = 2000;

const CANCEL_WORDS = new Set(['取消', '/cancel', 'cancel', '退出']);

/**
 * The core: who is writing, what they asked, which command or guided flow answers, with one
 * error boundary. Channels hand it an Incoming and render the Replies it returns.
 */
export interface Engine {
  handle: MessageHandler;
  /** Hands a membership event to every feature that reacts to one; a failing reaction is logged, not thrown. */
  membership: MembershipHandler;
  /** Hands a channel's change of availability to every feature that reacts to one; a failing reaction is logged, not thrown. */
  availability: AvailabilityHandler;
  /** The staff commands for a platform's command menu, in every language. */
  menu(): CommandMenu;
  /** Resolves when every message taken so far has been answered. */
  idle(): Promise<void>;
  /**
   * The questions with choices the bot asked on a channel since `since` that are still open, each
   * once: after an outage that lost what people answered (WeChat cannot fetch messages that came
   * while it was logged out), the channel sends them again. A digit still answers them.
   */
  openQuestions(channel: ChannelName, via: string, since: Date): Promise<Array<{ chatId: string; kind: 'private' | 'group'; reply: Reply }>>;
  /** A friend request: bound and accepted when its greeting holds a valid invite code (ChannelEvents.friendRequest). */
  friendRequest(request: FriendRequest): Promise<{ accept: boolean; replies: Reply[] }>;
  /** Whether a text starts a command that reads a file (for a channel where files are typed as paths). */
  takesFile(text: string): boolean;
  /**
   * Whether a text starts with a command (its keyword or slash form), for a channel that sees
   * every message of a group and must pick the ones meant for the bot.
   */
  startsCommand(text: string): boolean;
}

export function createEngine(deps: EngineDeps): Engine {
  const clock = deps.clock ?? (() => new Date());
  const formTtl = deps.formTtlMinutes ?? DEFAULT_FORM_TTL_MINUTES;
  const flows = new Map(deps.flows.map((f) => [f.name, f]));
  const help: Command = {
    id: 'help',
    keywords: ['帮助', '菜单', 'help'],
    slash: 'help',
    roles: ['staff', ...HONOREE_ROLES],
    where: 'any',
    run: async (ctx) => ({ text: buildHelp(commands, ctx.account.role, ctx.t) }),
  };
  const commands = [help, ...deps.commands];
  const everyCommand: (Command | PublicCommand)[] = [...commands, ...deps.publicCommands];
  const isMemberCommand = (c: Command | PublicCommand): c is Command => commands.includes(c as Command);
  const queue = new KeyedQueue();
  const standing = deps.standing ?? [];

  async function handle(raw: Incoming): Promise<Reply[]> {
    // Control characters and bidi controls go here, before anything can store or echo them.
    const incoming = cleanIncoming(raw);
    const { channel, via, id } = incoming.chat;
    const key = `${channel}${via ? `@${via}` : ''}:${id}:${incoming.sender.id}`;
    return queue.run(key, () => handleInOrder(incoming, key));
  }

  async function handleInOrder(incoming: Incoming, key: string): Promise<Reply[]> {
    const log = deps.log.child({ channel: incoming.chat.channel, chat: incoming.chat.id, update: incoming.updateId });
    if (incoming.updateId && (await deps.updates.seen(incoming.chat.channel, incoming.updateId))) {
      log.info('duplicate update ignored');
      return [];
    }
    const replies = await answer(incoming, key, log);
    // Marked once answered: a crash half-way leaves it unmarked, so the platform's redelivery is
    // answered then. A second delivery while the first is being answered waits in the queue.
    if (incoming.updateId) await deps.updates.markSeen(incoming.chat.channel, incoming.updateId);
    return replies;
  }

  async function answer(incoming: Incoming, key: string, log: Logger): Promise<Reply[]> {
    const account = await deps.accounts.find(incoming.chat.channel, incoming.sender.id);
    const locale = account?.locale ?? localeFromHint(incoming.sender.languageCode) ?? deps.defaultLocale;
    // Answers about files speak the channel's way of taking them (attach, or type a path).
    const t = deps.i18n.for(locale, incoming.files);
    const base = {
      incoming,
      isGroup: incoming.chat.kind === 'group',
      locale,
      t,
      tIn: (other: Locale) => deps.i18n.for(other, incoming.files),
      log: account ? log.child({ account: account.id }) : log,
      today: () => todayIn(deps.timeZone, clock()),
      now: clock,
    };
    try {
      const text = incoming.text?.trim() ?? '';
      if (text.length > MAX_TEXT_LENGTH) {
        return [{ text: t('common.too_long', { length: text.length, max: MAX_TEXT_LENGTH }) }];
      }
      if (!account) return await asGuest({ ...base, account: null }, text);
      const ctx: CommandContext = { ...base, account, actor: { accountId: account.id, label: `${account.channel}:${account.externalId}` } };
      return await asMember(ctx, key, text);
    } catch (err) {
      if (isUserError(err)) return [{ text: t(err.key, err.params) }];
      // Only what kind of error and where: a database error's message can quote personal data.
      log.error({ err: { name: (err as Error)?.name, code: (err as { code?: string })?.code, stack: stackFrames(err) } }, 'command failed');
      return [{ text: t('common.internal_error') }];
    }
  }

  /**
   * Handled in the chat's turn (after the messages taken before it), once per update id. Each
   * reaction runs on its own: one that fails (logged) does not keep the others from theirs.
   */
  async function membership(raw: MembershipEvent): Promise<void> {
    // Names are cleaned as a message's are: a group's title is stored (NotifyGroup) and shown.
    const event: MembershipEvent = {
      ...raw,
      chat: raw.chat.title === undefined ? raw.chat : { ...raw.chat, title: cleanLine(raw.chat.title).trim() },
      ...(raw.by ? { by: { ...raw.by, name: cleanLine(raw.by.name).trim() } } : {}),
    };
    const { channel, via, id } = event.chat;
    const log = deps.log.child({ channel, chat: id, update: event.updateId, membership: event.change });
    await queue.run(`${channel}${via ? `@${via}` : ''}:${id}:membership`, async () => {
      if (event.updateId && (await deps.updates.seen(channel, event.updateId))) {
        log.info('duplicate update ignored');
        return;
      }
      log.info('membership changed');
      await reactEach(deps.membership ?? [], event, log, 'membership reaction failed');
      if (event.updateId) await deps.updates.markSeen(channel, event.updateId);
    });
  }

  /** Unbound people may bind; everyone else gets the same short refusal that reveals nothing. */
  async function asGuest(ctx: GuestContext, text: string): Promise<Reply[]> {
    // The longest keyword of all wins, as for members (public ones on a tie): 绑定群 is the
    // admins' command, not 绑定 with the code 群.
    const parsed = parseCommand(text, [...deps.publicCommands, ...commands]);
    if (parsed && !isMemberCommand(parsed.command)) return replies(await parsed.command.run(ctx, parsed.args));
    // In a group, stay silent unless spoken to with a command: a group is not the place to refuse.
    if (ctx.isGroup && !text.startsWith('/')) return [];
    return [{ text: ctx.t('common.not_bound') }];
  }

  /**
   * A form or list opened under a role the person no longer has (an admin made staff half-way):
   * it is dropped, never finished, as the command would be refused if typed now.
   */
  function outgrown(role: Role, record: ConversationRecord): boolean {
    if (!record.flow && !record.choices?.length) return false;
    const command = commands.find((c) => c.id === record.command);
    const flow = record.flow ? flows.get(record.flow) : undefined;
    return (command !== undefined && !mayAct(role, command.roles)) || (flow?.roles !== undefined && !mayAct(role, flow.roles));
  }

  async function asMember(ctx: CommandContext, key: string, text: string): Promise<Reply[]> {
    const stored = (await deps.conversations.get(key)) ?? {};
    // Left idle, whatever comes now was not meant as its answer (a 查询 typed weeks later); under
    // a role taken away, it may not be answered at all.
    const why = formExpired(stored, clock(), formTtl) ? 'common.form_expired' : outgrown(ctx.account.role, stored) ? 'common.form_role_changed' : null;
    if (!why) return respond(ctx, key, text, stored);
    await deps.conversations.clear(key);
    const dropped: Reply = { text: ctx.t(why, { form: formName(ctx, stored), minutes: formTtl }) };
    if (CANCEL_WORDS.has(text.toLowerCase())) return [dropped];
    return [dropped, ...(await respond(ctx, key, text, {}))];
  }

  async function respond(ctx: CommandContext, key: string, text: string, record: ConversationRecord): Promise<Reply[]> {
    if (CANCEL_WORDS.has(text.toLowerCase())) {
      await deps.conversations.clear(key);
      return [{ text: cancelled(ctx, record) }];
    }
    const pressed = ctx.incoming.choice;
    // A button of a standing question carries its own reference: valid whatever came since.
    const owner = pressed ? standing.find((s) => pressed.startsWith(`${s.prefix}:`)) : undefined;
    if (owner && pressed) return finish(ctx, key, await owner.press(ctx, pressed.slice(owner.prefix.length + 1)), record);
    const reply = pressed ? null : await replyToStanding(ctx, key, text, record);
    if (reply && 'replies' in reply) return reply.replies;
    const replies = await respondInChat(ctx, key, text, record);
    return reply?.note ? [{ text: reply.note }, ...replies] : replies;
  }

  /**
   * A typed reply to a standing question (a checkup invitation), unless a list offered in this
   * chat since is newer: then the list takes it. With both open, the answer says which it took.
   */
  async function replyToStanding(ctx: CommandContext, key: string, text: string, record: ConversationRecord): Promise<{ replies: Reply[] } | { note: string } | null> {
    const asked = standing.filter((s) => s.roles.includes(ctx.account.role));
    if (!asked.length || ctx.isGroup || !text || text.length > STANDING_REPLY_MAX) return null;
    const flow = record.flow ? flows.get(record.flow) : undefined;
    // A form under way takes what is typed; a command is a command.
    if ((flow && !flow.interruptible) || parseCommand(text, everyCommand)) return null;
    let open: OpenQuestion | null = null;
    for (const s of asked) {
      const q = await s.latest(ctx);
      if (q && (!open || q.askedAt > open.askedAt)) open = q;
    }
    if (!open) return null;
    // A list offered in reply comes after the question it follows, even at the same clock tick.
    const listAt = record.choices?.length && record.at ? new Date(record.at) : null;
    if (listAt && listAt >= open.askedAt) return pickChoice(undefined, text, record) === undefined ? null : { note: ctx.t('common.answered_list') };
    const outcome = await open.answer(text);
    if (outcome === null) return null;
    const replies = await finish(ctx, key, outcome, record);
    return { replies: listAt ? [{ text: ctx.t('common.answered_which', { about: open.about }) }, ...replies] : replies };
  }

  async function respondInChat(ctx: CommandContext, key: string, text: string, record: ConversationRecord): Promise<Reply[]> {
    const picked = pickChoice(ctx.incoming.choice, text, record);
    // A button from an old message whose question is no longer open.
    if (ctx.incoming.choice && picked === undefined) return [{ text: ctx.t('common.choice_expired') }];
    const flow = record.flow ? flows.get(record.flow) : undefined;
    if (flow && record.pending && picked === LEAVE_FORM) return leaveFor(ctx, key, record.pending);
    if (flow && record.pending && picked === ANSWER_FORM) return finish(ctx, key, await flow.step(ctx, record.state, { text: record.pending }), record);
    if (picked?.startsWith('/')) return runText(ctx, key, picked, record);
    if (flow && picked !== undefined) return finish(ctx, key, await flow.step(ctx, record.state, { choice: picked }), record);
    const input: FlowInput = { text, file: ctx.incoming.file };
    const parsed = flow ? parseCommand(text, everyCommand) : null;
    if (flow && !flow.interruptible && parsed && !flow.claims?.(record.state, input)) return commandInForm(ctx, key, text, parsed.command, parsed.args, record);
    // A file sent alone while choices are offered is a new file to read, not an answer to them.
    if (flow && (!flow.interruptible || (!parsed && !ctx.incoming.file))) return finish(ctx, key, await flow.step(ctx, record.state, input), record);
    return runText(ctx, key, text, record);
  }

  /**
   * A command typed into a form is never taken as an answer. 帮助 answers and the form stays open.
   * A slash command (a Telegram menu tap) or a file with a command is meant as one: it runs and
   * the form is dropped, saying so. A typed keyword may still be an answer that happens to start
   * like a command (帮助孩子上学): the person is asked whether to leave the form or take it as the answer.
   */
  async function commandInForm(ctx: CommandContext, key: string, text: string, command: Command | PublicCommand, args: string, record: ConversationRecord) {
    if (command === help && !args) {
      return [...replies(await help.run(ctx, '')), { text: ctx.t('common.form_still_open', { form: formName(ctx, record) }) }];
    }
    // A secret (a webhook's key) is never quoted back, nor kept as the form's possible answer.
    if (text.startsWith('/') || ctx.incoming.file || command.secretArgs) return leaveFor(ctx, key, text);
    const question = ask(record.flow!, record.state, leaveQuestion(ctx.t, formName(ctx, record), text));
    return finish(ctx, key, question, record, { command: record.command, pending: text });
  }

  async function leaveFor(ctx: CommandContext, key: string, text: string): Promise<Reply[]> {
    await deps.conversations.clear(key);
    return [{ text: ctx.t('common.flow_abandoned') }, ...(await runText(ctx, key, text, {}))];
  }

  /** The command a record belongs to, quoted for a message: 「新增」; records from before this was kept say "the unfinished entry". */
  function formName(ctx: CommandContext, record: ConversationRecord): string {
    const command = everyCommand.find((c) => c.id === record.command);
    return command ? ctx.t('common.quoted', { text: commandName(command, ctx.locale) }) : ctx.t('common.unnamed_form');
  }

  /** Says what 取消 ended: a form (nothing saved) or offered choices (nothing changed). */
  function cancelled(ctx: CommandContext, record: ConversationRecord): string {
    if (record.flow) return ctx.t('common.cancelled_form', { form: formName(ctx, record) });
    if (record.choices?.length) return ctx.t('common.cancelled_choices', { form: formName(ctx, record) });
    return ctx.t('common.nothing_to_cancel');
  }

  async function runText(ctx: CommandContext, key: string, text: string, record: ConversationRecord): Promise<Reply[]> {
    const parsed = parseCommand(text, everyCommand);
    if (!parsed) {
      if (ctx.isGroup) return [];
      // A file with no command (at the terminal: a path typed alone, kept as the text).
      if (ctx.incoming.file) return fileAlone(ctx, key, record);
      // An honoree is pointed to what they can do, not to the office's commands.
      if (isHonoreeSide(ctx.account.role)) return [{ text: ctx.t('common.honoree_unknown') }];
      return [{ text: ctx.t(text ? 'common.unknown_command' : 'common.empty_message') }];
    }
    const { command } = parsed;
    if (!isMemberCommand(command)) return finish(ctx, key, await command.run(ctx, parsed.args), record, { command: command.id });
    if (!mayAct(ctx.account.role, command.roles)) return [{ text: ctx.t(isHonoreeSide(ctx.account.role) ? 'common.honoree_unknown' : 'common.forbidden') }];
    if (command.where === 'private' && ctx.isGroup) return [{ text: ctx.t('common.private_only') }];
    ctx.log.info({ command: command.id }, 'command');
    return finish(ctx, key, await command.run(ctx, parsed.args), record, { command: command.id });
  }

  /** A file sent alone goes to the command that reads such files, if this person may run it. */
  async function fileAlone(ctx: CommandContext, key: string, record: ConversationRecord): Promise<Reply[]> {
    const reader = commands.find((c) => c.fileAlone && mayAct(ctx.account.role, c.roles));
    if (!reader?.fileAlone) return [{ text: ctx.t('common.file_without_command') }];
    ctx.log.info({ command: reader.id, fileAlone: true }, 'command');
    return finish(ctx, key, await reader.fileAlone(ctx), record, { command: reader.id });
  }

  /**
   * Keeps the flow going, remembers offered choices, or forgets the conversation. Offered
   * choices are sent out under short ids (`nonce.n`): platforms limit button payloads (Telegram:
   * 64 bytes), and a button of an older message must not pick from a newer list. `about` names
   * the command the record belongs to (a flow step's: the one that opened the form).
   */
  async function finish(
    ctx: CommandContext,
    key: string,
    outcome: Outcome,
    before: ConversationRecord,
    about: Pick<ConversationRecord, 'command' | 'pending'> = { command: before.command },
  ): Promise<Reply[]> {
    const out = replies(outcome);
    const last = out.at(-1);
    const choices = last?.choices?.length ? last.choices : undefined;
    const nonce = choices ? nextNonce() : undefined;
    if (last && choices) out[out.length - 1] = { ...last, choices: choices.map((c, i) => ({ id: `${nonce}.${i + 1}`, label: c.label })) };
    // Where the choices were offered, to ask again if the channel lost the answer (WeChat logged out).
    const asked = last && choices ? { asked: { chatId: ctx.incoming.chat.id, kind: ctx.incoming.chat.kind, text: last.text.slice(0, 2000) } } : {};
    if (isContinue(outcome)) {
      const { flow, state } = outcome.continueWith;
      await deps.conversations.put(key, { flow, state, choices, nonce, ...about, ...asked, at: clock().toISOString() });
    } else if (choices) {
      await deps.conversations.put(key, { choices, nonce, ...about, ...asked, at: clock().toISOString() });
    } else if (before.flow || before.choices) {
      await deps.conversations.clear(key);
    }
    return out;
  }

  function menu(): CommandMenu {
    const entries = (locale: Locale) =>
      commands
        .filter((c) => mayAct('staff', c.roles))
        .map((c) => ({ command: c.slash, description: deps.i18n.for(locale)(`help.commands.${c.id}.summary`).slice(0, 256) }));
    return Object.fromEntries(LOCALES.map((l) => [l, entries(l)])) as CommandMenu;
  }

  const takesFile = (text: string) => (parseCommand(text, commands)?.command.takesFile ?? false);
  async function availability(change: AvailabilityChange): Promise<void> {
    const log = deps.log.child({ channel: change.channel, via: change.via, availability: change.reason });
    log.warn({ up: change.up }, 'channel availability changed');
    await reactEach(deps.availability ?? [], change, log, 'availability reaction failed');
  }

  async function openQuestions(channel: ChannelName, via: string, since: Date) {
    const open: Array<{ chatId: string; kind: 'private' | 'group'; reply: Reply }> = [];
    for (const { key, record } of await deps.conversations.since(`${channel}${via ? `@${via}` : ''}:`, since)) {
      await queue.run(key, async () => {
        // Read again in the chat's turn: answered or asked again meanwhile, it is left alone.
        const now = await deps.conversations.get(key);
        if (!now?.asked || now.asked.again || !now.choices?.length || now.nonce !== record.nonce) return;
        // Deactivated meanwhile, or no longer in the role the list was for: nothing is sent again.
        const asker = await deps.accounts.find(channel, key.slice(key.lastIndexOf(':') + 1));
        if (!asker || outgrown(asker.role, now)) {
          await deps.conversations.clear(key);
          return;
        }
        await deps.conversations.put(key, { ...now, asked: { ...now.asked, again: true } });
        const t = deps.i18n.for(deps.defaultLocale);
        open.push({
          chatId: now.asked.chatId,
          kind: now.asked.kind,
          reply: { text: `${t('common.asked_again')}\n${now.asked.text}`, choices: now.choices.map((c, i) => ({ id: `${now.nonce}.${i + 1}`, label: c.label })) },
        });
      });
    }
    return open;
  }

  /**
   * A friend request binds its sender when its greeting holds an invite code: each candidate (a
   * run of 8 letters and digits, a dash allowed in the middle) is tried as `绑定 CODE` would be,
   * so the binding is the same command's, audited as it is. Anyone already bound is accepted.
   */
  async function friendRequest(request: FriendRequest): Promise<{ accept: boolean; replies: Reply[] }> {
    const { chat, sender } = request;
    const log = deps.log.child({ channel: chat.channel, friendRequest: sender.id });
    if (await deps.accounts.find(chat.channel, sender.id)) return { accept: true, replies: [] };
    const candidates = [...cleanLine(request.greeting).matchAll(/[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}/g)].map((m) => m[0]).slice(0, 3);
    for (const code of candidates) {
      const replies = await handle({ chat, sender, text: `绑定 ${code}` });
      if (await deps.accounts.find(chat.channel, sender.id)) {
        log.info('friend request with a valid invite code: accepted and bound');
        return { accept: true, replies };
      }
    }
    log.info('friend request without a valid invite code: left alone');
    await reactEach(deps.friendRequests ?? [], request, log, 'friend request reaction failed');
    return { accept: false, replies: [] };
  }

  /** Each feature's reaction on its own: one that fails (logged, without its message) does not keep the others from theirs. */
  async function reactEach<E>(reactions: Array<(event: E, ctx: { log: Logger; now(): Date }) => Promise<void>>, event: E, log: Logger, failed: string): Promise<void> {
    for (const react of reactions) {
      try {
        await react(event, { log, now: clock });
      } catch (err) {
        log.error({ err: { name: (err as Error)?.name, code: (err as { code?: string })?.code, stack: stackFrames(err) } }, failed);
      }
    }
  }

  const startsCommand = (text: string) => parseCommand(text, everyCommand) !== null;
  return { handle, membership, availability, openQuestions, friendRequest, menu, idle: () => queue.idle(), takesFile, startsCommand };
}

/** Six base-36 characters: more lists than any chat keeps open before they repeat. */
const NONCES = 36 ** 6;
let lastNonce = randomInt(NONCES);

/**
 * A new id for a list of offered choices. Counting on from a random start: a button of a list
 * offered before a restart does not match a new list; a random draw per list cost more than
 * the rest of offering it (it only has to differ, not be secret: the pick is checked against
 * the person's own stored list).
 */
function nextNonce(): string {
  lastNonce = (lastNonce + 1) % NONCES;
  return lastNonce.toString(36).padStart(6, '0');
}

/** The stack of an error without its first line (the message). */
function stackFrames(err: unknown): string | undefined {
  return (err as Error)?.stack?.split('\n').slice(1).join('\n');
}

function replies(outcome: Outcome): Reply[] {
  if (isContinue(outcome)) return outcome.replies;
  return Array.isArray(outcome) ? outcome : [outcome];
}

/** A pressed button (`nonce.n`), or a digit typed while numbered choices are open. */
function pickChoice(pressed: string | undefined, text: string, record: ConversationRecord): string | undefined {
  if (pressed) {
    const [nonce, n] = pressed.split('.');
    return nonce === record.nonce ? record.choices?.[Number(n) - 1]?.id : undefined;
  }
  // Full-width digits (２) as Chinese input methods type them count as well.
  const digits = text.normalize('NFKC');
  if (!record.choices?.length || !/^\d{1,2}$/.test(digits)) return undefined;
  return record.choices[Number(digits) - 1]?.id;
}

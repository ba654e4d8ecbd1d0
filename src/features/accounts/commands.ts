import type { Command, CommandContext } from '../../core/command.ts';
import type { GuestContext, PublicCommand } from '../../core/engine.ts';
import { UserError } from '../../core/errors.ts';
import { localeFromHint, type Locale } from '../../core/i18n.ts';
import { isRole } from '../../core/roles.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { accountLabel, channelName, roleWord } from './account-words.ts';
import { createInvite } from './create-invite.ts';
import { inviteHonoree } from './honoree-invite.ts';
import { normaliseInviteCode } from './invite-code.ts';
import { accountManagementCommands } from './manage-commands.ts';

export interface AccountsOptions {
  inviteTtlHours: number;
  /** The Telegram bot's username once known, for `t.me/<bot>?start=CODE` links. */
  telegramBotUsername?: () => string | undefined;
}

export function accountCommands(db: Db, options: AccountsOptions): { commands: Command[]; publicCommands: PublicCommand[] } {
  const invite: Command = {
    id: 'invite',
    keywords: ['邀请'],
    slash: 'invite',
    // Staff invite honorees and their proxies; only admins invite the office's own people.
    roles: ['staff'],
    // Refused in a group with its own reason (a code is for one person), not as personal data.
    where: 'any',
    async run(ctx, args) {
      if (ctx.isGroup) throw new UserError('accounts.invite_private_only');
      const role = roleWord(args);
      if (!role) return inviteHonoree(db, ctx, args, options);
      if (ctx.account.role !== 'admin') throw new UserError('accounts.invite_staff_admin_only');
      const { code } = await db.$transaction((tx) => createInvite(tx, { role, createdById: ctx.account.id, actor: ctx.actor, now: ctx.now(), ttlHours: options.inviteTtlHours }));
      const bot = options.telegramBotUsername?.();
      return {
        text: [
          ctx.t('accounts.invite_created', { code, role: ctx.t(`accounts.roles.${role}`), hours: options.inviteTtlHours }),
          bot ? ctx.t('accounts.invite_link', { link: `https://t.me/${bot}?start=${code}` }) : '',
        ]
          .filter(Boolean)
          .join('\n'),
      };
    },
  };

  const whoami: Command = {
    id: 'whoami',
    keywords: ['我是谁', 'whoami'],
    slash: 'whoami',
    roles: ['staff'],
    where: 'any',
    run: async (ctx) => {
      const { account, t } = ctx;
      const lines = [t('accounts.whoami', { who: accountLabel(t, account), role: t(`accounts.roles.${account.role}`), channel: channelName(t, account.channel) })];
      // The terminal's id ("operator") means nothing to a person; a platform's id does (HONORCARE_ADMINS).
      if (account.channel !== 'terminal') lines.push(t('accounts.whoami_platform_id', { channel: channelName(t, account.channel), id: account.externalId }));
      return { text: lines.join('\n') };
    },
  };

  const language: Command = {
    id: 'language',
    keywords: ['语言', 'language'],
    slash: 'lang',
    roles: ['staff'],
    where: 'any',
    async run(ctx, args) {
      const locale = parseLocale(args);
      if (!locale) throw new UserError('accounts.language_usage');
      await db.$transaction(async (tx) => {
        const before = await tx.account.findUniqueOrThrow({ where: { id: ctx.account.id } });
        const after = await tx.account.update({ where: { id: ctx.account.id }, data: { locale } });
        await recordAudit(tx, ctx.actor, 'account', after.id, 'update', before, after);
      });
      // Answer in the language just chosen.
      return { text: ctx.tIn(locale)('accounts.language_set') };
    },
  };

  const bind: PublicCommand = { id: 'bind', keywords: ['绑定'], slash: 'bind', run: (ctx, args) => bindWithCode(db, ctx, args) };

  /** Telegram's /start, with a code from a `?start=CODE` deep link or without one. */
  const start: PublicCommand = {
    id: 'start',
    keywords: [],
    slash: 'start',
    async run(ctx, args) {
      if (args) return bindWithCode(db, ctx, args);
      return { text: ctx.t(ctx.account ? 'accounts.welcome_back' : 'common.not_bound') };
    },
  };

  /**
   * 帮助 from someone not bound (members get the engine's help, which comes first): how to
   * bind. In a group only `/help` is answered, as with every other word of a stranger there.
   */
  const guestHelp: PublicCommand = {
    id: 'guest_help',
    keywords: ['帮助', '菜单', 'help'],
    slash: 'help',
    async run(ctx) {
      if (ctx.isGroup && !ctx.incoming.text?.trim().startsWith('/')) return [];
      return { text: ctx.t('accounts.guest_help') };
    },
  };

  return { commands: [invite, whoami, language, ...accountManagementCommands(db)], publicCommands: [bind, start, guestHelp] };
}

function parseLocale(args: string): Locale | undefined {
  const w = args.trim().toLowerCase();
  if (w === '中文' || w === 'zh' || w === 'zh-cn' || w === 'chinese') return 'zh-CN';
  return localeFromHint(w);
}

async function bindWithCode(db: Db, ctx: GuestContext | CommandContext, args: string) {
  if (ctx.account) return { text: ctx.t('accounts.already_bound', { role: ctx.t(`accounts.roles.${ctx.account.role}`) }) };
  if (ctx.isGroup) throw new UserError('accounts.bind_private_only');
  const code = normaliseInviteCode(args);
  if (!/^[A-Z0-9]{8}$/.test(code)) throw new UserError('accounts.bind_usage');
  const { chat, sender } = ctx.incoming;
  const bound = await db.$transaction(async (tx) => {
    const invite = await tx.inviteCode.findUnique({ where: { code } });
    if (!invite || invite.usedAt || invite.expiresAt < ctx.now() || !isRole(invite.role)) return null;
    const honoree = invite.honoreeId === null ? null : await tx.honoree.findUnique({ where: { id: invite.honoreeId }, select: { name: true } });
    // An honoree's code whose file was removed since: nobody to belong to.
    if (invite.honoreeId !== null && !honoree) return null;
    // A deactivated account is not found by the directory; a new code must not bring it back.
    const existing = await tx.account.findUnique({ where: { channel_externalId: { channel: chat.channel, externalId: sender.id } } });
    if (existing && !existing.active) throw new UserError('accounts.bind_deactivated');
    const adminVia = invite.role === 'admin' ? 'invite' : null;
    const account = await tx.account.create({
      data: { channel: chat.channel, externalId: sender.id, displayName: sender.name, role: invite.role, adminVia, locale: ctx.locale, honoreeId: invite.honoreeId, via: chat.via ?? '' },
    });
    // Claim the code only if still unused: two people racing for one code cannot both win.
    const claimed = await tx.inviteCode.updateMany({ where: { id: invite.id, usedAt: null }, data: { usedAt: ctx.now(), usedById: account.id } });
    if (claimed.count !== 1) throw new UserError('accounts.bind_invalid');
    await recordAudit(tx, { accountId: account.id, label: `${chat.channel}:${sender.id}` }, 'account', account.id, 'create', null, account);
    return { ...account, honoreeName: honoree?.name };
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) throw new UserError('accounts.already_bound_plain');
    throw err;
  });
  if (!bound) throw new UserError('accounts.bind_invalid');
  // Honorees are told in a few plain words what comes here and the one thing they can send.
  if (bound.honoreeName !== undefined) return { text: ctx.t(`accounts.bound_${bound.role}`, { name: bound.honoreeName }) };
  return { text: ctx.t('accounts.bound', { name: sender.name, role: ctx.t(`accounts.roles.${bound.role}`) }) };
}

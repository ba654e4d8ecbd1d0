import type { Command, CommandContext } from '../../core/command.ts';
import { UserError } from '../../core/errors.ts';
import type { Db, Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import { accountLabel, accountNumber, channelName, lastSeenWords, roleWord } from './account-words.ts';

/** More accounts than a union office has; past it, the list says how many it left off. */
const LIST_LIMIT = 200;

type AccountRow = NonNullable<Awaited<ReturnType<Db['account']['findUnique']>>>;

/** 账号, 停用, 启用 and 角色: admins see who has access and take it away or give it back. */
export function accountManagementCommands(db: Db): Command[] {
  const list: Command = {
    id: 'accounts',
    keywords: ['账号'],
    slash: 'accounts',
    roles: ['admin'],
    where: 'private',
    async run(ctx) {
      const rows = await db.account.findMany({ orderBy: [{ active: 'desc' }, { id: 'asc' }], take: LIST_LIMIT + 1 });
      const lines = rows.slice(0, LIST_LIMIT).map((r) =>
        ctx.t('accounts.list_line', {
          who: accountLabel(ctx.t, r),
          role: roleWords(ctx, r),
          channel: channelName(ctx.t, r.channel),
          state: ctx.t(r.active ? 'accounts.state_active' : 'accounts.state_inactive'),
          seen: lastSeenWords(ctx, r.lastSeenAt),
        }),
      );
      if (rows.length > LIST_LIMIT) lines.push(ctx.t('accounts.list_more', { limit: LIST_LIMIT }));
      return { text: [ctx.t('accounts.list_title'), ...lines, ctx.t('accounts.list_footer')].join('\n') };
    },
  };

  const deactivate: Command = {
    id: 'deactivate',
    keywords: ['停用'],
    slash: 'deactivate',
    roles: ['admin'],
    where: 'private',
    async run(ctx, args) {
      const id = accountNumber(args);
      if (id === null) throw new UserError('accounts.deactivate_usage');
      const after = await change(db, ctx, id, async (tx, before) => {
        if (!before.active) throw new UserError('accounts.already_inactive', { who: accountLabel(ctx.t, before) });
        if (before.role === 'admin') await keepOneAdmin(tx, 'accounts.last_admin_deactivate');
        return { active: false };
      });
      return { text: ctx.t('accounts.deactivated', { who: accountLabel(ctx.t, after), number: after.id }) };
    },
  };

  const activate: Command = {
    id: 'activate',
    keywords: ['启用'],
    slash: 'activate',
    roles: ['admin'],
    where: 'private',
    async run(ctx, args) {
      const id = accountNumber(args);
      if (id === null) throw new UserError('accounts.activate_usage');
      const after = await change(db, ctx, id, async (_tx, before) => {
        if (before.active) throw new UserError('accounts.already_active', { who: accountLabel(ctx.t, before) });
        return { active: true };
      });
      return { text: ctx.t('accounts.activated', { who: accountLabel(ctx.t, after), role: ctx.t(`accounts.roles.${after.role}`) }) };
    },
  };

  const role: Command = {
    id: 'role',
    keywords: ['角色'],
    slash: 'role',
    roles: ['admin'],
    where: 'private',
    async run(ctx, args) {
      const m = /^(\S+)\s+(\S+)$/.exec(args.trim());
      const id = m ? accountNumber(m[1]) : null;
      const wanted = m ? roleWord(m[2]) : null;
      if (id === null || !wanted) throw new UserError('accounts.role_usage');
      let note = '';
      const after = await change(db, ctx, id, async (tx, before) => {
        // An honoree's (or their family's) account never becomes one of the office's.
        if (before.role === 'honoree' || before.role === 'proxy') throw new UserError('accounts.role_honoree', { who: accountLabel(ctx.t, before) });
        if (before.role === wanted) {
          // Said of an admin the list made: from now on an admin's word keeps them admin.
          if (wanted === 'admin' && before.adminVia === 'config') return { adminVia: 'admin' };
          throw new UserError('accounts.role_unchanged', { who: accountLabel(ctx.t, before), role: ctx.t(`accounts.roles.${wanted}`) });
        }
        if (wanted === 'admin') return { role: 'admin', adminVia: 'admin' };
        if (before.active) await keepOneAdmin(tx, 'accounts.last_admin_demote');
        if (before.adminVia === 'config') note = ctx.t('accounts.role_config_note');
        return { role: 'staff', adminVia: null };
      });
      const text = ctx.t('accounts.role_changed', { who: accountLabel(ctx.t, after), role: ctx.t(`accounts.roles.${after.role}`) });
      return { text: [text, note].filter(Boolean).join('\n') };
    },
  };

  return [list, deactivate, activate, role];
}

/** 管理员 / 管理员（HONORCARE_ADMINS）/ 工作人员 */
function roleWords(ctx: CommandContext, row: AccountRow): string {
  const role = ctx.t(`accounts.roles.${row.role}`);
  return row.role === 'admin' && row.adminVia === 'config' ? ctx.t('accounts.role_by_config', { role }) : role;
}

/** Reads account `id`, applies what `decide` returns, and audits it, all in one transaction. */
async function change(
  db: Db,
  ctx: CommandContext,
  id: number,
  decide: (tx: Tx, before: AccountRow) => Promise<{ active?: boolean; role?: string; adminVia?: string | null }>,
): Promise<AccountRow> {
  return db.$transaction(async (tx) => {
    // Taken first, before anything is read: see keepOneAdmin.
    await lockActiveAdmins(tx);
    const before = await tx.account.findUnique({ where: { id } });
    if (!before) throw new UserError('accounts.no_such_account', { number: id });
    const after = await tx.account.update({ where: { id }, data: await decide(tx, before) });
    await recordAudit(tx, ctx.actor, 'account', id, 'update', before, after);
    return after;
  });
}

/**
 * Locks the rows of the active admins (an update that changes nothing). Two admins taking each
 * other's access at the same moment, on two instances of the bot, would otherwise each count two
 * admins and leave none; with the lock, the second waits for the first and counts afresh.
 */
async function lockActiveAdmins(tx: Tx): Promise<void> {
  await tx.account.updateMany({ where: { role: 'admin', active: true }, data: { role: 'admin' } });
}

/** Refuses to take away the last active admin: nobody could then give access back. */
async function keepOneAdmin(tx: Tx, refusal: string): Promise<void> {
  const admins = await tx.account.count({ where: { role: 'admin', active: true } });
  if (admins <= 1) throw new UserError(refusal);
}

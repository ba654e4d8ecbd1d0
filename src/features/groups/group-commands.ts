import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { deactivateGroup } from './deactivate.ts';
import { activeGroups, findActiveGroup, groupKey, groupRowOf } from './find-groups.ts';

/** 绑定群 and 解绑群: an admin makes the group chat they write in a notification group, or stops it being one. */
export function groupCommands(db: Db): Command[] {
  return [
    { id: 'group', keywords: ['绑定群'], slash: 'group', roles: ['admin'], where: 'any', run: (ctx) => bindGroup(db, ctx) },
    { id: 'ungroup', keywords: ['解绑群'], slash: 'ungroup', roles: ['admin'], where: 'any', run: (ctx) => unbindGroup(db, ctx) },
  ];
}

/** Registers the group, or registers it again (a group unregistered or that had removed the bot), keeping its title current. */
async function bindGroup(db: Db, ctx: CommandContext): Promise<Outcome> {
  if (!ctx.isGroup) return { text: [ctx.t('groups.bind_in_group'), ...(await groupList(db, ctx))].join('\n') };
  const chat = ctx.incoming.chat;
  const now = ctx.now();
  try {
    const fresh = await db.$transaction(async (tx) => {
      const before = await groupRowOf(tx, chat);
      const title = chat.title ?? before?.title ?? '';
      if (!before) {
        const created = await tx.notifyGroup.create({ data: { ...groupKey(chat), title, active: true, boundById: ctx.account.id, createdAt: now, updatedAt: now } });
        await recordAudit(tx, ctx.actor, 'notify_group', created.id, 'create', null, created);
        return true;
      }
      if (before.active && before.title === title) return false;
      // Registered again: by whoever did it now. Already registered: only a renamed group's title changes.
      const after = await tx.notifyGroup.update({
        where: { id: before.id },
        data: { active: true, title, ...(before.active ? {} : { boundById: ctx.account.id }), updatedAt: now },
      });
      await recordAudit(tx, ctx.actor, 'notify_group', before.id, 'update', before, after);
      return !before.active;
    });
    return { text: ctx.t(fresh ? 'groups.bound' : 'groups.already_bound') };
  } catch (err) {
    // Two admins registering the same group at the same moment: the other one did it.
    if (isUniqueViolation(err)) return { text: ctx.t('groups.already_bound') };
    throw err;
  }
}

/** Unregisters the group: it gets no reminders or digests any more, and what waits for it in the outbox is cancelled. */
async function unbindGroup(db: Db, ctx: CommandContext): Promise<Outcome> {
  if (!ctx.isGroup) return { text: [ctx.t('groups.unbind_in_group'), ...(await groupList(db, ctx))].join('\n') };
  const now = ctx.now();
  const done = await db.$transaction(async (tx) => {
    const group = await findActiveGroup(tx, ctx.incoming.chat);
    return group ? deactivateGroup(tx, group, ctx.actor, now) : null;
  });
  return { text: ctx.t(done ? 'groups.unbound' : 'groups.not_registered') };
}

/** The registered groups, for an admin asking in a private chat. */
async function groupList(db: Db, ctx: CommandContext): Promise<string[]> {
  const groups = await activeGroups(db);
  if (!groups.length) return [ctx.t('groups.list_none')];
  return [ctx.t('groups.list_title', { count: groups.length }), ...groups.map((g) => ctx.t('groups.list_line', { title: g.title || g.chatId }))];
}

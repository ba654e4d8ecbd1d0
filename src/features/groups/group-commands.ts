import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { deactivateGroup } from './deactivate.ts';
import { activeGroups, findActiveGroup, groupKey, groupRowOf } from './find-groups.ts';
import { robotCommand, unbindRobot, type RobotOptions } from './robot-commands.ts';
import { ROBOT_CHANNEL } from './webhooks.ts';

/**
 * 绑定群 and 解绑群: an admin makes the group chat they write in a notification group, or stops it
 * being one; 绑定企业微信群 binds a WeCom group through its robot, and 解绑群 with its name undoes it.
 */
export function groupCommands(db: Db, robots: RobotOptions): Command[] {
  return [
    { id: 'group', keywords: ['绑定群'], slash: 'group', roles: ['admin'], where: 'any', run: (ctx) => bindGroup(db, ctx) },
    { id: 'ungroup', keywords: ['解绑群'], slash: 'ungroup', roles: ['admin'], where: 'any', run: (ctx, args) => unbindGroup(db, ctx, args) },
    robotCommand(db, robots),
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

/**
 * Unregisters the group: it gets no reminders or digests any more, and what waits for it in the
 * outbox is cancelled. In a private chat, with a name: the WeCom robot group of that name (a
 * robot's group has no chat to say it in).
 */
async function unbindGroup(db: Db, ctx: CommandContext, args: string): Promise<Outcome> {
  if (!ctx.isGroup) {
    const robot = args.trim() ? await unbindRobot(db, ctx, args) : null;
    if (robot) return robot;
    // What was typed is not repeated: it may be the webhook address given by mistake for the name.
    const hint = ctx.t(args.trim() ? 'groups.robot_not_found' : 'groups.unbind_in_group');
    return { text: [hint, ...(await groupList(db, ctx))].join('\n') };
  }
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
  const line = (g: (typeof groups)[number]) => ctx.t(g.channel === ROBOT_CHANNEL ? 'groups.list_line_robot' : 'groups.list_line', { title: g.title || g.chatId });
  return [ctx.t('groups.list_title', { count: groups.length }), ...groups.map(line)];
}

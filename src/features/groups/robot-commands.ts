import { randomBytes } from 'node:crypto';
import type { Command, CommandContext, Outcome } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { recordAudit } from '../audit/index.ts';
import { deactivateGroup } from './deactivate.ts';
import { parseRobotArgs, robotName } from './robot-webhook.ts';
import { ROBOT_CHANNEL, saveWebhook } from './webhooks.ts';

export interface RobotOptions {
  /** When the daily digest goes (HH:MM, office time), for the robot's first message. */
  digestTime: string;
}

/**
 * `绑定企业微信群 <name> <webhook URL>`: an admin, in a private chat, makes a WeCom group a
 * notification group through its group robot (企业微信群机器人). The webhook's key lets anyone
 * post to the group, so the command is refused in a group chat (where everyone just read it).
 */
export function robotCommand(db: Db, o: RobotOptions): Command {
  return {
    id: 'wecom',
    keywords: ['绑定企业微信群'],
    slash: 'wecom',
    roles: ['admin'],
    // Refused in a group with its own reason (the address is a secret), not as personal data.
    where: 'any',
    // The webhook URL holds the key: typed into an open form, it is never quoted back or kept.
    secretArgs: true,
    run: (ctx, args) => bindRobot(db, ctx, args, o),
  };
}

/** A chat id for a robot's group: ours, stable, and nothing of the key. */
const newRobotChatId = () => `robot-${randomBytes(6).toString('hex')}`;

async function bindRobot(db: Db, ctx: CommandContext, args: string, o: RobotOptions): Promise<Outcome> {
  if (ctx.isGroup) return { text: ctx.t('groups.robot_private_only') };
  const parsed = parseRobotArgs(args);
  if ('problem' in parsed) return { text: [ctx.t(`groups.robot_${parsed.problem}`), ctx.t('groups.robot_url_help')].join('\n') };
  const { name, key } = parsed;
  const now = ctx.now();
  try {
    const done = await db.$transaction(async (tx) => {
      const bound = await tx.groupWebhook.findUnique({ where: { key }, select: { groupId: true } });
      if (bound) {
        const group = await tx.notifyGroup.findUnique({ where: { id: bound.groupId }, select: { title: true } });
        return { taken: 'robot' as const, title: group?.title ?? '' };
      }
      if (await tx.notifyGroup.findFirst({ where: { channel: ROBOT_CHANNEL, active: true, title: name }, select: { id: true } })) return { taken: 'name' as const, title: name };
      const group = await tx.notifyGroup.create({
        data: { channel: ROBOT_CHANNEL, via: '', chatId: newRobotChatId(), title: name, active: true, boundById: ctx.account.id, createdAt: now, updatedAt: now },
      });
      await recordAudit(tx, ctx.actor, 'notify_group', group.id, 'create', null, group);
      await saveWebhook(tx, ctx.actor, group.id, key, now);
      // The robot's first message: the group sees it works, and a wrong key shows as a failed
      // notification under 提醒 rather than as silence on the morning of the first digest.
      await enqueue(
        tx,
        {
          dedupeKey: `robot-hello:${group.id}`,
          to: { channel: ROBOT_CHANNEL, chatId: group.chatId, kind: 'group' },
          groupId: group.id,
          kind: 'group_bound',
          messageKey: 'groups.robot_hello',
          params: { time: o.digestTime },
          dueAt: now,
        },
        now,
      );
      return { bound: name };
    });
    if ('bound' in done) return { text: ctx.t('groups.robot_bound', { name }) };
    if (done.taken === 'name') return { text: ctx.t('groups.robot_name_taken', { name }) };
    return { text: ctx.t(done.title === name ? 'groups.robot_already_bound' : 'groups.robot_bound_as', { name: done.title }) };
  } catch (err) {
    // Two admins binding the same robot at the same moment: the other one did it.
    if (isUniqueViolation(err)) return { text: ctx.t('groups.robot_already_bound', { name }) };
    throw err;
  }
}

/**
 * `解绑群 <name>` in a private chat: the robot groups of that name get nothing more, what waited
 * for them is cancelled, and their webhook keys are forgotten. Null when there is none.
 */
export async function unbindRobot(db: Db, ctx: CommandContext, args: string): Promise<Outcome | null> {
  const name = robotName(args);
  const now = ctx.now();
  const count = await db.$transaction(async (tx) => {
    const groups = await tx.notifyGroup.findMany({ where: { channel: ROBOT_CHANNEL, active: true, title: name } });
    for (const group of groups) await deactivateGroup(tx, group, ctx.actor, now);
    return groups.length;
  });
  return count ? { text: ctx.t('groups.robot_unbound', { name }) } : null;
}

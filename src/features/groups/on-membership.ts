import type { MembershipContext, MembershipEvent, MembershipReaction } from '../../core/membership.ts';
import type { Db } from '../../db/client.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import { recordAudit } from '../audit/index.ts';
import { deactivateGroup } from './deactivate.ts';
import { findActiveGroup, groupKey, groupRowOf } from './find-groups.ts';

/** What the groups feature does when the bot's place in a chat changes. */
export function groupMembership(db: Db): MembershipReaction {
  return async (event, ctx) => {
    switch (event.change) {
      case 'left':
      case 'kicked':
        if (event.chat.kind === 'group') await groupLost(db, event, ctx);
        return;
      case 'migrated':
        if (event.chat.kind === 'group' && event.newChatId) await groupMoved(db, event, event.newChatId, ctx);
        return;
      case 'blocked':
      case 'unblocked':
        await reachabilityChanged(db, event, ctx);
        return;
      case 'joined':
        // Nothing is posted to a group unasked: it becomes a notification group when an admin says 绑定群 there.
        return;
    }
  };
}

/**
 * The bot was removed from a registered group (or left it): the group is marked inactive, and
 * every active admin is told in a private message, through the outbox, in the same transaction.
 * Admins are told on the group's channel, by the group's bot: the only way the outbox can reach
 * them (the terminal receives nothing it did not ask for).
 */
async function groupLost(db: Db, event: MembershipEvent, ctx: MembershipContext): Promise<void> {
  const now = ctx.now();
  const lost = await db.$transaction(async (tx) => {
    const group = await findActiveGroup(tx, event.chat);
    if (!group) return null;
    const { cancelled } = await deactivateGroup(tx, group, null, now);
    const admins = await tx.account.findMany({ where: { role: 'admin', active: true, channel: group.channel }, select: { id: true, externalId: true }, orderBy: { id: 'asc' } });
    // The platform's time of the removal: the same update delivered twice plans nothing twice.
    const at = (event.at ?? now).toISOString();
    for (const admin of admins) {
      await enqueue(
        tx,
        {
          dedupeKey: `group-lost:${group.id}:${at}:${admin.id}`,
          to: { channel: event.chat.channel, via: group.via || undefined, chatId: admin.externalId, kind: 'private' },
          accountId: admin.id,
          kind: 'group_lost',
          messageKey: 'groups.lost',
          params: { title: group.title || group.chatId },
          dueAt: now,
        },
        now,
      );
    }
    return { group: group.id, cancelled, told: admins.length };
  });
  if (lost) ctx.log.info(lost, 'notification group lost');
}

/**
 * The group lives on under a new id (a Telegram group upgraded to a supergroup): its row and what
 * waits for it in the outbox follow, in one transaction. Where the new id is registered already
 * (an admin said 绑定群 there first), the old row is retired instead.
 */
async function groupMoved(db: Db, event: MembershipEvent, newChatId: string, ctx: MembershipContext): Promise<void> {
  const now = ctx.now();
  const old = groupKey(event.chat);
  const moved = await db.$transaction(async (tx) => {
    const before = await groupRowOf(tx, event.chat);
    if (before) {
      const taken = await groupRowOf(tx, { ...event.chat, id: newChatId });
      const data = taken ? { active: false, updatedAt: now } : { chatId: newChatId, title: event.chat.title ?? before.title, updatedAt: now };
      const after = await tx.notifyGroup.update({ where: { id: before.id }, data });
      await recordAudit(tx, null, 'notify_group', before.id, 'update', before, after);
    }
    const { count } = await tx.notification.updateMany({ where: { ...old, status: 'pending' }, data: { chatId: newChatId, updatedAt: now } });
    return { group: before?.id, notifications: count };
  });
  ctx.log.info(moved, 'group moved to a new id');
}

/**
 * A person blocked the bot in their private chat, or allowed it again. For now only noted; the
 * place where a later capability marks the person unreachable (and reachable again).
 */
async function reachabilityChanged(db: Db, event: MembershipEvent, ctx: MembershipContext): Promise<void> {
  const account = await db.account.findUnique({ where: { channel_externalId: { channel: event.chat.channel, externalId: event.chat.id } }, select: { id: true } });
  ctx.log.info({ account: account?.id ?? null, change: event.change }, event.change === 'blocked' ? 'person blocked the bot' : 'person unblocked the bot');
}

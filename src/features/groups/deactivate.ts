import type { Actor } from '../../core/command.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import type { NotifyGroupRow } from './find-groups.ts';
import { dropWebhook } from './webhooks.ts';

/**
 * Marks a group inactive (解绑群, or the bot removed from it) and cancels what waits in the
 * outbox for it: nothing more is posted to a group that is no longer a notification group. A
 * robot group's webhook key is forgotten with it. Audited; `actor` null is the system. Inside the
 * caller's transaction.
 */
export async function deactivateGroup(tx: Tx, group: NotifyGroupRow, actor: Actor | null, now: Date): Promise<{ group: NotifyGroupRow; cancelled: number }> {
  const after = await tx.notifyGroup.update({ where: { id: group.id }, data: { active: false, updatedAt: now } });
  await recordAudit(tx, actor, 'notify_group', group.id, 'update', group, after);
  await dropWebhook(tx, actor, group.id);
  const { count } = await tx.notification.updateMany({ where: { groupId: group.id, status: 'pending' }, data: { status: 'cancelled', updatedAt: now } });
  return { group: after, cancelled: count };
}

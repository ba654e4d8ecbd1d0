import type { Actor } from '../../core/command.ts';
import type { WebhookKeys } from '../../core/ports.ts';
import type { Db, Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';

/** The channel of groups reached through a WeCom group robot's webhook. */
export const ROBOT_CHANNEL = 'wecom';

/**
 * What the audit log says of a webhook's key: that there is one. The key itself would let anyone
 * who reads the log post to the group.
 */
const SHOWN_KEY = '<secret>';

/** Saves the webhook of a robot group, audited with its key hidden. Inside the caller's transaction. */
export async function saveWebhook(tx: Tx, actor: Actor | null, groupId: number, key: string, now: Date): Promise<void> {
  await tx.groupWebhook.create({ data: { groupId, key, createdAt: now } });
  await recordAudit(tx, actor, 'group_webhook', groupId, 'create', null, { groupId, key: SHOWN_KEY });
}

/**
 * Forgets a group's webhook, if it has one (the group is unbound: its key is kept no longer than
 * it is used). Audited with its key hidden. Inside the caller's transaction.
 */
export async function dropWebhook(tx: Tx, actor: Actor | null, groupId: number): Promise<void> {
  const { count } = await tx.groupWebhook.deleteMany({ where: { groupId } });
  if (count) await recordAudit(tx, actor, 'group_webhook', groupId, 'delete', { groupId, key: SHOWN_KEY }, null);
}

/**
 * The webhook keys of active robot groups, for the WeCom channel to post with, by the group's
 * chat id: read when a message goes, so a group unbound meanwhile gets nothing.
 */
export function webhookKeys(db: Db): WebhookKeys {
  return {
    async keyOf(chatId) {
      const group = await db.notifyGroup.findUnique({ where: { channel_via_chatId: { channel: ROBOT_CHANNEL, via: '', chatId } }, select: { id: true, active: true } });
      if (!group?.active) return null;
      const webhook = await db.groupWebhook.findUnique({ where: { groupId: group.id }, select: { key: true } });
      return webhook?.key ?? null;
    },
  };
}

import type { ChannelName } from '../../core/message.ts';
import type { Db } from '../../db/client.ts';
import { enqueue } from '../../outbox/enqueue.ts';

/**
 * Writes one notice per active admin into the outbox, on the channels this process can send on
 * (`routes`), in one transaction. `key` makes it once per admin however often it is told.
 */
export async function tellAdmins(db: Db, o: { routes: Array<{ channel: ChannelName; via: string }>; key: string; messageKey: string; params: Record<string, string>; now: Date }): Promise<number> {
  const viaOf = new Map<ChannelName, string>(o.routes.map((r) => [r.channel, r.via]));
  if (!viaOf.size) return 0;
  return db.$transaction(async (tx) => {
    const admins = await tx.account.findMany({ where: { role: 'admin', active: true, channel: { in: [...viaOf.keys()] } }, orderBy: { id: 'asc' } });
    for (const admin of admins) {
      const channel = admin.channel as ChannelName;
      await enqueue(
        tx,
        {
          dedupeKey: `${o.key}:${admin.id}`,
          to: { channel, via: viaOf.get(channel) || undefined, chatId: admin.externalId, kind: 'private' },
          accountId: admin.id,
          kind: 'notice',
          messageKey: o.messageKey,
          params: o.params,
          dueAt: o.now,
        },
        o.now,
      );
    }
    return admins.length;
  });
}

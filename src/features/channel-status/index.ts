import type { AvailabilityChange } from '../../core/availability.ts';
import type { ChannelName } from '../../core/message.ts';
import { wallClock } from '../../domain/index.ts';
import { enqueue } from '../../outbox/enqueue.ts';
import type { FeatureDeps, FeaturePart } from '../feature.ts';

/**
 * Tells admins when a channel logs out, falls silent or comes back, on the other channels this
 * process can send on (the one that went down cannot carry the news). A change already told is
 * not told again: one "logged out" per outage, one "back" after it. Without another channel
 * the log alone says it.
 */
export function channelStatusFeature(deps: FeatureDeps): FeaturePart {
  /** The last state told, per channel and bot: up unless told otherwise. */
  const told = new Map<string, boolean>();
  return {
    async onAvailability(change: AvailabilityChange, ctx) {
      const key = `${change.channel}@${change.via}`;
      if ((told.get(key) ?? true) === change.up) return;
      told.set(key, change.up);
      const routes = (deps.routes?.() ?? []).filter((r) => r.channel !== change.channel);
      if (!routes.length) {
        ctx.log.warn('no other channel to tell the admins on');
        return;
      }
      const viaOf = new Map<ChannelName, string>(routes.map((r) => [r.channel, r.via]));
      const now = ctx.now();
      await deps.db.$transaction(async (tx) => {
        const admins = await tx.account.findMany({ where: { role: 'admin', active: true, channel: { in: [...viaOf.keys()] } }, orderBy: { id: 'asc' } });
        for (const admin of admins) {
          const channel = admin.channel as ChannelName;
          await enqueue(
            tx,
            {
              dedupeKey: `availability:${key}:${change.reason}:${change.at.toISOString()}:${admin.id}`,
              to: { channel, via: viaOf.get(channel) || undefined, chatId: admin.externalId, kind: 'private' },
              accountId: admin.id,
              kind: 'notice',
              messageKey: `channel_status.${change.channel}_${change.reason}`,
              params: { at: (({ date, time }) => `${date} ${time}`)(wallClock(change.at, deps.timeZone ?? 'UTC')) },
              dueAt: now,
            },
            now,
          );
        }
      });
    },
  };
}

import type { AvailabilityChange } from '../../core/availability.ts';
import type { FriendRequest } from '../../core/channel.ts';
import { wallClock } from '../../domain/index.ts';
import type { FeatureDeps, FeaturePart } from '../feature.ts';
import { tellAdmins } from './tell-admins.ts';

/**
 * What admins are told about the channels themselves: one that logs out, falls silent or comes
 * back (on the other channels this process can send on: the one that went down cannot carry the
 * news), and a friend request left alone because it brought no valid invite code. A change
 * already told is not told again: one "logged out" per outage, one "back" after it.
 */
export function channelStatusFeature(deps: FeatureDeps): FeaturePart {
  /** The last state told, per channel and bot: up unless told otherwise. */
  const told = new Map<string, boolean>();
  const officeTime = (at: Date) => (({ date, time }) => `${date} ${time}`)(wallClock(at, deps.timeZone ?? 'UTC'));
  return {
    async onAvailability(change: AvailabilityChange, ctx) {
      const key = `${change.channel}@${change.via}`;
      if ((told.get(key) ?? true) === change.up) return;
      told.set(key, change.up);
      const routes = (deps.routes?.() ?? []).filter((r) => r.channel !== change.channel);
      const count = await tellAdmins(deps.db, { routes, key: `availability:${key}:${change.reason}:${change.at.toISOString()}`, messageKey: `channel_status.${change.channel}_${change.reason}`, params: { at: officeTime(change.at) }, now: ctx.now() });
      if (!count) ctx.log.warn('no admin on another channel to tell');
    },
    // Only the name the person gave: the greeting may hold anything (a phone number, an ID number).
    async onFriendRequest(request: FriendRequest, ctx) {
      const now = ctx.now();
      await tellAdmins(deps.db, {
        routes: deps.routes?.() ?? [],
        key: `friend-request:${request.chat.channel}:${request.sender.id}:${officeTime(now).slice(0, 10)}`,
        messageKey: 'channel_status.friend_request_left_alone',
        params: { name: request.sender.name || request.sender.id, at: officeTime(now) },
        now,
      });
    },
  };
}

// What other features use to tell every admin something privately (the days off of next year unknown).
export { tellAdmins } from './tell-admins.ts';

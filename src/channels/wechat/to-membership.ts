import type { MembershipEvent } from '../../core/membership.ts';

/** A room event as the channel reads it off Wechaty: who joined or left, and who did it. */
export interface RoomChange {
  room: { id: string; title?: string };
  change: 'join' | 'leave';
  /** The contacts who joined (invitees) or left (removees). */
  who: string[];
  /** Who invited or removed them, where the puppet says. */
  by?: { id: string; name: string };
  at?: Date;
}

/**
 * The bot's own place in a group, in neutral terms: added to a room ('joined'), removed by
 * someone ('kicked'), or gone by itself ('left'). Null for anyone else joining or leaving: the
 * bot does not track the members of a group.
 */
export function toMembership(c: RoomChange, me: string): MembershipEvent | null {
  if (!c.who.includes(me)) return null;
  const change = c.change === 'join' ? 'joined' : c.by && c.by.id !== me ? 'kicked' : 'left';
  const at = c.at ?? new Date();
  const event: MembershipEvent = {
    chat: { channel: 'wechat', id: c.room.id, kind: 'group', via: me, ...(c.room.title ? { title: c.room.title } : {}) },
    change,
    at,
    // The same event replayed by the puppet is handled once.
    updateId: `${me}:${c.change}:${c.room.id}:${at.getTime()}`,
  };
  if (c.by && c.by.id !== me) event.by = { id: c.by.id, name: c.by.name || c.by.id };
  return event;
}

import type { Actor } from '../../core/command.ts';
import type { Tx } from '../../db/client.ts';
import { recordAudit } from '../audit/index.ts';
import { storedRule } from './when.ts';

export interface FollowUp {
  ownerId: number;
  /** The private chat it goes to (where the one who set it works). */
  chat: { channel: string; via?: string; id: string };
  text: string;
  honoreeId: number | null;
  at: Date;
  actor: Actor;
  now: Date;
}

/**
 * A one-off reminder another feature sets for a member of staff (a checkup's follow-up), in the
 * caller's transaction: listed, planned, sent and cancelled as any reminder set with 提醒.
 */
export async function setFollowUpReminder(tx: Tx, f: FollowUp): Promise<number> {
  const r = await tx.reminder.create({
    data: {
      ownerId: f.ownerId,
      groupId: null,
      text: f.text,
      rule: storedRule({ kind: 'once', at: f.at }),
      honoreeId: f.honoreeId,
      nextAt: f.at,
      status: 'pending',
      channel: f.chat.channel,
      via: f.chat.via ?? '',
      chatId: f.chat.id,
      createdAt: f.now,
      updatedAt: f.now,
    },
  });
  await recordAudit(tx, f.actor, 'reminder', r.id, 'create', null, r);
  return r.id;
}

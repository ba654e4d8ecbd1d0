import type { CommandContext } from '../../core/command.ts';
import type { Db } from '../../db/client.ts';
import { findActiveGroup } from '../groups/index.ts';

/** What the reminder commands work with. */
export interface ReminderDeps {
  db: Db;
  timeZone: string;
}

/** The registered notification group a group chat is, if it is one. */
export const groupOf = (db: Db, ctx: CommandContext) => findActiveGroup(db, ctx.incoming.chat);

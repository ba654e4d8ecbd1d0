import type { Command, Flow } from '../core/command.ts';
import type { PublicCommand } from '../core/engine.ts';
import type { MembershipReaction } from '../core/membership.ts';
import type { Db } from '../db/client.ts';

/** What every feature is built from. */
export interface FeatureDeps {
  db: Db;
  /** Prefix of automatically given file numbers (档案号), e.g. "LM" -> LM00001. */
  fileNoPrefix: string;
  inviteTtlHours: number;
  /** Largest accepted upload, in bytes. */
  maxUploadBytes: number;
  /** The office's time zone (IANA), for times in file names; UTC when not given. */
  timeZone?: string;
  telegramBotUsername?: () => string | undefined;
  /** "Now", for what is stamped outside a command (an account's last seen); tests fix it. */
  clock?: () => Date;
}

/** What a feature adds to the bot: commands, the guided flows they start, its reactions to membership events. */
export interface FeaturePart {
  commands?: Command[];
  publicCommands?: PublicCommand[];
  flows?: Flow[];
  /** Called when the bot is added to or removed from a chat, blocked or unblocked, or a group moves to a new id. */
  onMembership?: MembershipReaction;
}

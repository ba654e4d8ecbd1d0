import type { Logger } from 'pino';
import type { Locale, Translate } from './i18n.ts';
import type { Incoming, Reply } from './message.ts';
import type { AccountInfo } from './ports.ts';
import type { Role } from './roles.ts';

/** Who did something, for audit entries. */
export interface Actor {
  accountId: number;
  /** e.g. "telegram:123456789" */
  label: string;
}

/** Everything a command or flow step gets about the message it answers. */
export interface CommandContext {
  incoming: Incoming;
  account: AccountInfo;
  actor: Actor;
  isGroup: boolean;
  locale: Locale;
  t: Translate;
  /** A translator for another language (to answer a language switch in the new language). */
  tIn(locale: Locale): Translate;
  log: Logger;
  /** Today's calendar date (YYYY-MM-DD) in the office's time zone. */
  today(): string;
  now(): Date;
}

/** A guided conversation keeps going: these replies, then the next input goes to `flow`. */
export interface Continue {
  replies: Reply[];
  continueWith: { flow: string; state: unknown };
}

/** What a command or a flow step answers. Plain replies end any flow under way. */
export type Outcome = Reply | Reply[] | Continue;

export const ask = (flow: string, state: unknown, ...replies: Reply[]): Continue => ({
  replies,
  continueWith: { flow, state },
});

export const isContinue = (o: Outcome): o is Continue => !Array.isArray(o) && 'continueWith' in o;

/** One command of the command table. */
export interface Command {
  /** Stable id, also the key of its help texts: help.commands.<id>.summary / .example */
  id: string;
  /** Chinese (and other) keywords that start the command in any channel, e.g. ['查询']. */
  keywords: string[];
  /** The Latin slash command, e.g. 'find' for /find. */
  slash: string;
  /** Who may run it (admins may run everything). */
  roles: readonly Role[];
  /** 'private' commands show or take personal data and refuse to run in a group chat. */
  where: 'any' | 'private';
  /** Reads the file that comes with it (导入): where files are typed as paths, only its line takes one. */
  takesFile?: boolean;
  /**
   * What a file sent alone (no command with it) in a private chat does, for people who may run
   * this command: a roster is checked at once. One command of the table at most has it.
   */
  fileAlone?(ctx: CommandContext): Promise<Outcome>;
  /**
   * Its arguments are a secret (a webhook's key): typed while a form is open, it runs as a
   * command rather than being quoted back or kept as the form's possible answer.
   */
  secretArgs?: boolean;
  run(ctx: CommandContext, args: string): Promise<Outcome>;
}

/** Input given to a flow step. */
export interface FlowInput {
  text?: string;
  choice?: string;
  file?: Incoming['file'];
}

/** A guided, multi-step conversation (e.g. adding a file one question at a time). */
export interface Flow {
  name: string;
  /**
   * Pick-lists are light: a new command typed while one is open simply runs. Forms are not:
   * every input is an answer (a command only when the person says so, see `claims`), until it
   * is done, cancelled, or left idle too long.
   */
  interruptible: boolean;
  /**
   * Who may answer it, where fewer may than may run the command that opens it (a policy form,
   * admins only, behind the staff's 补助). Checked at every step, as the command's own roles are:
   * a role taken away half-way drops the form.
   */
  roles?: readonly Role[];
  /**
   * A message that reads as a command is never a form's answer, unless the form claims it here:
   * e.g. a bare kind word (走访) answering "which kind?", or the file a form waits for.
   */
  claims?(state: unknown, input: FlowInput): boolean;
  step(ctx: CommandContext, state: unknown, input: FlowInput): Promise<Outcome>;
}

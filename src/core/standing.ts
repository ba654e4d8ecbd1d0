import type { CommandContext, Outcome } from './command.ts';
import type { Role } from './roles.ts';

/** A question a feature asked on its own, still open; see {@link StandingQuestions}. */
export interface OpenQuestion {
  /** When it was last put to the person: a list offered in the chat after it is newer. */
  askedAt: Date;
  /** What it is, in the reader's words ("体检邀请（3月10日上午）"), to say what a reply answered. */
  about: string;
  /** The answer to a typed reply, or null when the text is not one (it then goes on as usual). */
  answer(text: string): Promise<Outcome | null>;
}

/**
 * Questions that stay open whatever is said after them, until answered or withdrawn (a checkup
 * invitation): unlike a list offered in reply, which the next list replaces. Their buttons carry
 * their own reference (`<prefix>:<payload>`); a typed answer (`1`, `确认`) goes to the person's
 * newest open one, unless a list offered in the chat since is newer.
 */
export interface StandingQuestions {
  /** Button ids `prefix:…` are this feature's. */
  prefix: string;
  /** Who is asked such questions: typed replies are looked at only for them. */
  roles: readonly Role[];
  /** A pressed button of this feature (the id after `prefix:`). */
  press(ctx: CommandContext, payload: string): Promise<Outcome>;
  /** The person's newest open question, if any. */
  latest(ctx: CommandContext): Promise<OpenQuestion | null>;
}

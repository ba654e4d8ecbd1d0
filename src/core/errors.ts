/**
 * A problem with what the person typed or asked for. It carries a message key (and values) from
 * the locale files, so it is shown to the person in their language, never a stack trace.
 */
export class UserError extends Error {
  constructor(
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
    this.name = 'UserError';
  }
}

export const isUserError = (e: unknown): e is UserError => e instanceof UserError;

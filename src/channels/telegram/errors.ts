import { GrammyError, HttpError } from 'grammy';

/**
 * A failed Bot API call, as it leaves the channel (thrown by send(), read() of a file, or logged).
 * It carries what a caller can act on and nothing more: grammY's own errors hold the request
 * payload (people's data) and node-fetch's, inside them, the request URL, which contains the
 * bot token.
 */
export class TelegramError extends Error {
  override name = 'TelegramError';
  constructor(
    message: string,
    /** The Bot API method, e.g. sendMessage. */
    readonly method?: string,
    /** Telegram's error_code (403: the person blocked the bot; 400: chat not found...). */
    readonly errorCode?: number,
    /** A network error's code, e.g. ECONNREFUSED. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** Makes an error safe to throw out of the channel or to log: no token, no message payload. */
export function scrubError(err: unknown, token: string): unknown {
  const redact = (s: string) => s.split(token).join('<token>').split(encodeURIComponent(token)).join('<token>');
  if (err instanceof GrammyError) return new TelegramError(`${err.method}: ${err.error_code} ${err.description}`, err.method, err.error_code);
  if (err instanceof HttpError) {
    const cause = err.error as { code?: unknown; message?: unknown } | undefined;
    const code = typeof cause?.code === 'string' ? cause.code : undefined;
    const reason = typeof cause?.message === 'string' ? `: ${redact(cause.message)}` : '';
    const method = /'(\w+)'/.exec(err.message)?.[1];
    return new TelegramError(`${err.message}${reason}`, method, undefined, code);
  }
  if (err instanceof Error && (err.message.includes(token) || err.stack?.includes(token))) {
    const clean = new Error(redact(err.message));
    clean.name = err.name;
    return clean;
  }
  return err;
}

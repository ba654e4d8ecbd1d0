import { GrammyError, HttpError } from 'grammy';
import type { Delivery, Unreachable } from '../../core/delivery.ts';
import type { ChatKind } from '../../core/rate-budget.ts';

/** What a failed send comes to: never `sent`. */
export type Failure = Exclude<Delivery, { outcome: 'sent' }>;

/** A 429 without retry_after (Telegram always sends one; a proxy might not): wait this long. */
const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * Telegram's descriptions of a chat the bot cannot write to, whatever the status code (the same
 * fact comes as 400 or 403 depending on the chat type and the server's version). First match wins.
 */
const UNREACHABLE: Array<[RegExp, Unreachable]> = [
  [/bot was blocked by the user/i, 'blocked'],
  [/can't initiate conversation/i, 'never_started'],
  [/user is deactivated|chat not found|user not found|peer_id_invalid|group chat was (deactivated|upgraded)|chat was deleted/i, 'chat_gone'],
  [/bot was kicked|bot is not a member|not enough rights|have no rights to send|need administrator rights|chat_write_forbidden/i, 'kicked'],
];

/** A 429's retry_after (seconds) as ms to wait. */
export const retryAfterMs = (seconds: unknown): number =>
  typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_RETRY_AFTER_MS;

/**
 * What a failed Bot API send means for the outbox, in neutral terms. `err` is what grammY threw
 * (unscrubbed: only its code, description and parameters are read, never the payload); `scrubbed`
 * is its safe form, whose message becomes the reason of a retry.
 *
 * - 429: retry after retry_after.
 * - 400 with migrate_to_chat_id: the group became a supergroup: moved.
 * - A description saying the chat cannot be written to (blocked, never started, gone, bot
 *   removed or muted): unreachable, whatever the code.
 * - Any other 403 (Forbidden): unreachable too, retrying cannot help: "kicked" in a group (the
 *   bot may not write there), "blocked" in a private chat.
 * - 401 (token revoked) and 404 (wrong token or API root): retry, counted as a failed attempt:
 *   it is the bot's problem, not the recipient's, and mending the token lets the row go.
 * - 502, 503, 504: a gateway (Telegram's front or a proxy) could not reach the server: no answer.
 * - 409, 420 and other 5xx (Telegram's side) and any unknown code: retry.
 * - Any other 4xx (a bad request: an unknown parameter, a text too long): rejected.
 * - No answer (network down, timeout, aborted): retry, marked `noAnswer`: the channel is down,
 *   which is not this message's fault and must not use up its attempts.
 * Anything else (not an API or network failure) is a bug and is not classified: undefined.
 */
export function classifyFailure(err: unknown, scrubbed: unknown, kind: ChatKind): Failure | undefined {
  if (err instanceof HttpError) return { outcome: 'retry', reason: messageOf(scrubbed), noAnswer: true };
  if (!(err instanceof GrammyError)) return undefined;
  const code = err.error_code;
  const detail = `${code} ${err.description}`;
  if (code === 429) return { outcome: 'retry', afterMs: retryAfterMs(err.parameters.retry_after), reason: detail };
  const migrateTo = err.parameters.migrate_to_chat_id;
  if (migrateTo !== undefined) return { outcome: 'moved', chatId: String(migrateTo) };
  const known = UNREACHABLE.find(([pattern]) => pattern.test(err.description))?.[1];
  if (known && (code === 400 || code === 403)) return { outcome: 'unreachable', reason: known, detail };
  if (code === 403) return { outcome: 'unreachable', reason: kind === 'group' ? 'kicked' : 'blocked', detail };
  if (code === 502 || code === 503 || code === 504) return { outcome: 'retry', reason: detail, noAnswer: true };
  if (code === 401 || code === 404 || code === 409 || code === 420 || code >= 500 || code < 400) return { outcome: 'retry', reason: detail };
  return { outcome: 'rejected', reason: detail };
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

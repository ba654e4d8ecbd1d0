import type { Delivery } from '../../core/delivery.ts';

/** What a failed send comes to: never `sent`. */
export type Failure = Exclude<Delivery, { outcome: 'sent' }>;

/**
 * How long a notification waits while the bot is logged out of WeChat before it is tried again.
 * Told as the platform's own wait (`afterMs`), so no attempt is counted: a logout is nobody's
 * fault but the bot's, and the notification must still go once someone scans the code again.
 */
export const LOGGED_OUT_RETRY_MS = 30_000;

/** A send refused because nobody is logged in (now, or any more: another account is). */
export const loggedOut = (reason: string): Failure => ({ outcome: 'retry', afterMs: LOGGED_OUT_RETRY_MS, reason });

/**
 * What a failed puppet call means for the outbox. Wechaty's puppets say little in their errors
 * (each protocol differs, and none tells "blocked" from "network"), so every failure is a retry,
 * counted as an attempt: one that keeps failing ends as failed and is listed to admins, who can
 * send it again. A puppet that says it is not logged in is waiting for a scan: a wait, not an attempt.
 */
export function classifyFailure(err: unknown): Failure {
  const message = err instanceof Error ? err.message : String(err);
  if (/not logged in|login required|no login/i.test(message)) return loggedOut(`wechat: ${message}`);
  return { outcome: 'retry', reason: `wechat: ${message.slice(0, 300)}` };
}

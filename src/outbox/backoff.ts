/** Waits between failed attempts: doubling from FIRST_MS up to CAP_MS, each drawn in its upper half (jitter). */
const FIRST_MS = 5_000;
const CAP_MS = 10 * 60_000;

/**
 * The wait before attempt `attempts + 1` after `attempts` failed ones. The jitter keeps many rows
 * that failed together (the platform was down) from all coming back in the same second.
 * `random` is a number in [0, 1) (Math.random in the bot; fixed in tests).
 */
export function backoffMs(attempts: number, random: number): number {
  const full = Math.min(CAP_MS, FIRST_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full / 2 + (full / 2) * random);
}

/** Failed attempts after which a notification is given up as failed (listed to admins, retryable). */
export const MAX_ATTEMPTS = 8;

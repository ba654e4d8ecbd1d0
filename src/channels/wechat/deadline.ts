/** A call that did not end by its deadline: it may still end later, but nobody waits for it. */
export class DeadlineError extends Error {
  override name = 'DeadlineError';
}

/**
 * `work`, or a DeadlineError once `ms` have passed. A puppet's call cannot be cancelled, so it
 * is only no longer waited for: the caller must count it as perhaps done (a retry may repeat it).
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`${what}: no answer from the puppet within ${Math.max(0, Math.round(ms))} ms`)), Math.max(0, ms));
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

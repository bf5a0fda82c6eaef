/** Waiting in tests: one spelling of `sleep` and `eventually` for every suite. */

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `check` until it passes: it returns anything but `false` without throwing. Past `timeoutMs` the
 * last failure is thrown (an assertion's own message), or "condition never held" for a `false`.
 */
export const eventually = async (check: () => unknown, timeoutMs = 10_000, intervalMs = 50): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let failure: unknown;
    try {
      if ((await check()) !== false) return;
      failure = new Error('condition never held');
    } catch (err) {
      failure = err;
    }
    if (Date.now() > deadline) throw failure;
    await sleep(intervalMs);
  }
};

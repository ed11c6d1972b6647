/**
 * Polls `predicate` until it returns a truthy value or `timeoutMs` passes.
 * Tests wait on observable state with this instead of sleeping, and the
 * failure message says what was awaited and what was last seen.
 */
export async function waitFor<T>(
  predicate: () => T | undefined | false | null | Promise<T | undefined | false | null>,
  timeoutMs: number,
  what = 'condition',
  describeLast: () => unknown = () => undefined,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(describeLast())}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

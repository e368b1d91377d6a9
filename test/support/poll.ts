/**
 * The one polling helper of the tests: asks `probe` until it gives a truthy value, `stopIf` names a reason to
 * give up early (a process died), or time runs out. Its error says what was awaited, so a timed-out
 * test reads as "timed out waiting for request 3f… to reach granted", not as a bare timeout.
 */
export interface PollOptions {
  /** What is awaited, for the error message. */
  what: string;
  timeoutMs?: number;
  intervalMs?: number;
  /** A reason to stop waiting at once (returned text is added to the error), checked after each probe. */
  stopIf?: () => string | undefined;
}

export async function pollUntil<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  options: PollOptions,
): Promise<T> {
  const { what, timeoutMs = 15_000, intervalMs = 25, stopIf } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    const stop = stopIf?.();
    if (stop !== undefined) throw new Error(`${what}: gave up waiting.\n${stop}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${timeoutMs / 1000} s)`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

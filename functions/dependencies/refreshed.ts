/**
 * A value read from outside and kept for `maxAgeMs`: the first call reads it, later calls answer from it
 * until it is older than `maxAgeMs`, then the next call reads it again. Calls that arrive while a read is
 * under way share that read (one query, not one per request in flight); a read that fails falls back to the
 * last value read (`onError` is told) and fails only when there is none.
 */
export const refreshed = <T>(
  read: () => Promise<T>,
  maxAgeMs: number,
  onError: (error: unknown) => void,
  now: () => number = Date.now,
): (() => Promise<T>) => {
  let last: { readonly readAt: number; readonly value: T } | undefined;
  let inFlight: Promise<T> | undefined;
  const refresh = async (): Promise<T> => {
    const startedAt = now();
    try {
      const value = await read();
      last = { readAt: startedAt, value };
      return value;
    } catch (error) {
      if (last === undefined) throw error;
      onError(error);
      return last.value;
    } finally {
      inFlight = undefined;
    }
  };
  return () => {
    if (last !== undefined && now() - last.readAt < maxAgeMs) return Promise.resolve(last.value);
    inFlight ??= refresh();
    return inFlight;
  };
};

import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.ts';

/** How often lists refresh while the tab is visible. */
export const POLL_MS = 5_000;

export interface Resource<T> {
  readonly data: T | undefined;
  /** The last failure; the previous data stays on screen. */
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  readonly refresh: () => Promise<void>;
}

const asApiError = (error: unknown): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError(0, 'Something went wrong', error instanceof Error ? error.message : String(error));

/**
 * Loads `load()` now, again when `deps` change, and every `pollMs` while the tab is visible (polling pauses
 * when it is hidden and catches up as soon as it is shown again). Answers to stale requests are dropped.
 */
export const useResource = <T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  options: { readonly pollMs?: number } = {},
): Resource<T> => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const refresh = useCallback(async (): Promise<void> => {
    const mine = generation.current;
    try {
      const value = await loadRef.current();
      if (mine !== generation.current) return;
      setData(value);
      setError(undefined);
    } catch (caught) {
      if (mine !== generation.current) return;
      setError(asApiError(caught));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, deps);

  useEffect(() => {
    generation.current += 1;
    setLoading(true);
    void refresh();
    const pollMs = options.pollMs;
    if (pollMs === undefined) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') void refresh();
    }, pollMs);
    const onVisible = (): void => {
      if (document.visibilityState === 'visible') void refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [refresh, options.pollMs]);

  return { data, error, loading, refresh };
};

/** Runs an action once at a time, keeping its error for the form to show. */
export const useAction = <A extends unknown[], R>(
  action: (...args: A) => Promise<R>,
): {
  run: (...args: A) => Promise<R | undefined>;
  busy: boolean;
  error: ApiError | undefined;
  reset: () => void;
} => {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action(...args);
    } catch (caught) {
      setError(asApiError(caught));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, reset: () => setError(undefined) };
};

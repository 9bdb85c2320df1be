import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from './api.ts';
import { type T, useI18n } from './i18n/index.tsx';

/** How often lists refresh while the tab is visible. */
export const POLL_MS = 5_000;

export interface Resource<T> {
  readonly data: T | undefined;
  /** The last failure; the previous data stays on screen. */
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  readonly refresh: () => Promise<void>;
}

const asApiError = (error: unknown, t: T): ApiError =>
  error instanceof ApiError
    ? error
    : new ApiError(0, t('core.error.unknown'), error instanceof Error ? error.message : String(error));

/**
 * Loads `load()` now, again when `deps` change or the reader switches language (the API answers finding
 * messages in it), and every `pollMs` while the tab is visible (polling pauses when it is hidden and catches up
 * as soon as it is shown again). Answers to stale requests are dropped.
 */
export const useResource = <T>(
  load: () => Promise<T>,
  deps: readonly unknown[],
  options: { readonly pollMs?: number } = {},
): Resource<T> => {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const { locale, t } = useI18n();
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
      setError(asApiError(caught, t));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
  }, [...deps, locale]);

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
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const run = async (...args: A): Promise<R | undefined> => {
    setBusy(true);
    setError(undefined);
    try {
      return await action(...args);
    } catch (caught) {
      setError(asApiError(caught, t));
      return undefined;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy, error, reset: () => setError(undefined) };
};

/**
 * A decision someone else may take first (a guarded action, a budget re-allocation): once it is taken, and
 * after a 409 saying another person already took it, `onDecided` reloads what the screen shows. `decide`
 * answers undefined when it sent nothing (a missing note), and then nothing reloads.
 */
export const useDecision = <A extends unknown[], R>(
  decide: (...args: A) => Promise<R | undefined>,
  onDecided: () => void,
): ReturnType<typeof useAction<A, R | undefined>> =>
  useAction(async (...args: A): Promise<R | undefined> => {
    try {
      const decided = await decide(...args);
      if (decided !== undefined) onDecided();
      return decided;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) onDecided();
      throw error;
    }
  });

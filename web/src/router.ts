import { useEffect, useState } from 'preact/hooks';

/** Client-side navigation without a reload (the server answers every non-API path with the app). */
export const navigate = (to: string, options: { readonly replace?: boolean } = {}): void => {
  if (options.replace === true) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new PopStateEvent('popstate'));
};

export interface Location {
  readonly path: string;
  readonly query: URLSearchParams;
}

const current = (): Location => ({
  path: window.location.pathname,
  query: new URLSearchParams(window.location.search),
});

/** The current path and query, updated on navigation and on the browser's back/forward. */
export const useLocation = (): Location => {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = (): void => setLocation(current());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return location;
};

/** For `<a href onClick={followLink}>`: same-tab clicks navigate in the app; modified clicks open a tab. */
export const followLink = (event: MouseEvent): void => {
  if (
    event.defaultPrevented ||
    event.button !== 0 ||
    event.metaKey ||
    event.ctrlKey ||
    event.shiftKey ||
    event.altKey
  )
    return;
  const anchor = event.currentTarget;
  if (!(anchor instanceof HTMLAnchorElement) || anchor.origin !== window.location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
};

/** The query string with `changes` applied (an empty value removes the parameter). */
export const withQuery = (
  location: Location,
  changes: Readonly<Record<string, string | undefined>>,
): string => {
  const query = new URLSearchParams(location.query);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') query.delete(name);
    else query.set(name, value);
  }
  const encoded = query.toString();
  return encoded === '' ? location.path : `${location.path}?${encoded}`;
};

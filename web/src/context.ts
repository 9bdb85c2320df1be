import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api.ts';
import type { Session } from './auth/session.ts';

export interface AppServices {
  readonly api: Api;
  readonly session: Session;
  /** Says `message` to screen readers (aria-live) and shows it briefly on screen. */
  readonly announce: (message: string) => void;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export const useApp = (): AppServices => {
  const services = useContext(AppContext);
  if (services === undefined) throw new Error('useApp() outside <AppContext.Provider>');
  return services;
};

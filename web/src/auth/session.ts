import type { Role } from '../types.ts';

/** Who is signed in, in this tab. */
export interface Session {
  readonly token: string;
  readonly roles: readonly Role[];
  /** Shown in the header: the e-mail address, or "legal (dev)". */
  readonly name: string;
  readonly refreshToken?: string;
  /** Epoch milliseconds; absent for dev tokens, which do not expire. */
  readonly expiresAt?: number;
}

// sessionStorage: a token lives as long as the tab, and is never shared with other tabs or written to disk
// for good.
const KEY = 'radar.session';

export const loadSession = (): Session | undefined => {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const session = value as Partial<Session>;
    if (typeof session.token !== 'string' || !Array.isArray(session.roles)) return undefined;
    return session as Session;
  } catch {
    return undefined;
  }
};

export const saveSession = (session: Session): void => sessionStorage.setItem(KEY, JSON.stringify(session));

export const clearSession = (): void => sessionStorage.removeItem(KEY);

/** The people groups in a Cognito token's `cognito:groups` claim. */
export const rolesOfGroups = (groups: unknown): Role[] =>
  Array.isArray(groups)
    ? groups.filter((group): group is Role => group === 'legal' || group === 'manager')
    : [];

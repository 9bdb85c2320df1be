import { useState } from 'preact/hooks';
import { createApi } from '../api.ts';
import { startSignIn } from '../auth/pkce.ts';
import type { Session } from '../auth/session.ts';
import type { AppConfig, Role } from '../types.ts';

/**
 * Finds what a bearer token may do by asking for each role's own list: the API decides, the page only
 * adapts its screens.
 */
const rolesOfToken = async (baseUrl: string, token: string): Promise<Role[] | 'invalid' | 'unreachable'> => {
  const api = createApi({ baseUrl, token: () => token });
  const [legal, manager] = await Promise.all([api.probe('/reviews?limit=1'), api.probe('/cases?limit=1')]);
  if (legal === 0 || manager === 0) return 'unreachable';
  if (legal === 401 || manager === 401) return 'invalid';
  const roles: Role[] = [];
  if (legal === 200) roles.push('legal');
  // Legal may read cases too; the manager screens are for those who may act on them.
  if (manager === 200 && legal !== 200) roles.push('manager');
  return roles;
};

export const SignIn = ({
  config,
  onSignedIn,
}: {
  config: AppConfig;
  onSignedIn: (session: Session) => void;
}) => {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const signInWith = async (value: string, name?: string): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    const roles = await rolesOfToken(config.apiBaseUrl, value.trim());
    setBusy(false);
    if (roles === 'unreachable')
      setProblem('The service cannot be reached. Is the local stack running (npm start)?');
    else if (roles === 'invalid')
      setProblem('This token is not accepted. Check it, or use one of the dev buttons.');
    else if (roles.length === 0)
      setProblem('This token works, but it belongs to neither legal nor managers.');
    else onSignedIn({ token: value.trim(), roles, name: name ?? `${roles.join(' and ')} (token)` });
  };

  return (
    <main id="main" class="signin" tabIndex={-1}>
      <div class="signin-card panel">
        <p class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          Marketing Risk Radar
        </p>
        <h1>Sign in</h1>
        {config.mode === 'cognito' ? (
          <>
            <p>Sign in with your company account. Legal and managers each see their own screens.</p>
            {problem !== undefined && (
              <p class="form-problem" role="alert">
                {problem}
              </p>
            )}
            <button
              type="button"
              class="button button-primary button-block"
              onClick={() =>
                void startSignIn(
                  config.cognito,
                  `${window.location.pathname}${window.location.search}`,
                ).catch((error: unknown) =>
                  setProblem(error instanceof Error ? error.message : String(error)),
                )
              }
            >
              Sign in
            </button>
          </>
        ) : (
          <>
            <p>
              This is the local development stack: sign in with a dev token. In AWS, people sign in with their
              company account instead.
            </p>
            {config.devTokens !== undefined && (
              <div class="signin-dev">
                <button
                  type="button"
                  class="button button-primary button-block"
                  disabled={busy}
                  onClick={() => config.devTokens && void signInWith(config.devTokens.legal, 'legal (dev)')}
                >
                  Sign in as legal (dev)
                </button>
                <button
                  type="button"
                  class="button button-primary button-block"
                  disabled={busy}
                  onClick={() =>
                    config.devTokens && void signInWith(config.devTokens.manager, 'manager (dev)')
                  }
                >
                  Sign in as manager (dev)
                </button>
              </div>
            )}
            <form
              class="signin-token"
              onSubmit={(event) => {
                event.preventDefault();
                if (token.trim() === '') setProblem('Paste a token first.');
                else void signInWith(token);
              }}
            >
              <label class="field" for="token">
                <span class="label">Or paste a bearer token</span>
                <input
                  id="token"
                  type="password"
                  autoComplete="off"
                  value={token}
                  onInput={(event) => setToken(event.currentTarget.value)}
                />
              </label>
              {problem !== undefined && (
                <p class="form-problem" role="alert">
                  {problem}
                </p>
              )}
              <button type="submit" class="button button-block" disabled={busy}>
                {busy ? 'Checking…' : 'Sign in with token'}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
};

import { useState } from 'preact/hooks';
import { createApi } from '../api.ts';
import { startSignIn } from '../auth/pkce.ts';
import type { Session } from '../auth/session.ts';
import { LanguageSwitcher, type T, useT } from '../i18n/index.tsx';
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

/**
 * How a session without an e-mail address is named: stored as a marker (`dev:legal`, `token:legal+manager`)
 * and worded in the reader's language when shown, so switching language renames it too.
 */
const DEV_NAME = 'dev:';
const TOKEN_NAME = 'token:';

export const sessionDisplayName = (t: T, name: string): string => {
  const roles = (marker: string): string =>
    name
      .slice(marker.length)
      .split('+')
      .map((role) => (role === 'legal' ? t('core.signIn.roleLegal') : t('core.signIn.roleManager')))
      .join(t('core.signIn.roleAnd'));
  if (name.startsWith(DEV_NAME)) return t('core.signIn.devName', { roles: roles(DEV_NAME) });
  if (name.startsWith(TOKEN_NAME)) return t('core.signIn.tokenName', { roles: roles(TOKEN_NAME) });
  return name;
};

export const SignIn = ({
  config,
  onSignedIn,
}: {
  config: AppConfig;
  onSignedIn: (session: Session) => void;
}) => {
  const t = useT();
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const signInWith = async (value: string, name?: string): Promise<void> => {
    setBusy(true);
    setProblem(undefined);
    const roles = await rolesOfToken(config.apiBaseUrl, value.trim());
    setBusy(false);
    if (roles === 'unreachable') setProblem(t('core.signIn.unreachable'));
    else if (roles === 'invalid') setProblem(t('core.signIn.invalid'));
    else if (roles.length === 0) setProblem(t('core.signIn.noRole'));
    else onSignedIn({ token: value.trim(), roles, name: name ?? `${TOKEN_NAME}${roles.join('+')}` });
  };

  return (
    <main id="main" class="signin" tabIndex={-1}>
      <div class="signin-card panel">
        <LanguageSwitcher class="language-signin" />
        <p class="brand brand-large">
          <span class="brand-mark" aria-hidden="true" />
          Marketing Risk Radar
        </p>
        <h1>{t('core.signIn.title')}</h1>
        {config.mode === 'cognito' ? (
          <>
            <p>{t('core.signIn.cognito')}</p>
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
              {t('core.signIn.title')}
            </button>
          </>
        ) : (
          <>
            <p>{t('core.signIn.local')}</p>
            {config.devTokens !== undefined && (
              <div class="signin-dev">
                <button
                  type="button"
                  class="button button-primary button-block"
                  disabled={busy}
                  onClick={() =>
                    config.devTokens && void signInWith(config.devTokens.legal, `${DEV_NAME}legal`)
                  }
                >
                  {t('core.signIn.asLegal')}
                </button>
                <button
                  type="button"
                  class="button button-primary button-block"
                  disabled={busy}
                  onClick={() =>
                    config.devTokens && void signInWith(config.devTokens.manager, `${DEV_NAME}manager`)
                  }
                >
                  {t('core.signIn.asManager')}
                </button>
              </div>
            )}
            <form
              class="signin-token"
              onSubmit={(event) => {
                event.preventDefault();
                if (token.trim() === '') setProblem(t('core.signIn.pasteFirst'));
                else void signInWith(token);
              }}
            >
              <label class="field" for="token">
                <span class="label">{t('core.signIn.paste')}</span>
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
                {busy ? t('core.signIn.checking') : t('core.signIn.withToken')}
              </button>
            </form>
          </>
        )}
      </div>
    </main>
  );
};

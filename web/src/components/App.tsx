import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createApi } from '../api.ts';
import { claimsOf, completeSignIn, refreshTokens, signOutUrl } from '../auth/pkce.ts';
import { clearSession, loadSession, rolesOfGroups, type Session, saveSession } from '../auth/session.ts';
import { AppContext, type AppServices } from '../context.ts';
import { LanguageSwitcher, useI18n, useT, type WebMessageId } from '../i18n/index.tsx';
import { navigate, useLocation } from '../router.ts';
import type { AppConfig, Role } from '../types.ts';
import { ActionPolicy } from './ActionPolicy.tsx';
import { BrandPage } from './BrandPage.tsx';
import { CampaignPage } from './CampaignPage.tsx';
import { Campaigns } from './Campaigns.tsx';
import { CaseDetail } from './CaseDetail.tsx';
import { CasesBoard } from './CasesBoard.tsx';
import { EmptyState, Link } from './common.tsx';
import { DrillReport } from './DrillReport.tsx';
import { DrillsPage } from './DrillsPage.tsx';
import { Exceptions } from './Exceptions.tsx';
import { Library } from './Library.tsx';
import { PoliciesHome } from './Policies.tsx';
import { PolicyClaims } from './PolicyClaims.tsx';
import { PolicyMatrix } from './PolicyMatrix.tsx';
import { PolicyThresholds } from './PolicyThresholds.tsx';
import { ReviewQueue } from './ReviewQueue.tsx';
import { Rules } from './Rules.tsx';
import { SignIn, sessionDisplayName } from './SignIn.tsx';

const NAV: readonly { href: string; label: WebMessageId; role: Role | 'any' }[] = [
  { href: '/reviews', label: 'core.nav.reviews', role: 'legal' },
  { href: '/exceptions', label: 'core.nav.exceptions', role: 'legal' },
  { href: '/rules', label: 'core.nav.rules', role: 'legal' },
  { href: '/cases', label: 'core.nav.cases', role: 'manager' },
  { href: '/library', label: 'core.nav.library', role: 'manager' },
  { href: '/drills', label: 'drills.nav', role: 'manager' },
  { href: '/campaigns', label: 'pages.nav.campaigns', role: 'any' },
  { href: '/policies', label: 'core.nav.policies', role: 'any' },
];

const homeOf = (roles: readonly Role[]): string => (roles.includes('legal') ? '/reviews' : '/cases');

const Screen = ({ path, roles }: { path: string; roles: readonly Role[] }) => {
  const t = useT();
  const caseMatch = /^\/cases\/([^/]+)$/.exec(path);
  if (caseMatch?.[1] !== undefined) return <CaseDetail caseId={decodeURIComponent(caseMatch[1])} />;
  // Campaign and brand pages: both roles read them; only managers edit (the screens say so).
  const campaignMatch = /^\/campaigns\/([^/]+)$/.exec(path);
  if (campaignMatch?.[1] !== undefined)
    return <CampaignPage key={campaignMatch[1]} campaignId={decodeURIComponent(campaignMatch[1])} />;
  const brandMatch = /^\/brands\/([^/]+)$/.exec(path);
  if (brandMatch?.[1] !== undefined)
    return <BrandPage key={brandMatch[1]} brand={decodeURIComponent(brandMatch[1])} />;
  const drillMatch = /^\/drills\/([^/]+)$/.exec(path);
  if (drillMatch?.[1] !== undefined)
    return <DrillReport key={drillMatch[1]} drillId={decodeURIComponent(drillMatch[1])} />;
  if (path === '/drills') return <DrillsPage />;
  if (path === '/campaigns') return <Campaigns />;
  if (path === '/reviews' && roles.includes('legal')) return <ReviewQueue />;
  if (path === '/exceptions' && roles.includes('legal')) return <Exceptions />;
  if (path === '/rules' && roles.includes('legal')) return <Rules />;
  if (path === '/cases') return <CasesBoard />;
  if (path === '/library') return <Library />;
  // Both roles read every policy; each screen offers editing to the owner role only.
  if (path === '/policies') return <PoliciesHome />;
  if (path === '/policies/claims') return <PolicyClaims />;
  if (path === '/policies/matrix') return <PolicyMatrix />;
  if (path === '/policies/spend') return <PolicyThresholds key="spend" policy="spend" />;
  if (path === '/policies/sentiment') return <PolicyThresholds key="sentiment" policy="sentiment" />;
  if (path === '/policies/actions') return <ActionPolicy />;
  return (
    <EmptyState title={t('core.app.noSuchPage')}>
      <Link href={homeOf(roles)}>{t('core.app.goHome')}</Link>
    </EmptyState>
  );
};

/** Completes the Cognito redirect (`/callback?code=…&state=…`), then goes where the person started. */
const Callback = ({ config, onSignedIn }: { config: AppConfig; onSignedIn: (session: Session) => void }) => {
  const t = useT();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    if (config.mode !== 'cognito') return;
    completeSignIn(config.cognito, new URL(window.location.href))
      .then((result) => {
        if (result === undefined) {
          navigate('/', { replace: true });
          return;
        }
        const claims = claimsOf(result.tokens.idToken);
        const roles = rolesOfGroups(claims['cognito:groups']);
        if (roles.length === 0) {
          setProblem(t('core.app.noRole'));
          return;
        }
        onSignedIn({
          token: result.tokens.idToken,
          roles,
          // The person's name (`name` claim) when the pool has one, else the e-mail address.
          name:
            typeof claims.name === 'string' && claims.name.trim() !== ''
              ? claims.name
              : typeof claims.email === 'string'
                ? claims.email
                : t('core.app.signedIn'),
          ...(result.tokens.refreshToken === undefined ? {} : { refreshToken: result.tokens.refreshToken }),
          expiresAt: result.tokens.expiresAt,
        });
        navigate(result.returnTo === '/callback' ? '/' : result.returnTo, { replace: true });
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
  }, []);
  return (
    <main id="main" class="signin" tabIndex={-1}>
      <div class="signin-card panel">
        {problem === undefined ? (
          <p role="status">{t('core.app.signingIn')}</p>
        ) : (
          <>
            <p class="form-problem" role="alert">
              {problem}
            </p>
            <a class="button" href="/">
              {t('core.app.backToSignIn')}
            </a>
          </>
        )}
      </div>
    </main>
  );
};

export const App = ({ config }: { config: AppConfig }) => {
  const { locale, t } = useI18n();
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const [session, setSession] = useState<Session | undefined>(loadSession);
  const location = useLocation();
  const [message, setMessage] = useState<{ text: string; at: number } | undefined>(undefined);
  const sessionRef = useRef(session);
  sessionRef.current = session;
  const firstPath = useRef(true);

  const signIn = (next: Session): void => {
    saveSession(next);
    setSession(next);
    if (location.path === '/' || location.path === '/signin') navigate(homeOf(next.roles), { replace: true });
  };
  const signOut = (): void => {
    clearSession();
    setSession(undefined);
    if (config.mode === 'cognito') window.location.assign(signOutUrl(config.cognito));
    else navigate('/', { replace: true });
  };

  const services = useMemo<AppServices | undefined>(() => {
    if (session === undefined) return undefined;
    return {
      session,
      api: createApi({
        baseUrl: config.apiBaseUrl,
        token: () => sessionRef.current?.token,
        locale: () => localeRef.current,
        onUnauthorized: () => {
          clearSession();
          setSession(undefined);
        },
      }),
      announce: (text) => setMessage({ text, at: Date.now() }),
    };
  }, [session?.token, config]);

  // Cognito ID tokens last an hour: refresh a few minutes before, so nobody is thrown out mid-review.
  useEffect(() => {
    if (config.mode !== 'cognito' || session?.refreshToken === undefined || session.expiresAt === undefined)
      return;
    const refreshToken = session.refreshToken;
    const timer = setTimeout(
      () => {
        refreshTokens(config.cognito, refreshToken)
          .then((tokens) => signIn({ ...session, token: tokens.idToken, expiresAt: tokens.expiresAt }))
          .catch(() => signOut());
      },
      Math.max(0, session.expiresAt - Date.now() - 5 * 60_000),
    );
    return () => clearTimeout(timer);
  }, [session?.expiresAt]);

  useEffect(() => {
    if (message === undefined) return;
    const timer = setTimeout(() => setMessage(undefined), 6_000);
    return () => clearTimeout(timer);
  }, [message]);

  // Home, and moving focus to the new screen's heading after in-app navigation (not on first load).
  useEffect(() => {
    if (session !== undefined && (location.path === '/' || location.path === '/signin')) {
      navigate(homeOf(session.roles), { replace: true });
      return;
    }
    if (firstPath.current) {
      firstPath.current = false;
      return;
    }
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  }, [location.path, session !== undefined]);

  if (location.path === '/callback') return <Callback config={config} onSignedIn={signIn} />;
  if (session === undefined || services === undefined) return <SignIn config={config} onSignedIn={signIn} />;

  const section = NAV.find((item) => location.path.startsWith(item.href))?.href;
  return (
    <AppContext.Provider value={services}>
      <a class="skip" href="#main">
        {t('core.app.skip')}
      </a>
      <header class="topbar">
        <Link href={homeOf(session.roles)} class="brand">
          <span class="brand-mark" aria-hidden="true" />
          Marketing Risk Radar
        </Link>
        <nav aria-label={t('core.app.mainNav')} class="nav">
          {NAV.filter((item) => item.role === 'any' || session.roles.includes(item.role)).map((item) => (
            <Link
              key={item.href}
              href={item.href}
              class="nav-link"
              aria-current={
                section === item.href ||
                (item.href === '/cases' && location.path.startsWith('/cases/')) ||
                (item.href === '/campaigns' && location.path.startsWith('/brands/'))
                  ? 'page'
                  : undefined
              }
            >
              {t(item.label)}
            </Link>
          ))}
        </nav>
        <div class="who">
          <LanguageSwitcher class="language-on-dark" />
          <span class="who-name">{sessionDisplayName(t, session.name)}</span>
          <button type="button" class="button button-small button-on-dark" onClick={signOut}>
            {t('core.app.signOut')}
          </button>
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        <Screen path={location.path} roles={session.roles} />
      </main>
      <div class="toast-region" aria-live="polite" aria-atomic="true">
        {message !== undefined && (
          <p class="toast" key={message.at}>
            {message.text}
          </p>
        )}
      </div>
    </AppContext.Provider>
  );
};

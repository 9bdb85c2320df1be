import { render } from 'preact';
import { App } from './components/App.tsx';
import { I18nProvider, initialLocale } from './i18n/index.tsx';
import { translate } from './i18n/messages.ts';
import type { AppConfig } from './types.ts';
import './styles.css';

const root = document.getElementById('app');

const showFailure = (text: string): void => {
  if (root === null) return;
  const message = document.createElement('p');
  message.className = 'boot-error';
  message.setAttribute('role', 'alert');
  message.textContent = text;
  root.replaceChildren(message);
};

const isConfig = (value: unknown): value is AppConfig =>
  typeof value === 'object' &&
  value !== null &&
  'mode' in value &&
  (value.mode === 'local' || value.mode === 'cognito') &&
  'apiBaseUrl' in value &&
  typeof value.apiBaseUrl === 'string';

/** Reads `/config.json` (where the API is, how people sign in) and starts the app. */
const boot = async (): Promise<void> => {
  if (root === null) return;
  let config: unknown;
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    config = response.ok ? await response.json() : undefined;
  } catch {
    config = undefined;
  }
  if (!isConfig(config)) {
    const locale = initialLocale();
    document.documentElement.lang = locale;
    showFailure(translate(locale, 'core.boot.noConfig'));
    return;
  }
  root.replaceChildren();
  render(
    <I18nProvider>
      <App config={config} />
    </I18nProvider>,
    root,
  );
};

void boot();

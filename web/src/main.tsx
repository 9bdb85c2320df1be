import { render } from 'preact';
import { App } from './components/App.tsx';
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
    showFailure(
      'Marketing Risk Radar could not load its settings (config.json). Reload the page in a moment.',
    );
    return;
  }
  root.replaceChildren();
  render(<App config={config} />, root);
};

void boot();

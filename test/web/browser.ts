import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import type { LocalStack } from '#infra/local/stack.ts';
import { signatureHeader } from '#shared/auth/signature.ts';

/** Debian's `chromium` package (.ci/run installs it); override with `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where each screen's screenshot goes (git-ignored): look at them after a run. */
export const ARTIFACTS = join(import.meta.dirname, '..', 'artifacts', 'web');

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Headless Chromium with a fresh profile that is deleted on close; `locale` is the browser's language
 * (`navigator.languages`), British English unless given.
 */
export const launchBrowser = async (options: { readonly locale?: string } = {}): Promise<Browser> => {
  const profile = mkdtempSync(join(tmpdir(), 'radar-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 900 },
    locale: options.locale ?? 'en-GB',
    timezoneId: 'UTC',
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
};

/** Saves a screenshot of `page` as test/artifacts/web/<name>.png (full page unless a dialog is open). */
export const screenshot = async (
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> => {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: options.fullPage ?? true });
};

/**
 * Pushes events to the stack as a signed pusher would (README "Signing requests"), and as a well-behaved one
 * does on a 503 "busy" (a loaded machine could not store them in time): again after the pause it asks for,
 * a few times; the events already stored answer "duplicate".
 */
export const pushEvents = async (stack: LocalStack, events: readonly unknown[]): Promise<unknown> => {
  const body = JSON.stringify({ events });
  for (let attempt = 1; ; attempt += 1) {
    const response = await fetch(`${stack.url}/v1/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-radar-client': stack.credentials.clientId,
        'x-radar-signature': signatureHeader(stack.credentials.clientSecret, body, new Date()),
      },
      body,
    });
    if (response.status === 503 && attempt < 5) {
      const retryAfter = Number(response.headers.get('retry-after') ?? 1);
      await new Promise((done) =>
        setTimeout(done, 1_000 * (Number.isFinite(retryAfter) ? retryAfter : 1) * attempt),
      );
      continue;
    }
    if (!response.ok)
      throw new Error(`POST /v1/events answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
};

/** GET an API path as a person. */
export const apiGet = async <T>(stack: LocalStack, token: string, path: string): Promise<T> => {
  const response = await fetch(`${stack.url}/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return (await response.json()) as T;
};

import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import type { WebConfig } from './src/config.ts';

/** One file of the built web app, as served: path from the site root (`/index.html`), bytes, type. */
export interface WebFile {
  readonly path: string;
  readonly contents: Uint8Array;
  readonly contentType: string;
  /** Content-hashed assets can be cached for a year; `index.html` and `config.json` must never be. */
  readonly immutable: boolean;
}

export type { WebConfig };

const WEB_ROOT = import.meta.dirname;

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
};

export const contentTypeOf = (path: string): string =>
  CONTENT_TYPES[path.slice(path.lastIndexOf('.'))] ?? 'application/octet-stream';

/**
 * Bundles the web app (web/src, preact) with esbuild's JS API into memory: a content-hashed script and
 * stylesheet, and an `index.html` that names them. Used by the local stack at start-up and by the CDK app at
 * synth time (`writeWebApp`), so both serve the same bytes.
 *
 * @example const files = buildWebApp(); files.find((file) => file.path === '/index.html');
 */
export const buildWebApp = (options: { readonly minify?: boolean } = {}): WebFile[] => {
  // Synchronous: `cdk synth` builds the app inside a synchronous construct tree; it takes ~100 ms.
  const result = buildSync({
    entryPoints: { app: join(WEB_ROOT, 'src', 'main.tsx') },
    bundle: true,
    write: false,
    outdir: '/',
    entryNames: '[name]-[hash]',
    format: 'esm',
    target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'silent',
  });
  const assets: WebFile[] = result.outputFiles.map((file) => ({
    path: `/${basename(file.path)}`,
    contents: file.contents,
    contentType: contentTypeOf(file.path),
    immutable: true,
  }));
  const script = assets.find((file) => file.path.endsWith('.js'));
  const style = assets.find((file) => file.path.endsWith('.css'));
  if (script === undefined || style === undefined)
    throw new Error('The web build produced no script or stylesheet');

  const template = readFileSync(join(WEB_ROOT, 'src', 'index.html'), 'utf8');
  const html = template.replace('%SCRIPT%', script.path).replace('%STYLE%', style.path);
  const index: WebFile = {
    path: '/index.html',
    contents: new TextEncoder().encode(html),
    contentType: CONTENT_TYPES['.html'] ?? 'text/html',
    immutable: false,
  };
  return [index, ...assets];
};

/**
 * Builds the app into a directory for the CDK BucketDeployment and returns its path:
 * `<tmp>/radar-web-<hash of the build>`, so synthesizing again without changes reuses it (one directory per
 * distinct build, however often tests synthesize). Written to a temporary sibling and renamed into place, so
 * parallel syntheses never see a half-written directory.
 */
export const writeWebApp = (): string => {
  const files = buildWebApp();
  const hash = createHash('sha256');
  for (const file of files) hash.update(file.path).update(file.contents);
  const dir = join(tmpdir(), `radar-web-${hash.digest('hex').slice(0, 16)}`);
  if (existsSync(dir)) return dir;
  const staging = mkdtempSync(`${dir}-`);
  for (const file of files) writeFileSync(join(staging, file.path), file.contents);
  try {
    renameSync(staging, dir);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another synthesis put the same build there first.
    if (!existsSync(dir)) throw error;
  }
  return dir;
};

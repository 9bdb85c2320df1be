import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CfnElement } from 'aws-cdk-lib';
import { type BuildOptions, build, type Metafile } from 'esbuild';
import { FUNCTIONS, type FunctionDefinition } from '#infra/catalog.ts';
import { createRadarApp } from '#infra/radar-app.ts';
import { ESBUILD_OPTIONS, PROJECT_ROOT } from '#infra/risk-function.ts';
import { METRICS_NAMESPACE, SERVICE_NAME } from '#shared/metrics.ts';
import type { Suite } from '../run.ts';

/**
 * Deployment bundles, exactly as deployed: the app is synthesized (offline, as `npm run synth` does) and
 * each function's asset is measured — the size of its index.mjs, and the time a fresh Node process takes
 * to load it, the part of a Lambda cold start the code controls. Measuring the synthesized assets rather
 * than a rebuild with the same options matters: aws-cdk-lib once silently dropped one of them (charset).
 * The baseline is a bare handler that imports the same AWS SDK clients the functions import, built with
 * ESBUILD_OPTIONS and loaded the same way in the same run, so the ratio means the same on any machine.
 *
 * Bundles are copied under node_modules/.cache so that `@aws-sdk/*` (external, like the Lambda runtime's
 * SDK) resolves from the project's node_modules, as it resolves from the runtime's in AWS.
 */

const MAX_BYTES = 300_000;
const MAX_INIT_RATIO = 1.5;
const RUNS = 25;
const OUT_DIR = join(PROJECT_ROOT, 'node_modules', '.cache', 'bench-bundles');
const BARE = 'bare-handler';

/** What the functions find in their environment in AWS (values are placeholders: nothing is called). */
const LAMBDA_ENV = {
  AWS_REGION: 'us-east-1',
  AWS_LAMBDA_FUNCTION_NAME: 'bench',
  NODE_OPTIONS: '--enable-source-maps',
  POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
  POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
  POWERTOOLS_LOG_LEVEL: 'SILENT',
  TABLE_NAME: 'bench',
  ESCALATION_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench',
  DIGEST_TOPIC_ARN: 'arn:aws:sns:us-east-1:000000000000:bench-digest',
  CLIENT_SECRETS_ARN: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:bench',
};

/** esbuild's form of the shared options, plus where this bundle goes. */
const buildOptions = (entry: string, outfile: string): BuildOptions => ({
  entryPoints: [entry],
  outfile,
  bundle: true,
  write: true,
  metafile: true,
  logLevel: 'error',
  platform: ESBUILD_OPTIONS.platform,
  target: ESBUILD_OPTIONS.target,
  format: ESBUILD_OPTIONS.format,
  mainFields: [...ESBUILD_OPTIONS.mainFields],
  banner: { js: ESBUILD_OPTIONS.banner },
  minify: ESBUILD_OPTIONS.minify,
  treeShaking: ESBUILD_OPTIONS.treeShaking,
  sourcemap: ESBUILD_OPTIONS.sourcemap,
  sourcesContent: ESBUILD_OPTIONS.sourcesContent,
  external: [...ESBUILD_OPTIONS.external],
  charset: ESBUILD_OPTIONS.charset,
});

interface Bundle {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
  /** The files the asset carries beside the code and its source map (compiled rule packs, fonts). */
  readonly dataBytes: number;
  /** The external `@aws-sdk/*` packages it imports (resolved from the runtime in AWS). */
  readonly sdkPackages: ReadonlySet<string>;
}

const sdkPackagesOf = (metafile: Metafile | undefined): Set<string> =>
  new Set(
    Object.values(metafile?.outputs ?? {})
      .flatMap((output) => output.imports)
      .filter((imported) => imported.external && imported.path.startsWith('@aws-sdk/'))
      .map((imported) => imported.path),
  );

/** The `@aws-sdk/*` packages a minified ESM bundle imports (`from"@aws-sdk/…"`). */
const sdkImportsOf = (code: string): Set<string> =>
  new Set([...code.matchAll(/from\s*"(@aws-sdk\/[a-z0-9-]+)"/g)].map((match) => match[1] ?? ''));

/** The bytes of an asset's files other than index.mjs and its source map. */
const dataBytesOf = async (dir: string): Promise<number> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.isFile() || entry.name === 'index.mjs' || entry.name === 'index.mjs.map') continue;
    bytes += (await stat(join(entry.parentPath, entry.name))).size;
  }
  return bytes;
};

/**
 * Every function's bundle as `cdk synth` makes it: the app synthesized offline, without cdk-nag, each
 * function's asset directory read from its metadata and copied whole (code, source map, data files) to OUT_DIR.
 */
const synthesizedBundles = async (definitions: readonly FunctionDefinition[]): Promise<Bundle[]> => {
  const outdir = await mkdtemp(join(tmpdir(), 'radar-bench-synth-'));
  try {
    const radar = createRadarApp({ outdir, context: { nag: 'false' } });
    const assembly = radar.app.synth();
    const resources: Record<string, { Properties?: { Code?: { S3Key?: unknown } } }> =
      assembly.getStackArtifact(radar.service.artifactId).template.Resources ?? {};
    const bundles: Bundle[] = [];
    for (const definition of definitions) {
      const cfn = radar.service.functions.get(definition.id)?.node.defaultChild;
      const logicalId = cfn instanceof CfnElement ? radar.service.resolve(cfn.logicalId) : undefined;
      const key = resources[String(logicalId)]?.Properties?.Code?.S3Key;
      if (typeof key !== 'string') throw new Error(`No synthesized asset for ${definition.id}`);
      // The asset's S3 key is `<hash>.zip`; its directory in the assembly is `asset.<hash>`.
      const path = `asset.${key.replace(/\.zip$/, '')}`;
      // The whole asset: the files a function reads beside its code (compiled rule packs, fonts) too.
      const dir = join(OUT_DIR, definition.id);
      await cp(join(assembly.directory, path), dir, { recursive: true });
      const file = join(dir, 'index.mjs');
      bundles.push({
        name: definition.id,
        file,
        bytes: (await stat(file)).size,
        dataBytes: await dataBytesOf(dir),
        sdkPackages: sdkImportsOf(await readFile(file, 'utf8')),
      });
    }
    return bundles;
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
};

const bundle = async (name: string, entry: string): Promise<Bundle> => {
  const file = join(OUT_DIR, name, 'index.mjs');
  const result = await build(buildOptions(entry, file));
  return {
    name,
    file,
    bytes: (await stat(file)).size,
    dataBytes: 0,
    sdkPackages: sdkPackagesOf(result.metafile),
  };
};

/** A handler that does nothing but import the given SDK packages, whole. */
const bareEntry = async (clients: ReadonlySet<string>): Promise<string> => {
  const file = join(OUT_DIR, `${BARE}.ts`);
  const packages = [...clients].sort();
  const lines = [
    ...packages.map((pkg, index) => `import * as sdk${index} from '${pkg}';`),
    `const loaded = [${packages.map((_, index) => `sdk${index}`).join(', ')}];`,
    'export const handler = async () => ({ statusCode: 200, body: String(loaded.length) });',
  ];
  await writeFile(file, `${lines.join('\n')}\n`);
  return file;
};

// The child measures only the import: Node's own start-up is the same for every bundle and is left out.
const LOADER = [
  'const started = performance.now();',
  'const module = await import(process.env.BENCH_BUNDLE_URL);',
  'const elapsed = performance.now() - started;',
  "if (typeof module.handler !== 'function') throw new Error('no handler export');",
  'process.stdout.write(String(elapsed));',
].join('\n');

const loadMs = (file: string): Promise<number> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', LOADER], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env.PATH ?? '', ...LAMBDA_ENV, BENCH_BUNDLE_URL: pathToFileURL(file).href },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(out);
      if (code !== 0 || !Number.isFinite(ms))
        reject(new Error(`Loading ${file} failed (${code}): ${err.trim()}`));
      else resolve(ms);
    });
  });

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value =
    sorted.length % 2 === 1 ? sorted[middle] : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  if (value === undefined) throw new RangeError('median of nothing');
  return value;
};

export const suite: Suite = {
  name: 'bundles',
  async run(progress) {
    await rm(OUT_DIR, { recursive: true, force: true });
    await mkdir(OUT_DIR, { recursive: true });
    const definitions: readonly FunctionDefinition[] = FUNCTIONS;

    progress(`synthesizing the app: ${definitions.length} function bundles, as deployed`);
    const bundles = await synthesizedBundles(definitions);
    const clients = new Set(bundles.flatMap((b) => [...b.sdkPackages]));
    const bare = await bundle(BARE, await bareEntry(clients));

    // Round-robin, so drift in the machine's load spreads over every bundle alike.
    progress(`loading each bundle and the bare handler ${RUNS} times in fresh processes`);
    const samples = new Map<string, number[]>([...bundles, bare].map((b) => [b.name, []]));
    for (let run = 0; run < RUNS; run += 1) {
      for (const b of [bare, ...bundles]) samples.get(b.name)?.push(await loadMs(b.file));
    }
    const initMs = (name: string): number => median(samples.get(name) ?? []);

    const metrics: Record<string, number> = {};
    for (const b of bundles) metrics[`bundle.${b.name}.bytes`] = b.bytes;
    for (const b of bundles) if (b.dataBytes > 0) metrics[`bundle.${b.name}.dataBytes`] = b.dataBytes;
    const maxBytes = Math.max(...bundles.map((b) => b.bytes));
    metrics['bundle.maxBytes'] = maxBytes;
    for (const b of bundles) metrics[`init.${b.name}.ms`] = initMs(b.name);
    const bareMs = initMs(BARE);
    const maxMs = Math.max(...bundles.map((b) => initMs(b.name)));
    metrics['init.bareMs'] = bareMs;
    metrics['init.maxMs'] = maxMs;
    metrics['init.maxRatio'] = maxMs / bareMs;

    const largest = bundles.reduce((a, b) => (b.bytes > a.bytes ? b : a));
    const slowest = bundles.reduce((a, b) => (initMs(b.name) > initMs(a.name) ? b : a));
    await rm(OUT_DIR, { recursive: true, force: true });
    return {
      metrics,
      targets: [
        {
          description: `bundle.maxBytes <= ${MAX_BYTES} (largest: ${largest.name}, ${largest.bytes} bytes)`,
          met: maxBytes <= MAX_BYTES,
        },
        {
          description: `init.maxMs / init.bareMs <= ${MAX_INIT_RATIO} (slowest: ${slowest.name}, ${maxMs.toFixed(1)} / ${bareMs.toFixed(1)} ms = ${(maxMs / bareMs).toFixed(2)})`,
          met: maxMs / bareMs <= MAX_INIT_RATIO,
        },
      ],
      notes: [
        `AWS SDK v3 is external (the nodejs24.x runtime's); the bare handler imports the same clients: ${[...clients].sort().join(', ')}.`,
        "bundle.<function>.bytes is the code (index.mjs); bundle.<function>.dataBytes the files its asset carries beside it, which the code reads at run time: the compiled rule packs (read once per cold start, by the functions that evaluate copy or list rules) and the evidence pack's fonts. Both are in the deployment package; the budget is on the code.",
        `init = median of ${RUNS} dynamic imports of index.mjs, each in a fresh Node ${process.version} process with --enable-source-maps, Node start-up excluded.`,
      ],
    };
  },
};

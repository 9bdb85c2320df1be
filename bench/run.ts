import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * `npm run bench` runs the speed, size and load suites of bench/suites; `npm run eval` (`--eval`) runs the
 * detection-quality suites (named `eval-…`); either runs only the suites named on the command line when
 * some are. Their measurements are merged into bench/report.json (key → number, keys of suites not run are
 * kept) and bench/report.md (one section per suite). Targets are ratios against a baseline measured in the
 * same run, or quality figures, never absolute timings, so the report means the same on any machine; a
 * missed target makes the exit code 1. Nothing here runs in `npm test`.
 */

export interface Target {
  /** What is compared, e.g. `claims.copiesPerSec.1000 >= 20000`. */
  readonly description: string;
  readonly met: boolean;
}

export interface SuiteResult {
  readonly metrics: Record<string, number>;
  readonly targets: readonly Target[];
  /** Lines for the readable summary. */
  readonly notes?: readonly string[];
}

export interface Suite {
  readonly name: string;
  run(progress: (message: string) => void): Promise<SuiteResult>;
}

const here = import.meta.dirname;
const reportJson = join(here, 'report.json');
const reportMd = join(here, 'report.md');

/** Suites whose name starts with this are evaluations (detection quality), run by `npm run eval`. */
const EVAL_PREFIX = 'eval-';

/** A suite lives in `bench/suites/<name>.ts`; only the files of the suites to run are loaded. */
const loadSuites = async (only: readonly string[], evaluations: boolean): Promise<Suite[]> => {
  const names = (await readdir(join(here, 'suites')))
    .filter((file) => file.endsWith('.ts'))
    .map((file) => file.slice(0, -'.ts'.length))
    .sort()
    .filter((name) => (only.length > 0 ? only.includes(name) : name.startsWith(EVAL_PREFIX) === evaluations));
  const suites: Suite[] = [];
  for (const name of names) {
    const module = (await import(join(here, 'suites', `${name}.ts`))) as { suite?: Suite };
    if (module.suite?.name !== name)
      throw new Error(`bench/suites/${name}.ts must export a \`suite\` named ${name}`);
    suites.push(module.suite);
  }
  return suites;
};

const readText = async (file: string): Promise<string | undefined> => {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * The report's sections by suite name, so that a run of some suites replaces theirs and keeps the others
 * (`npm run eval` and `npm run bench` write the same report).
 */
const sectionsOf = (markdown: string | undefined): Map<string, string> => {
  const sections = new Map<string, string>();
  const parts = (markdown ?? '').split(/^(?=## )/m).slice(1);
  for (const part of parts) {
    const name = /^## (\S+)/.exec(part)?.[1];
    if (name !== undefined) sections.set(name, part.trimEnd());
  }
  return sections;
};

const sectionOf = (suite: Suite, result: SuiteResult, seconds: number): string =>
  [
    `## ${suite.name} (${seconds.toFixed(1)} s, run at ${new Date().toISOString()} on Node ${process.version})`,
    '',
    '| metric | value |',
    '|---|---|',
    ...Object.entries(result.metrics).map(([key, value]) => `| ${key} | ${Number(value.toFixed(3))} |`),
    '',
    ...result.targets.map((target) => `- ${target.met ? 'met' : '**missed**'}: ${target.description}`),
    ...(result.notes ?? []).map((note) => `- ${note}`),
  ].join('\n');

const main = async () => {
  const args = process.argv.slice(2);
  const evaluations = args.includes('--eval');
  const only = args.filter((arg) => !arg.startsWith('--'));
  const suites = await loadSuites(only, evaluations);
  if (suites.length === 0) throw new Error(`No bench suite matches ${only.join(', ')}`);
  const previous = await readText(reportJson);
  const metrics: Record<string, number> =
    previous === undefined ? {} : (JSON.parse(previous) as Record<string, number>);
  const sections = sectionsOf(await readText(reportMd));
  let missed = 0;
  for (const suite of suites) {
    const started = Date.now();
    console.log(`bench: ${suite.name} …`);
    const result = await suite.run((message) => console.log(`bench: ${suite.name}: ${message}`));
    Object.assign(metrics, result.metrics);
    sections.set(suite.name, sectionOf(suite, result, (Date.now() - started) / 1000));
    for (const target of result.targets)
      console.log(`bench: ${suite.name}: ${target.met ? 'met' : 'MISSED'}: ${target.description}`);
    missed += result.targets.filter((target) => !target.met).length;
  }
  const lines = [
    '# Benchmark and evaluation report',
    '',
    'Written by `npm run bench` (speed, size, load) and `npm run eval` (detection quality); each section is',
    'replaced when its suite runs again and says when that was.',
    '',
    ...[...sections.values()].flatMap((section) => [section, '']),
  ];
  await mkdir(dirname(reportJson), { recursive: true });
  await writeFile(reportJson, `${JSON.stringify(metrics, null, 2)}\n`);
  await writeFile(reportMd, `${lines.join('\n')}`);
  console.log(
    `bench: wrote ${reportJson} and ${reportMd}${missed > 0 ? ` — ${missed} target(s) missed` : ''}`,
  );
  if (missed > 0) process.exitCode = 1;
};

await main();

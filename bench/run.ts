import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * `npm run bench`: runs every suite in bench/suites (or those named on the command line), merges their
 * measurements into bench/report.json (key → number) and writes a readable bench/report.md. Targets are
 * ratios against a baseline measured in the same run, never absolute timings, so the report means the
 * same on any machine. Nothing here runs in `npm test`.
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

const loadSuites = async (only: readonly string[]): Promise<Suite[]> => {
  const files = (await readdir(join(here, 'suites'))).filter((file) => file.endsWith('.ts')).sort();
  const suites: Suite[] = [];
  for (const file of files) {
    const module = (await import(join(here, 'suites', file))) as { suite?: Suite };
    if (module.suite === undefined) throw new Error(`bench/suites/${file} must export \`suite\``);
    if (only.length === 0 || only.includes(module.suite.name)) suites.push(module.suite);
  }
  return suites;
};

const main = async () => {
  const only = process.argv.slice(2);
  const suites = await loadSuites(only);
  if (suites.length === 0) throw new Error(`No bench suite matches ${only.join(', ')}`);
  const metrics: Record<string, number> = {};
  const lines = [
    '# Benchmark report',
    '',
    `Run at ${new Date().toISOString()} on Node ${process.version}.`,
    '',
  ];
  let missed = 0;
  for (const suite of suites) {
    const started = Date.now();
    console.log(`bench: ${suite.name} …`);
    const result = await suite.run((message) => console.log(`bench: ${suite.name}: ${message}`));
    Object.assign(metrics, result.metrics);
    lines.push(
      `## ${suite.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
      '',
      '| metric | value |',
      '|---|---|',
    );
    for (const [key, value] of Object.entries(result.metrics))
      lines.push(`| ${key} | ${Number(value.toFixed(3))} |`);
    lines.push(
      '',
      ...result.targets.map((target) => `- ${target.met ? 'met' : '**missed**'}: ${target.description}`),
    );
    lines.push(...(result.notes ?? []).map((note) => `- ${note}`), '');
    missed += result.targets.filter((target) => !target.met).length;
  }
  await mkdir(dirname(reportJson), { recursive: true });
  await writeFile(reportJson, `${JSON.stringify(metrics, null, 2)}\n`);
  await writeFile(reportMd, `${lines.join('\n')}\n`);
  console.log(
    `bench: wrote ${reportJson} and ${reportMd}${missed > 0 ? ` — ${missed} target(s) missed` : ''}`,
  );
};

await main();

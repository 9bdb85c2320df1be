import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import FROM_TAIWAN from 'opencc-js/from/tw';
import TO_MAINLAND from 'opencc-js/to/cn';
import { parse } from 'yaml';
import * as z from 'zod';
import { validatePacks } from '#shared/domain/claims/pack.ts';
import type {
  ClaimRule,
  RequiredContentRule,
  RuleExamples,
  RulePack,
} from '#shared/domain/claims/pack-schema.ts';
import { RulePackSchema, RulePackSourceSchema } from '#shared/domain/claims/pack-schema.ts';
import type { PackDataFile } from '#shared/domain/claims/packs/data.ts';
import { compileEvasionTables } from './evasion-tables.ts';

/**
 * `npm run packs`: compiles the claim rule packs legal writes (`shared/domain/claims/packs/*.yaml`) into
 * the data files the engine reads (`shared/domain/claims/packs/data.ts`): the packs without their examples
 * (`compiled/packs.json`), the examples that only `GET /v1/rules`, the policy checks and the tests read
 * (`compiled/examples.json`), the evasion tables derived from Unicode's confusables and from pinyin
 * (`compiled/evasions.json`) and OpenCC's Taiwan → mainland dictionaries (`compiled/opencc.json`). They
 * are data beside the functions' code, never inside it (infra copies them into the functions that read
 * them). A YAML file that does not match the schema stops the build with every issue and its path.
 * `npm test` fails when the committed JSON is not what this would write.
 */

export const PACKS_DIR = join(import.meta.dirname, '..', 'shared', 'domain', 'claims', 'packs');
export const COMPILED_DIR = join(PACKS_DIR, 'compiled');

/** The compiled files by name, as they are written. */
export type CompiledPacks = Readonly<Record<PackDataFile, string>>;

// A list may hold lists (YAML aliases of shared lexicons: `objects: [*cancer, *tumours]`): flatten them.
const flatten = (value: unknown): unknown => {
  if (Array.isArray(value)) {
    return value.flatMap((item) => (Array.isArray(item) ? (flatten(item) as unknown[]) : [flatten(item)]));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, flatten(item)]));
  }
  return value;
};

/** Thrown when a YAML pack does not match the schema; the message lists every issue with its path. */
export class InvalidPackFileError extends Error {
  constructor(file: string, error: z.core.$ZodError) {
    super(`${file}:\n${z.prettifyError(error)}`, { cause: error });
    this.name = 'InvalidPackFileError';
  }
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const withoutExamples = <R extends { examples?: unknown }>({
  examples: _,
  ...rule
}: R): Omit<R, 'examples'> => rule;

// Values at least this long (as JSON) that occur more than once are stored once (see `shareRepeats`).
const SHARE_MIN = 40;

/**
 * The packs with every long value that repeats (a lexicon reused through a YAML alias, a basis cited by
 * many rules) stored once in `shared` and referenced as `"@@<index>"`: the JSON the functions bundle stays
 * as small as the YAML. `expandShared` (packs/index.ts) restores it.
 */
const shareRepeats = (packs: readonly RulePack[]): { shared: unknown[]; packs: unknown } => {
  const counts = new Map<string, number>();
  const count = (value: unknown): void => {
    if (typeof value === 'string' || Array.isArray(value)) {
      const key = JSON.stringify(value);
      if (key.length >= SHARE_MIN) counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    if (Array.isArray(value)) value.forEach(count);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(count);
  };
  count(packs);
  const shared: unknown[] = [];
  const index = new Map<string, number>();
  const replace = (value: unknown): unknown => {
    const key = typeof value === 'string' || Array.isArray(value) ? JSON.stringify(value) : undefined;
    if (key !== undefined && (counts.get(key) ?? 0) > 1) {
      let at = index.get(key);
      if (at === undefined) {
        at = shared.push(value) - 1;
        index.set(key, at);
      }
      return `@@${at}`;
    }
    if (Array.isArray(value)) return value.map(replace);
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]));
    }
    return value;
  };
  return { shared, packs: replace(packs) };
};

// Only the one conversion the normaliser makes (OpenCC's t2cn preset also holds Hong Kong's and Japan's).
const openccJson = (): string => json({ from: { tw: FROM_TAIWAN }, to: { cn: TO_MAINLAND } });

/**
 * Compiles YAML packs (file name → text) into the JSON files the engine and the tests import.
 *
 * @example
 * compilePacks({ 'cn.yaml': text })['packs.json']; // '[{"id":"cn",…}]'
 */
export const compilePacks = (sources: Readonly<Record<string, string>>): CompiledPacks => {
  const packs: RulePack[] = [];
  const examples: Record<string, RuleExamples[string]> = {};
  for (const [file, text] of Object.entries(sources).sort(([a], [b]) => a.localeCompare(b))) {
    const parsed = RulePackSourceSchema.safeParse(flatten(parse(text, { maxAliasCount: -1 })));
    if (!parsed.success) throw new InvalidPackFileError(file, parsed.error);
    const source = parsed.data;
    for (const rule of [...source.rules, ...(source.required ?? [])]) examples[rule.id] = rule.examples;
    const rules: ClaimRule[] = source.rules.map(withoutExamples);
    const required: RequiredContentRule[] = (source.required ?? []).map(withoutExamples);
    packs.push(RulePackSchema.parse({ ...source, rules, required }));
  }
  // The checks that normalise every phrase (an exception that holds no phrase of its rule is a typo).
  validatePacks(packs);
  const shared = shareRepeats(packs);
  return {
    'packs.json': json(shared),
    'examples.json': json(examples),
    'evasions.json': json(compileEvasionTables(packs)),
    'opencc.json': openccJson(),
  };
};

/** The YAML packs of a directory, by file name. */
export const readPackSources = (dir: string = PACKS_DIR): Record<string, string> =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((file) => file.endsWith('.yaml'))
      .map((file) => [file, readFileSync(join(dir, file), 'utf8')]),
  );

if (process.argv[1] === import.meta.filename) {
  // Checking the packs normalises their Chinese phrases, which reads the dictionaries: they come first.
  writeFileSync(join(COMPILED_DIR, 'opencc.json'), openccJson());
  const compiled = compilePacks(readPackSources());
  for (const [file, text] of Object.entries(compiled)) {
    writeFileSync(join(COMPILED_DIR, file), text);
    console.log(`${join('shared/domain/claims/packs/compiled', file)}: ${Buffer.byteLength(text)} bytes`);
  }
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleFiles } from '#shared/bundle-files.ts';
import { ConfigurationError } from '#shared/errors.ts';

/**
 * The data files `npm run packs` compiles from the YAML packs (scripts/compile-packs.ts): the packs the
 * engine loads, the rules' examples (GET /v1/rules and the policy checks), the evasion tables and OpenCC's
 * Taiwan → mainland dictionaries.
 *
 * They are data, not code: they are read from the folder `compiled/` beside the module that reads them —
 * in the source tree `shared/domain/claims/packs/compiled/`, and in a deployed function `compiled/` beside
 * its index.mjs, where infra copies them (`packDataBundleFiles`, the catalog's `bundleFiles`). So the
 * functions' code stays the same size however many rules legal writes, and a function reads the rules
 * once per cold start (a JSON parse of about 1 MB, a few tens of milliseconds).
 */
export const PACK_DATA_FILES = ['packs.json', 'examples.json', 'evasions.json', 'opencc.json'] as const;

export type PackDataFile = (typeof PACK_DATA_FILES)[number];

/** The folder that holds the data files, beside this module (source) or beside index.mjs (bundle). */
export const PACK_DATA_DIR = 'compiled';

/**
 * One compiled data file, parsed.
 *
 * @example
 * readPackData('packs.json'); // { shared: […], packs: [{ id: 'cn', … }, …] }
 */
export const readPackData = (file: PackDataFile): unknown => {
  try {
    return JSON.parse(readFileSync(new URL(`./${PACK_DATA_DIR}/${file}`, import.meta.url), 'utf8'));
  } catch (error) {
    // test/infra/app.test.ts knows a bundle reads pack data by this message.
    throw new ConfigurationError(
      `Cannot read the compiled rule data ${PACK_DATA_DIR}/${file}: run npm run packs, and give a deployed function that evaluates copy bundleFiles: packDataBundleFiles (infra/catalog.ts)`,
      { cause: error },
    );
  }
};

/**
 * The data files as a deployed function carries them, in `compiled/` beside its index.mjs (infra/catalog.ts
 * `bundleFiles`), read from the source tree when the app is synthesized.
 */
export const packDataBundleFiles = (): BundleFiles => ({
  dir: PACK_DATA_DIR,
  files: PACK_DATA_FILES.map((file) => fileURLToPath(new URL(`./${PACK_DATA_DIR}/${file}`, import.meta.url))),
});

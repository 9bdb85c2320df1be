/**
 * Files a deployed function reads at run time, copied into its asset in the folder `dir` beside its
 * index.mjs (infra/catalog.ts `bundleFiles`, infra/risk-function.ts): the evidence pack's fonts, the
 * compiled rule packs. `files` are paths in the source tree, read when the app is synthesized.
 */
export interface BundleFiles {
  readonly dir: string;
  readonly files: readonly string[];
}

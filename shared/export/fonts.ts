import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BundleFiles } from '#shared/bundle-files.ts';

/**
 * The fonts the evidence pack embeds, so a regulator's reader shows Chinese and Vietnamese without fonts of
 * its own: Noto Sans (Latin, with every Vietnamese letter and tone mark) and Noto Sans SC (Simplified
 * Chinese), both SIL Open Font License, from npm (`@embedpdf/fonts-latin`, `@expo-google-fonts/noto-sans-sc`).
 * The PDF embeds only the glyphs it uses (pdfkit subsets), so a pack stays small. Both are TrueType: pdfkit
 * subsets TrueType outlines in milliseconds, where the CFF (.otf) Noto Sans CJK took a second per page.
 *
 * In a deployed function the files lie in `fonts/` beside the bundle (infra copies them there, see
 * FONT_FILES); from the source tree they are read from node_modules.
 */

/** Each font: its npm package and file. */
export const FONT_FILES = {
  han: { pkg: '@expo-google-fonts/noto-sans-sc', file: '400Regular/NotoSansSC_400Regular.ttf' },
  latin: { pkg: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Regular.ttf' },
  latinBold: { pkg: '@embedpdf/fonts-latin', file: 'fonts/NotoSans-Bold.ttf' },
} as const;

export type FontName = keyof typeof FONT_FILES;

/** The folder a deployed bundle keeps its fonts in, beside `index.mjs`. */
export const BUNDLED_FONTS_DIR = 'fonts';

/** A font package's folder in node_modules, found from its entry (its exports may name nothing else). */
const packageDir = (pkg: string): string => {
  const entry = createRequire(import.meta.url).resolve(pkg);
  return entry.slice(0, entry.lastIndexOf(pkg) + pkg.length);
};

/** A font's file: in `fonts/` beside a deployed bundle, else in its package. */
export const fontPath = (name: FontName, bundleDir?: string): string => {
  const { pkg, file } = FONT_FILES[name];
  if (bundleDir !== undefined) {
    const beside = join(bundleDir, BUNDLED_FONTS_DIR, basename(file));
    if (existsSync(beside)) return beside;
  }
  return join(packageDir(pkg), file);
};

/** Where each font file is: beside the bundle when deployed, else in its package. */
export const fontPaths = (): Readonly<Record<FontName, string>> => {
  const here = dirname(fileURLToPath(import.meta.url));
  return {
    han: fontPath('han', here),
    latin: fontPath('latin', here),
    latinBold: fontPath('latinBold', here),
  };
};

/**
 * Characters Noto Sans lacks and Noto Sans SC has: Han ideographs, CJK punctuation and full-width forms
 * (Chinese copy writes `，` `。` `！` `（`). Everything else (Latin, Vietnamese, digits) is set in Noto Sans.
 */
const HAN =
  /[\p{Script=Han}\p{Script=Bopomofo}\p{Script=Hiragana}\p{Script=Katakana}\u2E80-\u2FDF\u3000-\u303F\u31C0-\u31EF\uFE30-\uFE4F\uFF00-\uFFEF]+/gu;

/** A run of text and the font that has its glyphs. */
export interface FontRun {
  readonly text: string;
  readonly font: 'Han' | 'Latin';
}

/**
 * Cuts text into runs by the font that draws them, so mixed copy (`Sữa ABC 全国第一 100%`) is set with real
 * glyphs everywhere instead of empty boxes.
 *
 * @example fontRuns('Top 1 全国第一!') // [{ text: 'Top 1 ', font: 'Latin' }, { text: '全国第一', font: 'Han' }, { text: '!', font: 'Latin' }]
 */
export const fontRuns = (text: string): FontRun[] => {
  const runs: FontRun[] = [];
  let at = 0;
  for (const match of text.matchAll(HAN)) {
    if (match.index > at) runs.push({ text: text.slice(at, match.index), font: 'Latin' });
    runs.push({ text: match[0], font: 'Han' });
    at = match.index + match[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at), font: 'Latin' });
  return runs;
};

/**
 * The files a deployed evidence-pack function carries beside its bundle (infra/catalog.ts `bundleFiles`),
 * read from node_modules when the app is synthesized.
 */
export const evidenceBundleFiles = (): BundleFiles => ({
  dir: BUNDLED_FONTS_DIR,
  files: (Object.keys(FONT_FILES) as FontName[]).map((name) => fontPath(name)),
});

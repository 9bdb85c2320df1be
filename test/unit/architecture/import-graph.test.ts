import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layering of STYLE.md, read from the source: the domain owns the types and vocabularies, the schemas
 * derive from them, and nothing points back. Type-only imports count: a cycle of types is still a cycle.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

const sourceFiles = (folder: string): string[] =>
  readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => join(folder, file));

// Static imports and re-exports (`import type` too, over several lines), side-effect and dynamic imports.
const IMPORT = /^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_IMPORT = /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/** The repository-relative files a source file imports; packages (zod, node:fs …) are left out. */
const importsOf = (file: string, text: string): string[] =>
  [...text.matchAll(IMPORT), ...text.matchAll(DYNAMIC_IMPORT)]
    .map((match) => match[1] ?? match[2] ?? '')
    .flatMap((specifier) => {
      if (specifier.startsWith('#')) return [specifier.replace(/^#(\w+)\//, '$1/')];
      if (specifier.startsWith('.')) return [relative(ROOT, resolve(ROOT, dirname(file), specifier))];
      return [];
    });

const graphOf = (folders: readonly string[]): Map<string, string[]> =>
  new Map(
    folders
      .flatMap(sourceFiles)
      .map((file) => [file, importsOf(file, readFileSync(join(ROOT, file), 'utf8'))] as const),
  );

/** Every import cycle, each as the path that closes it (depth-first, one report per back edge). */
const cyclesOf = (graph: ReadonlyMap<string, readonly string[]>): string[][] => {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (state.get(next) === 'open') cycles.push([...path.slice(path.indexOf(next)), next]);
      else if (state.get(next) === undefined) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (state.get(file) === undefined) visit(file);
  return cycles;
};

/** The layers the domain must never reach: they all depend on it. */
const OUTER_LAYERS = ['shared/schemas/', 'shared/use-cases/', 'shared/adapters/', 'functions/', 'infra/'];

describe('Import graph', () => {
  it('reads imports as written: type-only, multi-line, re-exports, aliases and relative paths', () => {
    // Prepare
    const text = [
      "import type { A } from '#shared/schemas/a.ts';",
      'import {',
      '  B,',
      "} from '../b.ts';",
      "export type { C } from './c.ts';",
      "import 'zod';",
      "const d = await import('./d.ts');",
    ].join('\n');

    // Act
    const imports = importsOf('shared/domain/x.ts', text);

    // Assess
    expect(imports).toEqual([
      'shared/schemas/a.ts',
      'shared/b.ts',
      'shared/domain/c.ts',
      'shared/domain/d.ts',
    ]);
  });

  it('finds a cycle, and none in a chain', () => {
    // Prepare
    const cyclic = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
    ]);
    const chain = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', []],
    ]);

    // Act
    const found = [cyclesOf(cyclic), cyclesOf(chain)];

    // Assess
    expect(found).toEqual([[['a', 'b', 'c', 'a']], []]);
  });

  it('keeps the domain free of every layer that depends on it, schemas included', () => {
    // Prepare
    const domain = graphOf(['shared/domain']);

    // Act
    const outward = [...domain].flatMap(([file, imports]) =>
      imports
        .filter((target) => OUTER_LAYERS.some((layer) => target.startsWith(layer)))
        .map((target) => `${file} -> ${target}`),
    );

    // Assess
    expect(domain.size).toBeGreaterThan(20);
    expect(outward).toEqual([]);
  });

  it('has no import cycle in shared/', () => {
    // Prepare
    const shared = graphOf(['shared']);

    // Act
    const cycles = cyclesOf(shared).map((cycle) => cycle.join(' -> '));

    // Assess
    expect(cycles).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACK_DATA_FILES } from '#shared/domain/claims/packs/data.ts';
import {
  COMPILED_DIR,
  compilePacks,
  InvalidPackFileError,
  readPackSources,
} from '../../../../scripts/compile-packs.ts';

describe('Script: compile-packs (npm run packs)', () => {
  it('has compiled the committed JSON from the YAML packs as they are (run `npm run packs` after editing one)', () => {
    // Prepare
    const sources = readPackSources();

    // Act
    const compiled = compilePacks(sources);

    // Assess: every file the engine reads, compared as data (the formatter may lay a file out differently)
    expect(Object.keys(compiled).sort()).toEqual([...PACK_DATA_FILES].sort());
    for (const [file, text] of Object.entries(compiled)) {
      expect(JSON.parse(readFileSync(join(COMPILED_DIR, file), 'utf8')), `${file} is stale`).toEqual(
        JSON.parse(text),
      );
    }
  });

  it('stops on a pack that breaks the schema, naming the file and the path', () => {
    const yaml = [
      'id: xx',
      'version: 1.0.0',
      'title: A pack',
      'language: en',
      'markets: [US]',
      'negation: { cues: [not], pseudo: [], maxGap: 2 }',
      'rules:',
      '  - id: xx.cure',
      '    markets: all',
      '    languages: [en]',
      '    categories: all',
      '    patterns: [miracle cure]',
      '    probability: likely',
      '    impact: severe',
      '    basis: FTC Act',
      '    message: No.',
      '    suggestion: Remove it.',
      '    examples: { positive: [a miracle cure], negative: [a cure for boredom] }',
    ].join('\n');
    expect(() => compilePacks({ 'xx.yaml': yaml })).toThrow(InvalidPackFileError);
    expect(() => compilePacks({ 'xx.yaml': yaml })).toThrow(/xx\.yaml[\s\S]*rules\[0\]\.probability/);
  });

  it('keeps examples out of what the engine loads', () => {
    const compiled = compilePacks(readPackSources());
    expect(compiled['packs.json']).not.toContain('"examples"');
    expect(JSON.parse(compiled['examples.json'])).toHaveProperty(['cn.absolute.best', 'positive']);
  });
});

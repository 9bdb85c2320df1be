import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decompressText } from '#shared/domain/claims/packs/compressed.ts';
import {
  COMPILED_DIR,
  compilePacks,
  InvalidPackFileError,
  readPackSources,
} from '../../../../scripts/compile-packs.ts';

const asData = (text: string): unknown => {
  const value: unknown = JSON.parse(text);
  if (value === null || typeof value !== 'object' || !('brotli' in value) || typeof value.brotli !== 'string')
    return value;
  if ('bytes' in value && typeof value.bytes === 'number')
    return JSON.parse(decompressText({ bytes: value.bytes, brotli: value.brotli }));
  return JSON.parse(brotliDecompressSync(Buffer.from(value.brotli, 'base64')).toString('utf8'));
};

describe('Script: compile-packs (npm run packs)', () => {
  it('has compiled the committed JSON from the YAML packs as they are (run `npm run packs` after editing one)', () => {
    const compiled = compilePacks(readPackSources());
    for (const [file, text] of Object.entries(compiled)) {
      // Compared as data: the formatter may lay the committed file out differently, and the compressed
      // packs are compared once decompressed.
      expect(asData(readFileSync(join(COMPILED_DIR, file), 'utf8')), `${file} is stale`).toEqual(
        asData(text),
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
    expect(JSON.stringify(asData(compiled['packs.br.json'] ?? '{}'))).not.toContain('"examples"');
    expect(JSON.parse(compiled['examples.json'] ?? '{}')).toHaveProperty(['cn.absolute.best', 'positive']);
    expect(asData(compiled['examples.br.json'] ?? '{}')).toEqual(
      JSON.parse(compiled['examples.json'] ?? '{}'),
    );
  });
});

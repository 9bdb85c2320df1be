import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fontPaths, fontRuns } from '#shared/export/fonts.ts';

describe('Function: fontRuns', () => {
  it.each([
    [
      'Top 1 全国第一!',
      [
        ['Top 1 ', 'Latin'],
        ['全国第一', 'Han'],
        ['!', 'Latin'],
      ],
    ],
    ['本品，效果最好！', [['本品，效果最好！', 'Han']]],
    ['Sữa tốt nhất Việt Nam', [['Sữa tốt nhất Việt Nam', 'Latin']]],
    ['《广告法》第九条', [['《广告法》第九条', 'Han']]],
    ['', []],
  ])('sets %j in the fonts that have its glyphs', (text, expected) => {
    expect(fontRuns(text).map((run) => [run.text, run.font])).toEqual(expected);
  });

  it('loses no character', () => {
    const text = 'Acme 奶粉 (CN) — cam kết 100%，真的！';
    expect(
      fontRuns(text)
        .map((run) => run.text)
        .join(''),
    ).toBe(text);
  });
});

describe('Function: fontPaths', () => {
  it('finds every font the evidence pack embeds', () => {
    for (const path of Object.values(fontPaths())) expect(existsSync(path), path).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { loadCorpus, parseCorpus } from '../../../bench/eval/claims-corpus.ts';
import { EVASION_KINDS, evade } from '../../../bench/eval/evasions.ts';

const kind = (name: string) => {
  const found = EVASION_KINDS.find((entry) => entry.name === name);
  if (found === undefined) throw new Error(`no evasion kind ${name}`);
  return found;
};

describe('The claim corpus (test/fixtures/claims/corpus)', () => {
  it('is well formed: every line a labelled case, evidence in its text, ids unique', async () => {
    // Prepare / Act
    const { cases, issues } = await loadCorpus();

    // Assess
    expect(issues).toEqual([]);
    expect(cases.length).toBeGreaterThan(0);
  });

  it('reports a line whose evidence is not in its text, and a clean case with evidence', () => {
    // Prepare
    const lines = [
      JSON.stringify({
        id: 'zh-abs-001',
        lang: 'zh',
        market: 'CN',
        category: 'cosmetics',
        text: '全网最佳',
        expect: 'violation',
        area: 'absolute-terms',
        evidence: ['最好'],
        basis: '《广告法》第九条',
      }),
      JSON.stringify({
        id: 'zh-abs-002',
        lang: 'zh',
        market: 'CN',
        category: 'food',
        text: '最佳赏味期',
        expect: 'clean',
        area: 'clean-trap',
        evidence: ['最佳'],
        basis: 'usage tip',
      }),
      '{not json',
    ].join('\n');

    // Act
    const { cases, issues } = parseCorpus('zh.jsonl', lines);

    // Assess
    expect(cases).toEqual([]);
    expect(issues).toEqual([
      'zh.jsonl:1: evidence.0: "最好" is not in text',
      'zh.jsonl:2: evidence: a clean case has no evidence',
      expect.stringMatching(/^zh\.jsonl:3: not JSON/),
    ]);
  });
});

describe('Evasions (bench/eval/evasions.ts)', () => {
  it.each([
    ['pinyin', '全网最佳，快来买', ['最佳'], '全网zui佳，快来买', 'zui佳'],
    ['traditional', '包治百病', ['包治百病'], '包治百病', undefined],
    ['leetspeak', 'It cures diabetes fast', ['cures diabetes'], 'It cur3s d1abetes fast', 'cur3s d1abetes'],
    ['stretched', 'It cures acne', ['cures acne'], 'It cuuures acne', 'cuuures acne'],
    ['no-diacritics', 'Sản phẩm tốt nhất', ['tốt nhất'], 'Sản phẩm tot nhat', 'tot nhat'],
    ['html-tag', '全网最佳', ['最佳'], '全网最<b>佳</b>', '最<b>佳</b>'],
    ['html-entity', 'cures acne', ['cures acne'], 'c&#117;res acne', 'c&#117;res acne'],
  ])('%s rewrites the evidence and says where it now stands', (name, text, evidence, expected, placed) => {
    // Act
    const evaded = evade(text, evidence, kind(name));

    // Assess
    if (placed === undefined) {
      expect(evaded).toBeUndefined();
      return;
    }
    expect(evaded?.text).toBe(expected);
    const span = evaded?.evidence[0];
    expect(span === undefined ? undefined : evaded?.text.slice(span.start, span.end)).toBe(placed);
  });
});

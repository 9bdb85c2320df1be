import { describe, expect, it } from 'vitest';
import { RiskMatrixSchema } from '../../shared/domain/matrix-schema.ts';
import { DEFAULT_MATRIX } from '../../shared/domain/risk-matrix.ts';
import type { Locale } from '../../shared/i18n/locales.ts';
import { customRule } from '../../test/fixtures/policies.ts';
import { translatorFor } from './i18n/messages.ts';
import {
  addBand,
  addImpact,
  addProbability,
  asMatrix,
  byField,
  checkOverlay,
  cycleCell,
  disableRule,
  EMPTY_RULE_FORM,
  enableRule,
  formOfRule,
  getAt,
  issuesUnder,
  levelTone,
  localizeIssue,
  type MatrixDocument,
  parseFieldInput,
  removeBand,
  removeImpact,
  removeProbability,
  renameImpact,
  renameProbability,
  ruleIssues,
  ruleOfForm,
  setAt,
  setExtension,
  thresholdFields,
  upsertRule,
} from './policy-edit.ts';
import type { CustomRule } from './policy-types.ts';

const matrix = (): MatrixDocument => asMatrix(DEFAULT_MATRIX) as MatrixDocument;

/** The policy screens' messages in one locale, as a component's `useT()` gives them. */
const tIn = (locale: Locale) => translatorFor(locale);

describe('Matrix grid editing', () => {
  it('cycles a cell to the next level by rank and wraps from the highest to the lowest', () => {
    // Prepare: low × minor is green (rank 0); high × severe is red (the highest).
    const start = matrix();

    // Act
    const once = cycleCell(start, 'low', 'minor');
    const wrapped = cycleCell(start, 'high', 'severe');

    // Assess
    expect(once.cells.low?.minor).toBe('yellow');
    expect(wrapped.cells.high?.severe).toBe('green');
    expect(start.cells.low?.minor).toBe('green');
  });

  it('adds a highest probability row copied from the top row, and stops at 5×5', () => {
    // Prepare
    const start = matrix();

    // Act
    const four = addProbability(start);
    const five = addProbability(four);
    const six = addProbability(five);

    // Assess
    expect(four.probabilities).toEqual(['low', 'medium', 'high', 'probability-4']);
    expect(four.cells['probability-4']).toEqual(start.cells.high);
    expect(RiskMatrixSchema.safeParse({ version: 'draft', ...four }).success).toBe(true);
    expect(six).toBe(five);
  });

  it('adds a highest impact column copied from the last column in every row', () => {
    // Act
    const wider = addImpact(matrix());

    // Assess
    expect(wider.impacts).toEqual(['minor', 'moderate', 'severe', 'impact-4']);
    for (const p of wider.probabilities) expect(wider.cells[p]?.['impact-4']).toBe(wider.cells[p]?.severe);
  });

  it('removes a row or column with its cells, never below 3×3', () => {
    // Prepare
    const four = addImpact(addProbability(matrix()));

    // Act
    const rowGone = removeProbability(four, 'medium');
    const columnGone = removeImpact(four, 'moderate');
    const tooSmall = removeImpact(matrix(), 'minor');

    // Assess
    expect(rowGone.probabilities).toEqual(['low', 'high', 'probability-4']);
    expect(rowGone.cells.medium).toBeUndefined();
    expect(columnGone.impacts).toEqual(['minor', 'severe', 'impact-4']);
    expect(Object.keys(columnGone.cells.low ?? {})).not.toContain('moderate');
    expect(tooSmall.impacts).toHaveLength(3);
  });

  it('renames a label and its cells follow it', () => {
    // Act
    const renamed = renameImpact(renameProbability(matrix(), 'high', 'likely'), 'severe', 'major');

    // Assess
    expect(renamed.probabilities).toEqual(['low', 'medium', 'likely']);
    expect(renamed.impacts).toEqual(['minor', 'moderate', 'major']);
    expect(renamed.cells.likely).toEqual({ minor: 'yellow', moderate: 'red', major: 'red' });
    expect(renamed.cells.high).toBeUndefined();
  });

  it('colours levels by rank: lowest green, highest red, between yellow', () => {
    // Prepare: four levels with ids that are no colours.
    const levels = [
      { id: 'ok', label: 'normal', rank: 0 },
      { id: 'watch', label: 'watch', rank: 1 },
      { id: 'act', label: 'act', rank: 2 },
      { id: 'page', label: 'page', rank: 3 },
    ];
    const custom = { ...matrix(), levels };

    // Act
    const tones = levels.map((level) => levelTone(custom, level.id));

    // Assess
    expect(tones).toEqual(['green', 'yellow', 'yellow', 'red']);
  });

  it('refuses an API answer that is not a matrix', () => {
    expect(asMatrix({ probabilities: ['a'], impacts: 'b', levels: [], cells: {} })).toBeUndefined();
    expect(asMatrix(null)).toBeUndefined();
  });
});

describe('Thresholds as fields', () => {
  const document = {
    version: 'spend@2.1.0',
    overrunBands: [{ above: 0.1, probability: 'medium', impact: 'moderate' }],
    pacing: { interval: 0.9 },
  };

  it('lists every leaf with its path, leaving the version to the server', () => {
    // Act
    const fields = thresholdFields(document);

    // Assess
    expect(fields).toEqual([
      { path: ['overrunBands', 0, 'above'], value: 0.1 },
      { path: ['overrunBands', 0, 'probability'], value: 'medium' },
      { path: ['overrunBands', 0, 'impact'], value: 'moderate' },
      { path: ['pacing', 'interval'], value: 0.9 },
    ]);
  });

  it('sets a value at a path without touching the original', () => {
    // Act
    const changed = setAt(document, ['overrunBands', 0, 'above'], 0.15);

    // Assess
    expect(getAt(changed, ['overrunBands', 0, 'above'])).toBe(0.15);
    expect(getAt(changed, ['pacing', 'interval'])).toBe(0.9);
    expect(document.overrunBands[0]?.above).toBe(0.1);
  });

  it('reads typed numbers (a decimal comma too) as numbers and grades as text', () => {
    expect(parseFieldInput('0,25', 0.1)).toBe(0.25);
    expect(parseFieldInput(' 1e-4 ', 0.1)).toBe(0.0001);
    expect(parseFieldInput('high', 'medium')).toBe('high');
    expect(parseFieldInput('', 0.1)).toBe('');
    expect(parseFieldInput('abc', 0.1)).toBe('abc');
  });

  it('adds a band as a copy of the last and removes one, never the last one', () => {
    // Act
    const two = addBand(document, ['overrunBands']);
    const one = removeBand(two, ['overrunBands'], 0);
    const stillOne = removeBand(one, ['overrunBands'], 0);

    // Assess
    expect(getAt(two, ['overrunBands'])).toHaveLength(2);
    expect(getAt(one, ['overrunBands'])).toHaveLength(1);
    expect(stillOne).toBe(one);
  });
});

describe('API field errors placed on their fields', () => {
  it('reads dotted paths with or without the document prefix, and JSON pointers', () => {
    // Prepare
    const issues = [
      { path: 'document.rules.0.patterns.1', message: 'is empty after normalisation' },
      { path: '/document/rules/0/id', message: 'is a shipped rule' },
      { path: 'rules.1.id', message: 'another rule' },
      { path: 'disable.en.health.detox.reason', message: 'is required' },
    ];

    // Act
    const first = issuesUnder(issues, 'rules.0');
    const disabled = issuesUnder(issues, 'disable.en.health.detox');

    // Assess
    expect(first).toEqual(
      new Map([
        ['patterns.1', ['is empty after normalisation']],
        ['id', ['is a shipped rule']],
      ]),
    );
    expect(byField(first)).toEqual(
      new Map([
        ['patterns', ['1: is empty after normalisation']],
        ['id', ['is a shipped rule']],
      ]),
    );
    expect(disabled).toEqual(new Map([['reason', ['is required']]]));
  });
});

describe('Field problems in the reader’s language', () => {
  it('says the shared schemas’ problems, with their values, in each locale', () => {
    // Prepare: problems as the matrix and thresholds schemas (and the API's 400) word them.
    const interval = { path: 'document.pacing.interval', message: 'must be in (0, 1)' };
    const drop = {
      path: 'cells.high.minor',
      message: 'level drops from medium to high probability at impact minor',
    };

    // Act
    const zh = localizeIssue(interval, tIn('zh-CN'));
    const vi = localizeIssue(drop, tIn('vi'));
    const en = localizeIssue(interval, tIn('en'));

    // Assess: the values stay, the words change; the path is untouched.
    expect(zh).toEqual({ path: 'document.pacing.interval', message: '必须在 (0, 1) 范围内' });
    expect(vi.message).toBe('mức bị giảm khi xác suất tăng từ medium lên high ở tác động minor');
    expect(en.message).toBe('must be in (0, 1)');
  });

  it('says a bare "Invalid input" as what the field takes, and leaves an unknown message as written', () => {
    // Prepare
    const union = { path: 'rules.0.probability', message: 'Invalid input' };
    const unknown = { path: 'rules.0.id', message: 'is a shipped rule' };

    // Act
    const takes = localizeIssue(union, tIn('vi'));
    const kept = localizeIssue(unknown, tIn('zh-CN'));

    // Assess
    expect(takes.message).toBe('nhận low, medium, high hoặc một điểm số từ 0 đến 1');
    expect(kept).toBe(unknown);
  });
});

describe('The claims overlay', () => {
  const rule: CustomRule = { ...customRule(), window: 12 };

  it('builds a rule from the form, one phrase per line, and keeps fields the form does not show', () => {
    // Prepare
    const form = {
      ...formOfRule(rule),
      patterns: '国家级配方\n\n  部级配方  ',
      markets: 'CN, HK',
      categories: 'All',
    };

    // Act
    const built = ruleOfForm(form, rule);

    // Assess
    expect(built).toEqual({
      ...rule,
      patterns: ['国家级配方', '部级配方'],
      markets: ['CN', 'HK'],
      categories: 'all',
    });
  });

  it('leaves out empty optional lists and reads a score as a number', () => {
    // Act
    const built = ruleOfForm({
      ...EMPTY_RULE_FORM,
      id: 'en.custom.x',
      languages: ['en'],
      probability: '0.9',
    });

    // Assess
    expect(built.patterns).toBeUndefined();
    expect(built.predicates).toBeUndefined();
    expect(built.probability).toBe(0.9);
    expect(built.examples).toEqual({ positive: [], negative: [] });
  });

  it('saves the message and the suggestion in every locale, each trimmed', () => {
    // Prepare
    const form = {
      ...formOfRule(rule),
      message: { en: ' Never claim it. ', 'zh-CN': '不得宣称。', vi: 'Không được tuyên bố.' },
    };

    // Act
    const built = ruleOfForm(form, rule);

    // Assess
    expect(built.message).toEqual({
      en: 'Never claim it.',
      'zh-CN': '不得宣称。',
      vi: 'Không được tuyên bố.',
    });
    expect(built.suggestion).toEqual(rule.suggestion);
  });

  it('opens a rule saved with one English phrase in English, the other languages left to write', () => {
    // Prepare: a draft saved before packs 3.4.0 required every locale (the schema's type no longer allows it).
    const legacy = {
      ...rule,
      message: 'Acme forbids it',
      suggestion: 'Say 独家配方',
    } as unknown as CustomRule;

    // Act
    const form = formOfRule(legacy);
    const issues = ruleIssues(ruleOfForm(form, legacy), [], tIn('en'));

    // Assess: each missing language is named at its own input, nothing else.
    expect(form.message).toEqual({ en: 'Acme forbids it', 'zh-CN': '', vi: '' });
    expect(issues).toEqual([
      { path: 'message.zh-CN', message: 'is required' },
      { path: 'message.vi', message: 'is required' },
      { path: 'suggestion.zh-CN', message: 'is required' },
      { path: 'suggestion.vi', message: 'is required' },
    ]);
  });

  it('refuses a plain phrase as the message: it is wanted in every language', () => {
    // Prepare
    const plain = { ...rule, message: 'Acme forbids it' } as unknown as CustomRule;

    // Act
    const issues = ruleIssues(plain, [], tIn('vi'));

    // Assess
    expect(issues).toEqual([{ path: 'message', message: 'hãy viết bằng cả ba ngôn ngữ' }]);
  });

  it('finds no problem in a complete rule, and names a blank translation in the reader’s language', () => {
    // Prepare
    const blankVi = ruleOfForm({
      ...formOfRule(rule),
      suggestion: { ...formOfRule(rule).suggestion, vi: '  ' },
    });

    // Act
    const complete = ruleIssues(rule, [], tIn('en'));
    const inChinese = checkOverlay({ rules: [blankVi] }, tIn('zh-CN'));

    // Assess
    expect(complete).toEqual([]);
    expect(inChinese).toEqual([{ path: 'rules.0.suggestion.vi', message: '必填' }]);
  });

  it('adds, replaces (renamed) and keeps one rule per id', () => {
    // Act
    const added = upsertRule({}, rule);
    const renamed = upsertRule(added, { ...rule, id: 'cn.custom.acme' }, rule.id);

    // Assess
    expect(added.rules).toEqual([rule]);
    expect(renamed.rules?.map((item) => item.id)).toEqual(['cn.custom.acme']);
  });

  it('drops an extension with nothing in it, and disables and re-enables a shipped rule', () => {
    // Prepare
    const extended = setExtension({}, 'cn.absolute.superlative', {
      exceptions: ['最佳赏味期'],
      examples: { negative: ['请在最佳赏味期内食用'] },
    });

    // Act
    const emptied = setExtension(extended, 'cn.absolute.superlative', {});
    const disabled = disableRule(extended, 'en.health.detox', 'spa copy');
    const enabled = enableRule(disabled, 'en.health.detox');

    // Assess
    expect(Object.keys(extended.extend ?? {})).toEqual(['cn.absolute.superlative']);
    expect(emptied.extend).toEqual({});
    expect(disabled.disable).toEqual({ 'en.health.detox': { reason: 'spa copy' } });
    expect(enabled.disable).toEqual({});
    expect(enabled.extend).toEqual(extended.extend);
  });
});

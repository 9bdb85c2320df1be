import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { domainWord, metricsLine, metricValue, VOCABULARY_CATALOGUES } from '#shared/i18n/vocabulary.ts';

/**
 * Every number a detector puts in a finding (`metrics: { plannedBudget, … }`) has a name in the domain's
 * vocabulary in every locale, so no Chinese or Vietnamese reader sees `plannedBudget` or "Planned budget".
 * The keys are read from the source with the type checker, not listed by hand: a detector that adds a
 * number without naming it fails here.
 */

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SHARED = join(ROOT, 'shared');

/** The TypeScript files under `folder`, tests aside. */
const sourcesUnder = (folder: string): string[] =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(folder, file));

/**
 * The keys of every `metrics` of a finding or signal written in `files`: an object literal with a `ruleId`
 * (by its contextual type, so a finding returned or spread counts) whose `metrics` property, written out,
 * shorthand or spread from a helper (`...spendMetrics(spend, now)`), has these properties by type.
 */
const emittedMetricKeys = (files: readonly string[]): Map<string, string[]> => {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2024,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    allowImportingTsExtensions: true,
    resolveJsonModule: true,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const keys = new Map<string, string[]>();
  const isFinding = (literal: ts.ObjectLiteralExpression): boolean => {
    const type = checker.getContextualType(literal) ?? checker.getTypeAtLocation(literal);
    // `Signal | undefined` (a detector that may find nothing) is a finding's type too.
    const types = type.isUnion() ? type.types : [type];
    return types.some((member) => {
      // A finding's `ruleId` is a string (a schema describing findings has one too, not a string).
      const ruleId = member.getProperty('ruleId');
      return ruleId !== undefined && (checker.getTypeOfSymbol(ruleId).flags & ts.TypeFlags.StringLike) !== 0;
    });
  };
  const visit = (node: ts.Node, file: string): void => {
    if (
      (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
      node.name.getText() === 'metrics' &&
      ts.isObjectLiteralExpression(node.parent) &&
      isFinding(node.parent)
    ) {
      const value = ts.isPropertyAssignment(node) ? node.initializer : node.name;
      for (const property of checker.getTypeAtLocation(value).getProperties()) {
        const where = `${file.slice(ROOT.length + 1)}:${node.getSourceFile().getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
        keys.set(property.getName(), [...(keys.get(property.getName()) ?? []), where]);
      }
    }
    ts.forEachChild(node, (child) => visit(child, file));
  };
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (source !== undefined) visit(source, file);
  }
  return keys;
};

describe('The names of a finding’s numbers', () => {
  const emitted = emittedMetricKeys(sourcesUnder(SHARED));
  const named = (locale: keyof typeof VOCABULARY_CATALOGUES): Map<string, string> =>
    new Map(
      Object.entries(VOCABULARY_CATALOGUES[locale] as Readonly<Record<string, string>>)
        .filter(([id]) => id.startsWith('metric.'))
        .map(([id, name]) => [id.slice('metric.'.length), name]),
    );

  it('finds the numbers of the spend and sentiment detectors, spread and shorthand ones too', () => {
    // Assess: one written out (sentiment), one through spendMetrics (overrun), one only conditional.
    expect(
      emitted.get('negativeShare')?.some((where) => where.startsWith('shared/domain/sentiment-rules.ts')),
    ).toBe(true);
    expect(
      emitted.get('overrunRatio')?.some((where) => where.startsWith('shared/domain/spend-rules.ts')),
    ).toBe(true);
    expect(emitted.has('pValue')).toBe(true);
    expect(emitted.size).toBeGreaterThan(20);
  }, 60_000);

  it('names every number a detector emits, and nothing no detector emits', () => {
    // Prepare
    const english = named('en');

    // Act
    const unnamed = [...emitted].filter(([key]) => !english.has(key)).map(([key, at]) => `${key} (${at[0]})`);
    const stale = [...english.keys()].filter((key) => !emitted.has(key));

    // Assess
    expect(unnamed, 'add metric.<key> to shared/i18n/catalogues/vocabulary/{en,zh-CN,vi}.ts').toEqual([]);
    expect(stale, 'no detector emits these any more').toEqual([]);
  });

  it('names them in Chinese and Vietnamese, not with the English name copied', () => {
    // Prepare
    const english = named('en');

    // Act
    const copied = (['zh-CN', 'vi'] as const).flatMap((locale) =>
      [...named(locale)]
        .filter(([key, name]) => name === english.get(key))
        .map(([key]) => `${locale} ${key}`),
    );

    // Assess
    expect(copied).toEqual([]);
  });
});

describe('Functions: domainWord (metric), metricValue, metricsLine', () => {
  it('names a number in the reader’s language, and an unknown one in readable English', () => {
    // Act
    const names = [
      domainWord('zh-CN', 'metric', 'plannedBudget'),
      domainWord('vi', 'metric', 'negativeShare'),
      domainWord('en', 'metric', 'overrunRatio'),
      domainWord('vi', 'metric', 'someNewNumber'),
    ];

    // Assess
    expect(names).toEqual(['计划预算', 'Tỷ lệ tiêu cực', 'Overrun', 'Some new number']);
  });

  it('writes overruns signed, shares as percentages, tiny p-values in full and amounts without cents', () => {
    // Act
    const values = [
      metricValue('en', 'overrunRatio', 0.3),
      metricValue('vi', 'negativeShare', 0.425),
      metricValue('en', 'pValue', 0.00002),
      metricValue('vi', 'actualSpend', 2_500_000),
      metricValue('en', 'threshold', 0.4, { negativeShare: 0.5 }),
      metricValue('en', 'threshold', 12),
    ];

    // Assess
    expect(values).toEqual(['+30%', '42,5%', '2.0e-5', '2.500.000', '40%', '12']);
  });

  it('puts a finding’s numbers on one line, named and punctuated as each language writes them', () => {
    // Prepare
    const metrics = { plannedBudget: 10_000, actualSpend: 13_000, overrunRatio: 0.3 };

    // Act
    const lines = (['en', 'zh-CN', 'vi'] as const).map((locale) => metricsLine(locale, metrics));

    // Assess
    expect(lines).toEqual([
      'Planned budget: 10,000; Actual spend: 13,000; Overrun: +30%',
      '计划预算：10,000；实际花费：13,000；超支比例：+30%',
      'Ngân sách kế hoạch: 10.000; Chi tiêu thực tế: 13.000; Tỷ lệ vượt ngân sách: +30%',
    ]);
    expect(metricsLine('en', {})).toBe('');
  });
});

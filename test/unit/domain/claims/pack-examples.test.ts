import { describe, expect, it } from 'vitest';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_RULE_EXAMPLES } from '#shared/domain/claims/packs/examples.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { type ExampleVerdict, exampleVerdicts } from '#shared/domain/claims/rule-examples.ts';

// Every rule's own examples, judged as a policy draft's are before legal publishes it (rule-examples.ts).
const verdicts = exampleVerdicts(DEFAULT_PACKS, DEFAULT_RULE_EXAMPLES, compileMatcher(DEFAULT_PACKS));
const of = (kind: ExampleVerdict['kind']) =>
  verdicts
    .filter((verdict) => verdict.kind === kind)
    .map((verdict) => [verdict.ruleId, verdict.text, verdict] as const);

describe('Rule packs: every rule’s own examples', () => {
  it.each(of('advisory'))(
    '%s returns %j as an advisory (verify the source), not a violation',
    (_id, _text, verdict) => {
      expect(verdict.got).toBe('advisory');
      expect(verdict.ok).toBe(true);
    },
  );

  it.each(of('positive'))('%s flags %j', (id, _text, verdict) => {
    expect(verdict.ok, `${id} or a rule of its area flags it (fired: ${verdict.ruleIds.join(', ')})`).toBe(
      true,
    );
  });

  it.each(of('negative'))('%s leaves %j alone', (id, _text, verdict) => {
    expect(verdict.ruleIds).not.toContain(id);
    expect(verdict.ok).toBe(true);
  });

  it('judges every example of every rule', () => {
    const total = Object.values(DEFAULT_RULE_EXAMPLES).reduce(
      (sum, own) => sum + own.positive.length + own.negative.length + (own.advisory?.length ?? 0),
      0,
    );
    expect(verdicts).toHaveLength(total);
  });

  it('holds at least 150 claim rules across the three packs', () => {
    expect(DEFAULT_PACKS.flatMap((pack) => pack.rules).length).toBeGreaterThanOrEqual(150);
  });

  it.each(DEFAULT_PACKS.map((pack) => [pack.id, pack] as const))(
    'pack %s has required-content rules and a rule family per topic',
    (_id, pack) => {
      expect(pack.rules.length).toBeGreaterThanOrEqual(40);
      expect(pack.required?.length ?? 0).toBeGreaterThanOrEqual(1);
    },
  );
});

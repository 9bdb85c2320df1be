import type {
  ClaimExamples,
  ClaimRule,
  RequiredContentRule,
  RuleExamples,
  RulePack,
} from '#shared/domain/claims/types.ts';
import { DEFAULT_LOCALE, type Locale } from '#shared/i18n/locales.ts';

/** What legal sees of a rule: what it flags, why, and what to write instead; not its matcher internals. */
export interface RuleSummary {
  readonly id: string;
  readonly kind: 'claim' | 'required-content';
  readonly markets: readonly string[] | 'all';
  readonly languages: readonly string[];
  readonly categories: readonly string[] | 'all';
  readonly exceptCategories?: readonly string[];
  readonly probability: string | number;
  readonly impact: string | number;
  readonly basis: string;
  readonly message: string;
  readonly suggestion: string;
  /** The law area (absolute-terms, disease-claim …). */
  readonly area?: string;
  readonly patterns: readonly string[];
  /** A two-part claim: an act (cure, 治好) and what it acts on (a disease), in one clause, either order. */
  readonly predicates?: readonly string[];
  readonly objects?: readonly string[];
  /** Innocent phrases that contain a pattern. */
  readonly exceptions?: readonly string[];
  /** Phrases that turn a match into an advisory: lawful if the cited source holds ("verify the source"). */
  readonly exemptions?: readonly string[];
  /** `policy`: added by legal's claims policy; `shipped`: in the shipped packs (maybe extended by it). */
  readonly origin: 'shipped' | 'policy';
  readonly examples: ClaimExamples;
}

export interface PackSummary {
  readonly id: string;
  readonly version: string;
  readonly title: string;
  readonly language: string;
  readonly rules: readonly RuleSummary[];
}

const summaryOf = (
  rule: ClaimRule | RequiredContentRule,
  kind: RuleSummary['kind'],
  patterns: readonly string[],
  examples: RuleExamples,
  shipped: ReadonlySet<string>,
  locale: Locale,
): RuleSummary => ({
  id: rule.id,
  kind,
  markets: rule.markets,
  languages: rule.languages,
  categories: rule.categories,
  ...(rule.exceptCategories === undefined ? {} : { exceptCategories: rule.exceptCategories }),
  probability: rule.probability,
  impact: rule.impact,
  basis: rule.basis,
  message: rule.message[locale],
  suggestion: rule.suggestion[locale],
  ...(rule.area === undefined ? {} : { area: rule.area }),
  patterns,
  ...('predicates' in rule && rule.predicates !== undefined ? { predicates: rule.predicates } : {}),
  ...('objects' in rule && rule.objects !== undefined ? { objects: rule.objects } : {}),
  ...('exceptions' in rule && rule.exceptions !== undefined ? { exceptions: rule.exceptions } : {}),
  ...('exemptions' in rule && rule.exemptions !== undefined ? { exemptions: rule.exemptions } : {}),
  origin: shipped.has(rule.id) ? 'shipped' : 'policy',
  examples: examples[rule.id] ?? NO_EXAMPLES,
});

/** `GET /v1/rules`: the packs in force and the combined version stamped on every assessment. */
export interface RulesInForce {
  readonly rulesVersion: string;
  readonly packs: readonly PackSummary[];
}

const NO_EXAMPLES: ClaimExamples = { positive: [], negative: [] };

/**
 * The rule packs in force, with versions and each rule's examples, as `GET /v1/rules` shows them to legal; a
 * rule whose id `shipped` lacks came from legal's claims policy. Messages and suggestions are in `locale`.
 */
export const listRules = (
  packs: readonly RulePack[],
  examples: RuleExamples,
  rulesVersion: string,
  shipped: ReadonlySet<string>,
  locale: Locale = DEFAULT_LOCALE,
): RulesInForce => ({
  rulesVersion,
  packs: packs.map(
    (pack): PackSummary => ({
      id: pack.id,
      version: pack.version,
      title: pack.title,
      language: pack.language,
      rules: [
        ...pack.rules.map((rule) => summaryOf(rule, 'claim', rule.patterns ?? [], examples, shipped, locale)),
        // A required-content rule's "patterns" are the wordings that satisfy it.
        ...(pack.required ?? []).map((rule) =>
          summaryOf(rule, 'required-content', rule.accepted, examples, shipped, locale),
        ),
      ],
    }),
  ),
});

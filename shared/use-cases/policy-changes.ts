import type { Role } from '#shared/auth/principal.ts';
import { type Scope, UNSCOPED } from '#shared/auth/scope.ts';
import type { RuleExamples } from '#shared/domain/claims/pack-schema.ts';
import { exampleVerdicts } from '#shared/domain/claims/rule-examples.ts';
import type { AdCopyEvent, RiskEvent } from '#shared/domain/event.ts';
import { levelPolicyOf } from '#shared/domain/level-policy.ts';
import {
  type ActivePolicy,
  configInForce,
  overlayExamples,
  type PoliciesInForce,
  touchedPacks,
} from '#shared/domain/policies/apply.ts';
import { contradictsDecision, regradedLevel, verdictOf } from '#shared/domain/policies/compare.ts';
import { parsePolicyDocument } from '#shared/domain/policies/documents.ts';
import {
  type ExampleFailure,
  POLICY_OWNERS,
  type PolicyDraft,
  type PolicyId,
  type PolicyTest,
  type PolicyVersion,
  type RegressionChange,
  SHIPPED_VERSION,
} from '#shared/domain/policies/policy.ts';
import type { ClaimsOverlay } from '#shared/domain/policies/schemas.ts';
import type { Review } from '#shared/domain/review.ts';
import { type ConfiguredRiskEngine, type EngineConfig, matcherFor } from '#shared/domain/risk-engine.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '#shared/errors.ts';
import type {
  BaselineStore,
  CaseReader,
  EventStore,
  ExceptionStore,
  ReviewStore,
  StoredPolicyVersion,
} from '#shared/ports.ts';
import { judgeInOrder, loadKnowledge } from './judge-events.ts';
import {
  activeVersionOf,
  asVersion,
  getPolicyDraft,
  type PolicyDependencies,
  shippedBase,
  storedVersion,
  withEffective,
} from './policies.ts';
import { loadPoliciesInForce } from './policies-in-force.ts';

/**
 * A policy owner's changes (docs/policies.md): save a draft, test it against every rule's examples and what
 * legal decided (claims) or the recent cases (others), publish it, roll back. These need the engine; reading
 * policies (policies.ts) does not.
 */

/** What testing a draft reads: the examples of the shipped rules, legal's decisions, the recent cases. */
export interface PolicyTestDependencies extends PolicyDependencies {
  readonly examples: RuleExamples;
  readonly reviews: Pick<ReviewStore, 'listReviews'>;
  readonly exceptions: Pick<ExceptionStore, 'forBrand'>;
  readonly cases: CaseReader;
  readonly events: Pick<EventStore, 'findEvent'>;
  readonly baselines: Pick<BaselineStore, 'getMany'>;
  readonly createEngine: (config: EngineConfig) => ConfiguredRiskEngine;
}

/** Who changes a policy: the audit id (`user:<name>`) and the roles the credentials carry. */
export interface PolicyActor {
  readonly id: string;
  readonly roles: readonly Role[];
}

/** At most this many decided copies of each decision, and recent cases, are re-assessed by one test. */
export const REGRESSION_LIMIT = 200;
/** How far back "recent cases" reach. */
export const RECENT_CASE_DAYS = 30;

/** The owner's role, or a ForbiddenError naming it. */
export const assertOwner = (id: PolicyId, roles: readonly Role[]): void => {
  const owner = POLICY_OWNERS[id];
  if (!roles.includes(owner)) {
    throw new ForbiddenError(`The ${id} policy belongs to ${owner}: changing it needs the ${owner} role`);
  }
};

/** A document as the API received it, checked against what ships; a 400 naming every bad path otherwise. */
const parsedDocument = (id: PolicyId, raw: unknown, shipped: EngineConfig): unknown => {
  const parsed = parsePolicyDocument(id, raw, shipped);
  if (!parsed.ok) throw new ValidationError(`The ${id} policy document is invalid`, parsed.issues);
  return parsed.value;
};

/** `PUT /v1/policies/{id}/draft`: the owner's draft, checked, against the version now active. */
export const savePolicyDraft = async (
  id: PolicyId,
  raw: unknown,
  actor: PolicyActor,
  deps: PolicyDependencies,
): Promise<PolicyDraft> => {
  assertOwner(id, actor.roles);
  const document = parsedDocument(id, raw, deps.shipped);
  const draft = {
    id,
    document,
    basedOn: await activeVersionOf(id, deps.store),
    savedAt: deps.clock.now().toISOString(),
    savedBy: actor.id,
  };
  await deps.store.saveDraft(draft);
  return withEffective(draft, deps.shipped);
};

const withPolicy = (
  policies: PoliciesInForce,
  id: PolicyId,
  policy: ActivePolicy<unknown>,
): PoliciesInForce => ({
  ...policies,
  [id]: policy,
});

/** The claims examples a draft gets wrong: every example of every rule it leaves in force. */
const exampleFailures = (
  engine: ConfiguredRiskEngine,
  overlay: ClaimsOverlay,
  deps: Pick<PolicyTestDependencies, 'examples'>,
): { total: number; failures: ExampleFailure[] } => {
  // The packs the overlay leaves alone are the shipped ones, whose examples `npm test` holds.
  const touched = touchedPacks(engine.config.packs, overlay);
  const verdicts = exampleVerdicts(
    engine.config.packs.filter((pack) => touched.has(pack.id)),
    overlayExamples(deps.examples, overlay),
    matcherFor(engine.config.packs),
  );
  return {
    total: verdicts.length,
    failures: verdicts
      .filter((verdict) => !verdict.ok)
      .map((verdict) => ({
        ruleId: verdict.ruleId,
        expected:
          verdict.kind === 'positive' ? 'flagged' : verdict.kind === 'negative' ? 'clean' : 'advisory',
        text: verdict.text,
        got: verdict.got,
        ruleIds: verdict.ruleIds,
      })),
  };
};

const shorten = (text: string, max = 120): string =>
  [...text].length <= max ? text : `${[...text].slice(0, max - 1).join('')}…`;

const copyEvent = (review: Review): AdCopyEvent => ({
  eventId: `policy-test-${review.reviewId}`,
  type: 'ad-copy',
  occurredAt: review.updatedAt,
  source: 'policy-test',
  copy: review.copy,
});

/** The latest decided copies: up to `REGRESSION_LIMIT` rejected and as many approved, newest first. */
const decidedCopies = async (
  scope: Scope,
  deps: PolicyTestDependencies,
): Promise<{ reviews: Review[]; limited: boolean }> => {
  const pages = await Promise.all(
    (['rejected', 'approved'] as const).map((status) =>
      deps.reviews.listReviews({ status, limit: REGRESSION_LIMIT, newestFirst: true, scope }),
    ),
  );
  return {
    reviews: pages.flatMap((page) => page.items),
    limited: pages.some((page) => page.cursor !== undefined),
  };
};

/** Decided copies re-assessed under the policy in force and the draft: those whose level would change. */
const decidedChanges = async (
  active: ConfiguredRiskEngine,
  draft: ConfiguredRiskEngine,
  languages: ReadonlySet<string>,
  scope: Scope,
  deps: PolicyTestDependencies,
): Promise<PolicyTest['regression']> => {
  const { reviews, limited } = await decidedCopies(scope, deps);
  const now = deps.clock.now();
  // Copy in a language whose pack neither the policy in force nor the draft changes cannot change.
  const items = reviews
    .filter((review) => languages.has(review.copy.lang))
    .map((review) => ({ review, event: copyEvent(review) as RiskEvent }));
  const judged = async (engine: ConfiguredRiskEngine) => {
    const knowledge = await loadKnowledge(
      items.map((item) => item.event),
      now,
      { engine, exceptions: deps.exceptions },
    );
    return judgeInOrder(items, now, knowledge, engine);
  };
  const [before, after] = await Promise.all([judged(active), judged(draft)]);
  const opensCase = levelPolicyOf(draft.matrix).opensCase;
  const changes = before.flatMap((item, index): RegressionChange[] => {
    const later = after[index];
    const decision = item.review.status;
    if (later === undefined || (decision !== 'approved' && decision !== 'rejected')) return [];
    const from = item.judgement.assessment.level;
    const to = later.judgement.assessment.level;
    const verdict = verdictOf(from, to, opensCase);
    if (verdict === undefined) return [];
    const regression = contradictsDecision(decision, to, opensCase);
    // Named only where it explains an approved copy staying clean, never beside a regression it does not cover.
    const exceptionId =
      decision === 'approved' && !regression
        ? later.judgement.assessment.findings.find((finding) => finding.exception !== undefined)?.exception
            ?.id
        : undefined;
    return [
      {
        kind: 'decided-copy',
        caseId: item.review.caseId,
        reviewId: item.review.reviewId,
        decision,
        title: shorten(item.review.copy.text),
        before: from,
        after: to,
        verdict,
        regression,
        ...(exceptionId === undefined ? {} : { exceptionId }),
      },
    ];
  });
  return { checked: items.length, limited, changes };
};

const DAY_MS = 24 * 3600 * 1000;

/** Recent cases re-assessed under the policy in force and the draft: those whose level would change. */
const recentCaseChanges = async (
  id: PolicyId,
  active: ConfiguredRiskEngine,
  draft: ConfiguredRiskEngine,
  scope: Scope,
  deps: PolicyTestDependencies,
): Promise<PolicyTest['regression']> => {
  const now = deps.clock.now();
  const page = await deps.cases.listCases({
    from: new Date(now.getTime() - RECENT_CASE_DAYS * DAY_MS).toISOString(),
    limit: REGRESSION_LIMIT,
    scope,
    ...(id === 'spend'
      ? { riskType: 'budget' as const }
      : id === 'sentiment'
        ? { riskType: 'reputation' as const }
        : {}),
  });
  const opensCase = levelPolicyOf(draft.matrix).opensCase;
  const change = (riskCase: (typeof page.items)[number], to: string): RegressionChange[] => {
    const verdict = verdictOf(riskCase.level, to, opensCase);
    return verdict === undefined
      ? []
      : [
          {
            kind: 'recent-case',
            caseId: riskCase.caseId,
            title: riskCase.subject.label,
            before: riskCase.level,
            after: to,
            verdict,
            regression: false,
          },
        ];
  };
  if (id === 'matrix') {
    // The matrix places findings; the detectors need not run again.
    return {
      checked: page.items.length,
      limited: page.cursor !== undefined,
      changes: page.items.flatMap((riskCase) =>
        change(riskCase, regradedLevel(active.matrix, draft.matrix, riskCase.findings)),
      ),
    };
  }
  // Thresholds change what the detectors find: assess each case's latest event again, under both.
  const latest = await Promise.all(
    page.items.map(async (riskCase) => {
      const detail = await deps.cases.getCase(riskCase.caseId);
      const occurrence = detail?.occurrences.at(-1);
      if (occurrence?.clientId === undefined) return undefined;
      const stored = await deps.events.findEvent(occurrence.clientId, occurrence.eventId);
      return stored === undefined ? undefined : { riskCase, event: stored.event };
    }),
  );
  const items = latest.filter((item) => item !== undefined);
  const judged = async (engine: ConfiguredRiskEngine) => {
    const knowledge = await loadKnowledge(
      items.map((item) => item.event),
      now,
      { engine, exceptions: deps.exceptions, baselines: deps.baselines },
    );
    // Each case alone: its latest event against the subject's stored baseline, not after the others.
    return items.map((item) => judgeInOrder([item], now, knowledge, engine)[0]);
  };
  const [before, after] = await Promise.all([judged(active), judged(draft)]);
  return {
    checked: items.length,
    limited: page.cursor !== undefined,
    changes: items.flatMap((item, index) => {
      const from = before[index]?.judgement.assessment.level;
      const to = after[index]?.judgement.assessment.level;
      if (from === undefined || to === undefined) return [];
      const verdict = verdictOf(from, to, opensCase);
      return verdict === undefined
        ? []
        : [
            {
              kind: 'recent-case' as const,
              caseId: item.riskCase.caseId,
              title: item.riskCase.subject.label,
              before: from,
              after: to,
              verdict,
              regression: false,
            },
          ];
    }),
  };
};

/** The languages of the packs that differ between the claims in force and a draft. */
const changedLanguages = (
  active: ConfiguredRiskEngine,
  draft: ConfiguredRiskEngine,
  overlay: ClaimsOverlay,
): Set<string> => {
  const touched = touchedPacks(draft.config.packs, overlay);
  return new Set(
    draft.config.packs
      .filter((pack, index) => touched.has(pack.id) || active.config.packs[index] !== pack)
      .map((pack) => pack.language),
  );
};

/** The engines in force and under a draft of one policy. */
const enginesFor = async (
  id: PolicyId,
  document: unknown,
  deps: PolicyTestDependencies,
): Promise<{ active: ConfiguredRiskEngine; draft: ConfiguredRiskEngine; activeVersion: number }> => {
  const versions = await deps.store.activeVersions();
  const policies = await loadPoliciesInForce(deps.store, versions);
  const activeVersion = versions.get(id)?.version ?? SHIPPED_VERSION;
  return {
    active: deps.createEngine(configInForce(deps.shipped, policies)),
    draft: deps.createEngine(
      configInForce(deps.shipped, withPolicy(policies, id, { version: activeVersion + 1, document })),
    ),
    activeVersion,
  };
};

/**
 * `POST /v1/policies/{id}/draft/test`: the draft (or `raw`, unsaved) against every rule's own examples and the
 * regression set — decided copies for claims, recent cases for the others.
 */
export const testPolicyDraft = async (
  id: PolicyId,
  raw: unknown,
  /** `scope`: the tester's; only the decided copies and cases it covers are re-assessed and counted. */
  actor: { readonly roles: readonly Role[]; readonly scope?: Scope },
  deps: PolicyTestDependencies,
): Promise<PolicyTest> => {
  const scope = actor.scope ?? UNSCOPED;
  assertOwner(id, actor.roles);
  const document =
    raw === undefined ? (await getPolicyDraft(id, deps)).document : parsedDocument(id, raw, deps.shipped);
  const { active, draft } = await enginesFor(id, document, deps);
  const examples =
    id === 'claims' ? exampleFailures(draft, document as ClaimsOverlay, deps) : { total: 0, failures: [] };
  // Actions change no assessment: nothing to re-assess.
  const regression =
    id === 'actions'
      ? { checked: 0, limited: false, changes: [] }
      : id === 'claims'
        ? await decidedChanges(
            active,
            draft,
            changedLanguages(active, draft, document as ClaimsOverlay),
            scope,
            deps,
          )
        : await recentCaseChanges(id, active, draft, scope, deps);
  return {
    id,
    ok: examples.failures.length === 0 && !regression.changes.some((change) => change.regression),
    stamp: {
      active: id === 'matrix' ? active.version.matrixVersion : active.version.rulesVersion,
      draft: id === 'matrix' ? draft.version.matrixVersion : draft.version.rulesVersion,
    },
    examples,
    regression,
  };
};

/** A new version after `activeVersion`, written only if that is still the one in force (409 otherwise). */
const publishVersion = async (
  change: {
    readonly id: PolicyId;
    readonly action: 'publish' | 'rollback';
    readonly restored?: number;
    readonly document: unknown;
    readonly note: string;
    readonly actor: PolicyActor;
    readonly activeVersion: number;
    /** A publication consumes the draft; a rollback leaves it. */
    readonly dropDraft: boolean;
  },
  deps: PolicyDependencies,
): Promise<PolicyVersion> => {
  const { id, action, restored, document, note, actor, activeVersion } = change;
  const next: StoredPolicyVersion = {
    id,
    version: activeVersion + 1,
    action,
    ...(restored === undefined ? {} : { restored }),
    author: actor.id,
    at: deps.clock.now().toISOString(),
    note,
    base: shippedBase(id, deps.shipped),
    document,
  };
  const saved = await deps.store.publish(next, activeVersion, change.dropDraft);
  if (saved === 'stale') {
    throw new ConflictError(`Someone published the ${id} policy at the same moment; reload and try again`, {
      activeVersion: await activeVersionOf(id, deps.store),
    });
  }
  return asVersion(next, deps.shipped);
};

/**
 * `POST /v1/policies/{id}/publish`: the draft becomes the new active version, unless its own examples fail
 * (claims) or it was written against a version that is no longer active (409 either way).
 */
export const publishPolicy = async (
  id: PolicyId,
  note: string,
  actor: PolicyActor,
  deps: PolicyTestDependencies,
): Promise<PolicyVersion> => {
  assertOwner(id, actor.roles);
  const draft = await deps.store.getDraft(id);
  if (draft === undefined)
    throw new NotFoundError(`The ${id} policy has no draft to publish; save one first`);
  // Checked again: a release since the draft was saved may have retired a rule it extends.
  const document = parsedDocument(id, draft.document, deps.shipped);
  const { draft: engine, activeVersion } = await enginesFor(id, document, deps);
  if (draft.basedOn !== activeVersion) {
    throw new ConflictError(
      `The draft was written against version ${draft.basedOn}, but version ${activeVersion} is in force now: review the draft against it and save it again`,
      { activeVersion, basedOn: draft.basedOn },
    );
  }
  if (id === 'claims') {
    const { failures } = exampleFailures(engine, document as ClaimsOverlay, deps);
    if (failures.length > 0) {
      throw new ConflictError(
        `${failures.length} of the draft's rule examples fail; fix the rules or their examples (POST …/draft/test lists them)`,
        { failures },
      );
    }
  }
  return publishVersion(
    { id, action: 'publish', document, note, actor, activeVersion, dropDraft: true },
    deps,
  );
};

/** `POST /v1/policies/{id}/rollback`: a new version equal to an older one (0: the shipped defaults). */
export const rollbackPolicy = async (
  id: PolicyId,
  target: number,
  note: string,
  actor: PolicyActor,
  deps: PolicyDependencies,
): Promise<PolicyVersion> => {
  assertOwner(id, actor.roles);
  const activeVersion = await activeVersionOf(id, deps.store);
  if (target > activeVersion) throw new NotFoundError(`The ${id} policy has no version ${target}`);
  if (target === activeVersion) {
    throw new ConflictError(`Version ${target} of the ${id} policy is already in force`, { activeVersion });
  }
  const restored = await storedVersion(id, target, deps);
  const document = parsedDocument(id, restored.document, deps.shipped);
  return publishVersion(
    { id, action: 'rollback', restored: target, document, note, actor, activeVersion, dropDraft: false },
    deps,
  );
};

import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  type ChangeVerdict,
  type ExampleExpectation,
  POLICY_OWNERS,
  type PolicyOwner,
} from '../../../shared/domain/policies/policy.ts';
import { ApiError } from '../api.ts';
import { useApp } from '../context.ts';
import { type Resource, useAction, useResource } from '../hooks.ts';
import type { PoliciesMessageId } from '../i18n/catalogues/policies/en.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { T } from '../i18n/messages.ts';
import { localizeIssue } from '../policy-edit.ts';
import type { PolicyDraft, PolicyId, PolicySummary, PolicyTest, PolicyVersion } from '../policy-types.ts';
import type { FieldIssue } from '../types.ts';
import { EmptyState, ErrorNotice, LevelBadge, Link, Loading, PageTitle, TableHead } from './common.tsx';

/** The catalogue ids of each policy's name and what it is (shared with the policy pages' titles). */
const NAME_IDS = {
  claims: 'policies.name.claims',
  matrix: 'policies.name.matrix',
  spend: 'policies.name.spend',
  sentiment: 'policies.name.sentiment',
  actions: 'policies.name.actions',
} as const satisfies Record<PolicyId, PoliciesMessageId>;
const WHAT_IDS = {
  claims: 'policies.what.claims',
  matrix: 'policies.what.matrix',
  spend: 'policies.what.spend',
  sentiment: 'policies.what.sentiment',
  actions: 'policies.what.actions',
} as const satisfies Record<PolicyId, PoliciesMessageId>;
const OWNER_IDS = {
  legal: 'policies.owner.legal',
  manager: 'policies.owner.manager',
} as const satisfies Record<PolicyOwner, PoliciesMessageId>;
const VERDICT_IDS = {
  'newly-flagged': 'policies.test.verdict.newlyFlagged',
  'newly-cleared': 'policies.test.verdict.newlyCleared',
  'level-changed': 'policies.test.verdict.levelChanged',
} as const satisfies Record<ChangeVerdict, PoliciesMessageId>;
const EXPECTED_IDS = {
  flagged: 'policies.test.expected.flagged',
  clean: 'policies.test.expected.clean',
  advisory: 'policies.test.expected.advisory',
} as const satisfies Record<ExampleExpectation, PoliciesMessageId>;

/** A policy's name in the reader's language. */
export const usePolicyName = (): ((id: PolicyId) => string) => {
  const t = useT();
  return (id) => t(NAME_IDS[id]);
};

/** "Shipped defaults" for version 0, else "Version n". */
const versionName = (t: T, version: number): string =>
  version === 0 ? t('policies.version.shipped') : t('policies.version.n', { version });

const actorName = (actor: string): string => actor.replace(/^user:/, '');

/** Whether the signed-in person may write this policy (the owner role); everyone else reads. */
export const useCanEdit = (id: PolicyId): boolean => {
  const { session } = useApp();
  return session.roles.includes(POLICY_OWNERS[id]);
};

/** `/policies`: the four policies, who owns each, what is in force and whether a draft waits. */
export const PoliciesHome = () => {
  const { api } = useApp();
  const policies = useResource(() => api.policies(), [api]);
  const t = useT();
  const format = useFormat();
  const columns = [
    t('policies.home.column.policy'),
    t('policies.home.column.owner'),
    t('policies.home.column.inForce'),
    t('policies.home.column.published'),
    t('policies.home.column.draft'),
  ];
  return (
    <>
      <PageTitle>{t('policies.home.title')}</PageTitle>
      <p class="lede">{t('policies.home.lede')}</p>
      {policies.error !== undefined && (
        <ErrorNotice error={policies.error} context={t('policies.home.failed')} retry={policies.refresh} />
      )}
      {policies.loading && policies.data === undefined ? (
        <Loading what={t('policies.home.loading')} />
      ) : (
        policies.data !== undefined && (
          <div class="table-wrap panel">
            <table class="table policy-table">
              <TableHead columns={columns} />
              <tbody>
                {policies.data.policies.map((policy: PolicySummary) => (
                  <tr key={policy.id} data-policy-id={policy.id}>
                    <th scope="row">
                      <Link href={`/policies/${policy.id}`}>{t(NAME_IDS[policy.id])}</Link>
                      <div class="muted">{t(WHAT_IDS[policy.id])}</div>
                    </th>
                    <td>{t(OWNER_IDS[policy.owner])}</td>
                    <td>
                      {versionName(t, policy.activeVersion)}
                      <div class="muted">
                        <code>{policy.stamp}</code>
                      </div>
                    </td>
                    <td>
                      {policy.publishedAt === undefined ? (
                        '—'
                      ) : (
                        <>
                          {format.dateTime(policy.publishedAt)}
                          {policy.publishedBy !== undefined && (
                            <div class="muted">{actorName(policy.publishedBy)}</div>
                          )}
                          {policy.note !== undefined && <div class="policy-note">{policy.note}</div>}
                        </>
                      )}
                    </td>
                    <td>
                      {policy.draft === undefined
                        ? t('policies.home.noDraft')
                        : t('policies.home.draftBy', {
                            by: actorName(policy.draft.savedBy),
                            ago: format.ago(policy.draft.savedAt),
                          })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {policies.data?.policies.length === 0 && <EmptyState title={t('policies.home.empty')} />}
    </>
  );
};

/**
 * The editing state every policy screen shares: the version in force, the owner's draft, the document in
 * the form (never thrown away by a failed save), and the save / test / publish / roll back actions.
 */
export interface PolicyEditor<D> {
  readonly id: PolicyId;
  readonly canEdit: boolean;
  readonly active: Resource<PolicyVersion>;
  readonly draft: Resource<PolicyDraft | undefined>;
  /** The document in the form; undefined until the policy has loaded. */
  readonly document: D | undefined;
  readonly setDocument: (next: D) => void;
  readonly dirty: boolean;
  /**
   * Field issues, dotted paths into the document: the shared schemas' check of the document as it stands
   * (live, as the person types), then the API's 400 of the last save.
   */
  readonly issues: readonly FieldIssue[];
  /** The API's issues of the last save only. */
  readonly serverIssues: readonly FieldIssue[];
  readonly save: ReturnType<typeof useAction<[], boolean>>;
  readonly test: ReturnType<typeof useAction<[], PolicyTest>>;
  readonly testResult: PolicyTest | undefined;
  readonly publish: ReturnType<typeof useAction<[string], PolicyVersion>>;
  readonly rollback: ReturnType<typeof useAction<[number, string], PolicyVersion>>;
  readonly discard: () => void;
  /** Changes whenever a version is published or restored (for the history to reload). */
  readonly generation: number;
}

/**
 * @param initialOf the form's document from the version in force and the draft (undefined: none);
 *   non-owners always see the version in force.
 * @param check client-side validation with the shared schemas; its issues block a save.
 */
export const usePolicyEditor = <D,>(
  id: PolicyId,
  initialOf: (active: PolicyVersion, draft: PolicyDraft | undefined) => D,
  check: (document: D) => FieldIssue[] = () => [],
): PolicyEditor<D> => {
  const { api, announce } = useApp();
  const t = useT();
  const canEdit = useCanEdit(id);
  const active = useResource(() => api.policy(id), [api, id]);
  const draft = useResource(
    () => (canEdit ? api.policyDraft(id) : Promise.resolve(undefined)),
    [api, id, canEdit],
  );
  const [document, setDocumentState] = useState<D | undefined>(undefined);
  const [baseline, setBaseline] = useState('');
  const [serverIssues, setServerIssues] = useState<readonly FieldIssue[]>([]);
  const [testResult, setTestResult] = useState<PolicyTest | undefined>(undefined);
  const [generation, setGeneration] = useState(0);
  const [reload, setReload] = useState(false);

  const ready = active.data !== undefined && !draft.loading && draft.error === undefined;
  useEffect(() => {
    if (!ready || active.data === undefined || (document !== undefined && !reload)) return;
    const initial = initialOf(active.data, canEdit ? draft.data : undefined);
    setDocumentState(initial);
    setBaseline(JSON.stringify(initial));
    setReload(false);
  }, [ready, active.data, draft.data, reload]);

  const dirty = document !== undefined && JSON.stringify(document) !== baseline;
  const clientIssues = useMemo(() => (document === undefined ? [] : check(document)), [document, t]);
  // The API names the shared schemas' problems in English: each is said in the reader's language.
  const issues = useMemo(
    () => [...clientIssues, ...serverIssues.map((issue) => localizeIssue(issue, t))],
    [clientIssues, serverIssues, t],
  );
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saveNow = async (): Promise<boolean> => {
    if (document === undefined) return false;
    if (clientIssues.length > 0)
      throw new ApiError(400, t('policies.draft.hasProblems'), t('policies.draft.fixMarked'), clientIssues);
    try {
      const saved = await api.saveDraft(id, document);
      setServerIssues([]);
      setBaseline(JSON.stringify(document));
      announce(t('policies.draft.saved'));
      void draft.refresh();
      return saved !== undefined;
    } catch (error) {
      if (error instanceof ApiError) setServerIssues(error.errors);
      throw error;
    }
  };
  const save = useAction(saveNow);

  const test = useAction(async (): Promise<PolicyTest> => {
    if (document === undefined) throw new ApiError(0, t('policies.draft.testFailed'), '');
    const result = await api.testDraft(id, canEdit ? document : undefined);
    setTestResult(result);
    return result;
  });

  // After a publish or a rollback the form starts again from what the server now holds.
  const restart = async (): Promise<void> => {
    setGeneration((n) => n + 1);
    await Promise.all([active.refresh(), draft.refresh()]);
    setReload(true);
  };

  const publish = useAction(async (note: string): Promise<PolicyVersion> => {
    if (note.trim() === '') throw new ApiError(400, t('policies.publish.noteMissing'), '');
    if (dirty) await saveNow();
    try {
      const version = await api.publish(id, note.trim());
      announce(t('policies.publish.published', { version: version.version }));
      setTestResult(undefined);
      await restart();
      return version;
    } catch (error) {
      // A 409 names what fails only in words: the test shows exactly which examples and copies.
      if (error instanceof ApiError && error.status === 409) {
        await api
          .testDraft(id)
          .then(setTestResult)
          .catch(() => undefined);
      }
      throw error;
    }
  });

  const rollback = useAction(async (version: number, note: string): Promise<PolicyVersion> => {
    if (note.trim() === '') throw new ApiError(400, t('policies.publish.noteMissing'), '');
    const restored = await api.rollback(id, version, note.trim());
    announce(t('policies.publish.published', { version: restored.version }));
    // Unsaved edits stay in the form; the status above it says what is in force now.
    if (!dirty) await restart();
    else {
      setGeneration((n) => n + 1);
      await active.refresh();
    }
    return restored;
  });

  const setDocument = (next: D): void => {
    setDocumentState(next);
    setTestResult(undefined);
    // The last refusals' notices would describe a document that no longer is; its fields stay marked.
    save.reset();
    publish.reset();
  };

  return {
    id,
    canEdit,
    active,
    draft,
    document,
    setDocument,
    dirty,
    issues,
    save,
    test,
    testResult,
    publish,
    rollback,
    serverIssues,
    discard: () => {
      setServerIssues([]);
      setTestResult(undefined);
      setReload(true);
    },
    generation,
  };
};

/** The page frame of one policy: title, what it is, loading and errors, read-only notice, the version in force. */
export const PolicyFrame = <D,>({
  editor,
  children,
}: {
  editor: PolicyEditor<D>;
  children: ComponentChildren;
}) => {
  const t = useT();
  const { active, draft } = editor;
  const name = t(NAME_IDS[editor.id]);
  return (
    <>
      <nav class="breadcrumbs" aria-label={t('policies.frame.breadcrumbs')}>
        <Link href="/policies">{t('policies.home.title')}</Link> › {name}
      </nav>
      <PageTitle>{name}</PageTitle>
      <p class="lede">{t(WHAT_IDS[editor.id])}</p>
      {active.error !== undefined && (
        <ErrorNotice error={active.error} context={t('policies.frame.failed')} retry={active.refresh} />
      )}
      {draft.error !== undefined && (
        <ErrorNotice error={draft.error} context={t('policies.frame.failed')} retry={draft.refresh} />
      )}
      {!editor.canEdit && (
        <p class="notice policy-readonly" data-testid="policy-readonly">
          {t('policies.frame.readOnly', { owner: POLICY_OWNERS[editor.id] })}
        </p>
      )}
      {active.data !== undefined && (
        <PolicyStatus
          version={active.data}
          draft={editor.canEdit ? draft.data : undefined}
          dirty={editor.dirty}
        />
      )}
      {editor.document === undefined
        ? active.error === undefined &&
          draft.error === undefined && <Loading what={t('policies.frame.loading')} />
        : children}
    </>
  );
};

const PolicyStatus = ({
  version,
  draft,
  dirty,
}: {
  version: PolicyVersion;
  draft: PolicyDraft | undefined;
  dirty: boolean;
}) => {
  const t = useT();
  const format = useFormat();
  return (
    <dl class="facts policy-status panel" data-testid="policy-status" data-version={version.version}>
      <div>
        <dt>{t('policies.status.inForce')}</dt>
        <dd>
          {versionName(t, version.version)}
          {version.version !== 0 && (
            <span class="muted">
              {' '}
              ·{' '}
              {t('policies.status.publishedBy', {
                by: actorName(version.author),
                ago: version.at === undefined ? '' : format.ago(version.at),
              })}
            </span>
          )}
          {version.version !== 0 && version.note !== '' && <div class="policy-note">{version.note}</div>}
        </dd>
      </div>
      <div>
        <dt>{t('policies.status.stamp')}</dt>
        <dd>
          <code>{version.stamp}</code>
        </dd>
      </div>
      <div>
        <dt>{t('policies.status.base')}</dt>
        <dd>
          <code>{version.base}</code>
        </dd>
      </div>
      {(draft !== undefined || dirty) && (
        <div class="policy-draft-state">
          <dt>{t('policies.status.draft')}</dt>
          <dd>
            {draft !== undefined &&
              t('policies.status.draftSaved', {
                by: actorName(draft.savedBy),
                ago: format.ago(draft.savedAt),
                basedOn: draft.basedOn,
              })}{' '}
            {draft !== undefined && draft.basedOn !== version.version && (
              <strong class="policy-warning">
                {t('policies.status.draftStale', { active: version.version })}
              </strong>
            )}{' '}
            {dirty && <strong>{t('policies.status.unsaved')}</strong>}
          </dd>
        </div>
      )}
    </dl>
  );
};

/** Save, test and discard: the owner's buttons under the form. */
export const DraftActions = <D,>({ editor }: { editor: PolicyEditor<D> }) => {
  const t = useT();
  const [confirming, setConfirming] = useState(false);
  if (!editor.canEdit) return null;
  return (
    <div class="policy-actions">
      {editor.save.error !== undefined && (
        <ErrorNotice error={editor.save.error} context={t('policies.draft.saveFailed')} />
      )}
      {editor.test.error !== undefined && (
        <ErrorNotice error={editor.test.error} context={t('policies.draft.testFailed')} />
      )}
      <div class="form-actions">
        <button
          type="button"
          class="button button-primary"
          disabled={editor.save.busy}
          onClick={() => void editor.save.run()}
        >
          {editor.save.busy ? t('policies.draft.saving') : t('policies.draft.save')}
        </button>
        <button
          type="button"
          class="button"
          disabled={editor.test.busy}
          onClick={() => void editor.test.run()}
        >
          {editor.test.busy ? t('policies.draft.testing') : t('policies.draft.test')}
        </button>
        {editor.dirty && (
          <button
            type="button"
            class="button button-quiet"
            onClick={() => {
              if (!confirming) {
                setConfirming(true);
                return;
              }
              setConfirming(false);
              editor.discard();
            }}
            onBlur={() => setConfirming(false)}
          >
            {confirming ? t('policies.draft.discardConfirm') : t('policies.draft.discard')}
          </button>
        )}
      </div>
    </div>
  );
};

const levelOrText = (level: string) =>
  level === 'red' || level === 'yellow' || level === 'green' ? (
    <LevelBadge level={level} short />
  ) : (
    <code>{level}</code>
  );

/** What a test answered: failing examples, and each decided copy or recent case that would change. */
export const TestResults = ({ result, kind }: { result: PolicyTest; kind: 'claims' | 'cases' }) => {
  const t = useT();
  const { failures, total } = result.examples;
  const changeColumns = [
    t('policies.test.column.subject'),
    t('policies.test.column.decision'),
    t('policies.test.column.levels'),
    t('policies.test.column.change'),
  ];
  const { changes, checked, limited } = result.regression;
  return (
    <section
      class={`panel policy-test ${result.ok ? 'is-ok' : 'is-failing'}`}
      aria-labelledby="policy-test-title"
      data-testid="policy-test"
      data-ok={String(result.ok)}
    >
      <h2 id="policy-test-title">{t('policies.test.title')}</h2>
      <p role="status" class={result.ok ? 'policy-ok' : 'policy-warning'}>
        <strong>
          {result.ok
            ? t('policies.test.ok')
            : failures.length > 0
              ? t('policies.test.examplesFail')
              : t('policies.test.regressions')}
        </strong>{' '}
        <span class="muted">
          <code>
            {result.stamp.active} → {result.stamp.draft}
          </code>
        </span>
      </p>
      {kind === 'claims' && (
        <>
          <p>
            {failures.length === 0
              ? t('policies.test.examplesOk', { total })
              : t('policies.test.examplesFailing', { failing: failures.length, total })}
          </p>
          {failures.length > 0 && (
            <ul class="policy-failures" data-testid="example-failures">
              {failures.map((failure) => (
                <li key={`${failure.ruleId}|${failure.text}`}>
                  <code>{failure.ruleId}</code>: “<span class="phrase">{failure.text}</span>”{' '}
                  {t(EXPECTED_IDS[failure.expected])},{' '}
                  {failure.ruleIds.length === 0
                    ? t('policies.test.got', { got: failure.got })
                    : t('policies.test.gotRules', { got: failure.got, rules: failure.ruleIds.join(', ') })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p>
        {t(kind === 'claims' ? 'policies.test.checkedClaims' : 'policies.test.checkedCases', {
          checked,
          limited: limited ? 'yes' : 'no',
        })}
      </p>
      {changes.length === 0 ? (
        <p class="muted">
          {t(kind === 'claims' ? 'policies.test.noChangesClaims' : 'policies.test.noChangesCases')}
        </p>
      ) : (
        <div class="table-wrap">
          <table class="table policy-changes" data-testid="regression-changes">
            <TableHead columns={changeColumns} />
            <tbody>
              {changes.map((change) => (
                <tr
                  key={`${change.caseId}|${change.reviewId ?? ''}`}
                  class={change.regression ? 'is-regression' : undefined}
                  data-case-id={change.caseId}
                  data-verdict={change.verdict}
                >
                  <td>
                    <Link href={`/cases/${encodeURIComponent(change.caseId)}`}>{change.title}</Link>
                  </td>
                  <td>
                    {change.decision === undefined
                      ? '—'
                      : t(
                          change.decision === 'approved'
                            ? 'policies.test.decision.approved'
                            : 'policies.test.decision.rejected',
                        )}
                  </td>
                  <td>
                    {levelOrText(change.before)} → {levelOrText(change.after)}
                  </td>
                  <td>
                    {t(VERDICT_IDS[change.verdict])}
                    {change.regression && change.decision !== undefined && (
                      <strong class="policy-regression">
                        {' '}
                        {t('policies.test.regression')}:{' '}
                        {t(
                          change.decision === 'approved'
                            ? 'policies.test.regressionWhy.approved'
                            : 'policies.test.regressionWhy.rejected',
                        )}
                      </strong>
                    )}
                    {change.exceptionId !== undefined && (
                      <div class="muted">{t('policies.test.explainedBy', { id: change.exceptionId })}</div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
};

/** The note and the publish button; a refusal (409) stays on screen with what fails (the test below it). */
export const PublishForm = <D,>({ editor }: { editor: PolicyEditor<D> }) => {
  const t = useT();
  const [note, setNote] = useState('');
  if (!editor.canEdit) return null;
  return (
    <form
      class="panel policy-publish"
      aria-labelledby="policy-publish-title"
      onSubmit={(event) => {
        event.preventDefault();
        void editor.publish.run(note).then((version) => {
          if (version !== undefined) setNote('');
        });
      }}
    >
      <h2 id="policy-publish-title">{t('policies.publish.title')}</h2>
      <label class="field" for={`publish-note-${editor.id}`}>
        <span class="label">{t('policies.publish.note')}</span>
        <textarea
          id={`publish-note-${editor.id}`}
          rows={2}
          maxLength={2000}
          value={note}
          placeholder={t('policies.publish.notePlaceholder')}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {editor.publish.error !== undefined && (
        <ErrorNotice error={editor.publish.error} context={t('policies.publish.failed')} />
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={editor.publish.busy}>
          {editor.publish.busy
            ? t('policies.publish.publishing')
            : editor.dirty
              ? t('policies.publish.saveAndPublish')
              : t('policies.publish.publish')}
        </button>
      </div>
    </form>
  );
};

/** Issues of one form field, announced with it (`aria-describedby` points here). */
export const FieldProblems = ({ id, messages }: { id: string; messages: readonly string[] | undefined }) =>
  messages === undefined || messages.length === 0 ? null : (
    <ul id={id} class="field-problems" role="alert">
      {messages.map((message) => (
        <li key={message}>{message}</li>
      ))}
    </ul>
  );

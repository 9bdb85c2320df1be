import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { POLICY_OWNERS } from '../../../shared/domain/policies/policy.ts';
import { ApiError } from '../api.ts';
import { useApp } from '../context.ts';
import { formatAgo, formatDateTime } from '../format.ts';
import { type Resource, useAction, useResource } from '../hooks.ts';
import type { PolicyDraft, PolicyId, PolicySummary, PolicyTest, PolicyVersion } from '../policy-types.ts';
import type { FieldIssue } from '../types.ts';
import { EmptyState, ErrorNotice, LevelBadge, Link, Loading, PageTitle, TableHead } from './common.tsx';

/** Every user-visible string of the Policies area's shared parts (issue #15 moves them into catalogues). */
export const POLICY_TEXT = {
  names: {
    claims: 'Claim rules',
    matrix: 'Risk matrix',
    spend: 'Spend thresholds',
    sentiment: 'Sentiment thresholds',
  } satisfies Record<PolicyId, string>,
  what: {
    claims:
      'Legal’s changes to the shipped rule packs: added rules, extra phrases or exceptions, rules switched off.',
    matrix: 'The probability × impact grid that turns every finding into red, yellow or green.',
    spend: 'When spend against plan, pacing, cost per acquisition and delivery raise a finding.',
    sentiment: 'When the share and swings of negative mentions raise a finding.',
  } satisfies Record<PolicyId, string>,
  owners: { legal: 'Legal', manager: 'Managers' },
  homeTitle: 'Policies',
  noPolicies: 'The service lists no policies.',
  homeLede:
    'The rules, the matrix and the thresholds behind every assessment. Each change is a draft you test against real decisions and recent cases before you publish it; a published version is in force everywhere within a minute, and any earlier version can be restored.',
  columns: ['Policy', 'Owner', 'In force', 'Published', 'Draft'],
  shipped: 'Shipped defaults',
  versionN: (n: number) => `Version ${n}`,
  noDraft: 'None',
  draftBy: (by: string, at: string) => `Saved by ${by}, ${at}`,
  open: 'Open',
  edit: 'Edit',
  loadingPolicies: 'the policies',
  policiesFailed: 'The policies could not be loaded.',
  loadingPolicy: 'the policy',
  policyFailed: 'The policy could not be loaded.',
  readOnly: (owner: string) =>
    `Read-only: ${owner.toLowerCase()} own this policy. You see the version in force and its history.`,
  inForce: 'In force',
  stamp: 'Assessments carry',
  base: 'Written against',
  publishedBy: (by: string, at: string) => `published by ${by} ${at}`,
  draftSaved: (by: string, at: string, basedOn: number) =>
    `Draft saved by ${by} ${at}, based on version ${basedOn}.`,
  draftStale: (active: number) =>
    `Version ${active} was published since: save the draft again before you publish it.`,
  unsaved: 'Unsaved changes.',
  save: 'Save draft',
  saving: 'Saving…',
  saved: 'Draft saved.',
  saveFailed: 'The draft was not saved; your changes are still here.',
  test: 'Test the changes',
  testing: 'Testing…',
  testFailed: 'The test could not run.',
  discard: 'Discard changes',
  discardConfirm: 'Discard unsaved changes? Click again to confirm.',
  publishTitle: 'Publish',
  note: 'Note for the history (required)',
  notePlaceholder: 'What changes and why, e.g. “Acme brand guideline 4.2: 国家级配方 is banned”',
  publish: 'Publish',
  saveAndPublish: 'Save and publish',
  publishing: 'Publishing…',
  published: (version: number) => `Version ${version} published: in force everywhere within a minute.`,
  publishFailed: 'Not published.',
  noteMissing: 'Write a note for the history first.',
  testTitle: 'Test result',
  testOk: 'Passes: no example fails and no decided copy regresses.',
  testExamplesFail: 'Examples fail: publishing is refused until they pass.',
  testRegressions: 'Some decided copies would change the wrong way: check each before you publish.',
  stamps: (active: string, draft: string) => `${active} → ${draft}`,
  examples: (total: number, failing: number) =>
    failing === 0 ? `All ${total} examples behave as written.` : `${failing} of ${total} examples fail:`,
  expected: {
    flagged: 'should be flagged',
    clean: 'should be left alone',
    advisory: 'should be an advisory',
  },
  got: (got: string, ruleIds: readonly string[]) =>
    `got ${got}${ruleIds.length === 0 ? '' : ` (${ruleIds.join(', ')})`}`,
  checked: (checked: number, limited: boolean, kind: 'claims' | 'cases') =>
    `${checked} ${kind === 'claims' ? 'decided copies' : 'recent cases'} re-assessed${limited ? ' (the most recent; there are more)' : ''}.`,
  noChanges: (kind: 'claims' | 'cases') =>
    kind === 'claims' ? 'No decided copy would change.' : 'No recent case would change level.',
  changeColumns: ['Copy or case', 'Decision', 'Before → after', 'Change'],
  verdicts: {
    'newly-flagged': 'Newly flagged',
    'newly-cleared': 'Newly cleared',
    'level-changed': 'Level changed',
  },
  decisions: { approved: 'Approved', rejected: 'Rejected' },
  regression: 'Regression',
  regressionWhy: {
    approved: 'legal approved this copy: it would now be flagged',
    rejected: 'legal rejected this copy: it would now pass',
  },
  explainedBy: (id: string) => `explained by exception ${id}`,
  hasProblems: 'The policy has problems',
  fixMarked: 'Fix the fields marked below.',
} as const;

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
  const T = POLICY_TEXT;
  return (
    <>
      <PageTitle>{T.homeTitle}</PageTitle>
      <p class="lede">{T.homeLede}</p>
      {policies.error !== undefined && (
        <ErrorNotice error={policies.error} context={T.policiesFailed} retry={policies.refresh} />
      )}
      {policies.loading && policies.data === undefined ? (
        <Loading what={T.loadingPolicies} />
      ) : (
        policies.data !== undefined && (
          <div class="table-wrap panel">
            <table class="table policy-table">
              <TableHead columns={T.columns} />
              <tbody>
                {policies.data.policies.map((policy: PolicySummary) => (
                  <tr key={policy.id} data-policy-id={policy.id}>
                    <th scope="row">
                      <Link href={`/policies/${policy.id}`}>{T.names[policy.id]}</Link>
                      <div class="muted">{T.what[policy.id]}</div>
                    </th>
                    <td>{T.owners[policy.owner]}</td>
                    <td>
                      {policy.activeVersion === 0 ? T.shipped : T.versionN(policy.activeVersion)}
                      <div class="muted">
                        <code>{policy.stamp}</code>
                      </div>
                    </td>
                    <td>
                      {policy.publishedAt === undefined ? (
                        '—'
                      ) : (
                        <>
                          {formatDateTime(policy.publishedAt)}
                          {policy.publishedBy !== undefined && (
                            <div class="muted">{actorName(policy.publishedBy)}</div>
                          )}
                          {policy.note !== undefined && <div class="policy-note">{policy.note}</div>}
                        </>
                      )}
                    </td>
                    <td>
                      {policy.draft === undefined
                        ? T.noDraft
                        : T.draftBy(actorName(policy.draft.savedBy), formatAgo(policy.draft.savedAt))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )
      )}
      {policies.data?.policies.length === 0 && <EmptyState title={T.noPolicies} />}
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
  const clientIssues = useMemo(() => (document === undefined ? [] : check(document)), [document]);
  const issues = useMemo(() => [...clientIssues, ...serverIssues], [clientIssues, serverIssues]);
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent): void => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const saveNow = async (): Promise<boolean> => {
    if (document === undefined) return false;
    if (clientIssues.length > 0)
      throw new ApiError(400, POLICY_TEXT.hasProblems, POLICY_TEXT.fixMarked, clientIssues);
    try {
      const saved = await api.saveDraft(id, document);
      setServerIssues([]);
      setBaseline(JSON.stringify(document));
      announce(POLICY_TEXT.saved);
      void draft.refresh();
      return saved !== undefined;
    } catch (error) {
      if (error instanceof ApiError) setServerIssues(error.errors);
      throw error;
    }
  };
  const save = useAction(saveNow);

  const test = useAction(async (): Promise<PolicyTest> => {
    if (document === undefined) throw new ApiError(0, POLICY_TEXT.testFailed, '');
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
    if (note.trim() === '') throw new ApiError(400, POLICY_TEXT.noteMissing, '');
    if (dirty) await saveNow();
    try {
      const version = await api.publish(id, note.trim());
      announce(POLICY_TEXT.published(version.version));
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
    if (note.trim() === '') throw new ApiError(400, POLICY_TEXT.noteMissing, '');
    const restored = await api.rollback(id, version, note.trim());
    announce(POLICY_TEXT.published(restored.version));
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
  const T = POLICY_TEXT;
  const { active, draft } = editor;
  const owner = T.owners[POLICY_OWNERS[editor.id]];
  return (
    <>
      <nav class="breadcrumbs" aria-label="Breadcrumbs">
        <Link href="/policies">{T.homeTitle}</Link> › {T.names[editor.id]}
      </nav>
      <PageTitle>{T.names[editor.id]}</PageTitle>
      <p class="lede">{T.what[editor.id]}</p>
      {active.error !== undefined && (
        <ErrorNotice error={active.error} context={T.policyFailed} retry={active.refresh} />
      )}
      {draft.error !== undefined && (
        <ErrorNotice error={draft.error} context={T.policyFailed} retry={draft.refresh} />
      )}
      {!editor.canEdit && (
        <p class="notice policy-readonly" data-testid="policy-readonly">
          {T.readOnly(owner)}
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
        ? active.error === undefined && draft.error === undefined && <Loading what={T.loadingPolicy} />
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
  const T = POLICY_TEXT;
  return (
    <dl class="facts policy-status panel" data-testid="policy-status" data-version={version.version}>
      <div>
        <dt>{T.inForce}</dt>
        <dd>
          {version.version === 0 ? T.shipped : T.versionN(version.version)}
          {version.version !== 0 && (
            <span class="muted">
              {' '}
              ·{' '}
              {T.publishedBy(
                actorName(version.author),
                version.at === undefined ? '' : formatAgo(version.at),
              )}
            </span>
          )}
          {version.version !== 0 && version.note !== '' && <div class="policy-note">{version.note}</div>}
        </dd>
      </div>
      <div>
        <dt>{T.stamp}</dt>
        <dd>
          <code>{version.stamp}</code>
        </dd>
      </div>
      <div>
        <dt>{T.base}</dt>
        <dd>
          <code>{version.base}</code>
        </dd>
      </div>
      {(draft !== undefined || dirty) && (
        <div class="policy-draft-state">
          <dt>Draft</dt>
          <dd>
            {draft !== undefined &&
              T.draftSaved(actorName(draft.savedBy), formatAgo(draft.savedAt), draft.basedOn)}{' '}
            {draft !== undefined && draft.basedOn !== version.version && (
              <strong class="policy-warning">{T.draftStale(version.version)}</strong>
            )}{' '}
            {dirty && <strong>{T.unsaved}</strong>}
          </dd>
        </div>
      )}
    </dl>
  );
};

/** Save, test and discard: the owner's buttons under the form. */
export const DraftActions = <D,>({ editor }: { editor: PolicyEditor<D> }) => {
  const T = POLICY_TEXT;
  const [confirming, setConfirming] = useState(false);
  if (!editor.canEdit) return null;
  return (
    <div class="policy-actions">
      {editor.save.error !== undefined && <ErrorNotice error={editor.save.error} context={T.saveFailed} />}
      {editor.test.error !== undefined && <ErrorNotice error={editor.test.error} context={T.testFailed} />}
      <div class="form-actions">
        <button
          type="button"
          class="button button-primary"
          disabled={editor.save.busy}
          onClick={() => void editor.save.run()}
        >
          {editor.save.busy ? T.saving : T.save}
        </button>
        <button
          type="button"
          class="button"
          disabled={editor.test.busy}
          onClick={() => void editor.test.run()}
        >
          {editor.test.busy ? T.testing : T.test}
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
            {confirming ? T.discardConfirm : T.discard}
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
  const T = POLICY_TEXT;
  const { failures, total } = result.examples;
  const { changes, checked, limited } = result.regression;
  return (
    <section
      class={`panel policy-test ${result.ok ? 'is-ok' : 'is-failing'}`}
      aria-labelledby="policy-test-title"
      data-testid="policy-test"
      data-ok={String(result.ok)}
    >
      <h2 id="policy-test-title">{T.testTitle}</h2>
      <p role="status" class={result.ok ? 'policy-ok' : 'policy-warning'}>
        <strong>{result.ok ? T.testOk : failures.length > 0 ? T.testExamplesFail : T.testRegressions}</strong>{' '}
        <span class="muted">
          <code>{T.stamps(result.stamp.active, result.stamp.draft)}</code>
        </span>
      </p>
      {kind === 'claims' && (
        <>
          <p>{T.examples(total, failures.length)}</p>
          {failures.length > 0 && (
            <ul class="policy-failures" data-testid="example-failures">
              {failures.map((failure) => (
                <li key={`${failure.ruleId}|${failure.text}`}>
                  <code>{failure.ruleId}</code>: “<span class="phrase">{failure.text}</span>”{' '}
                  {T.expected[failure.expected]}, {T.got(failure.got, failure.ruleIds)}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p>{T.checked(checked, limited, kind)}</p>
      {changes.length === 0 ? (
        <p class="muted">{T.noChanges(kind)}</p>
      ) : (
        <div class="table-wrap">
          <table class="table policy-changes" data-testid="regression-changes">
            <TableHead columns={T.changeColumns} />
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
                  <td>{change.decision === undefined ? '—' : T.decisions[change.decision]}</td>
                  <td>
                    {levelOrText(change.before)} → {levelOrText(change.after)}
                  </td>
                  <td>
                    {T.verdicts[change.verdict]}
                    {change.regression && change.decision !== undefined && (
                      <strong class="policy-regression">
                        {' '}
                        {T.regression}: {T.regressionWhy[change.decision]}
                      </strong>
                    )}
                    {change.exceptionId !== undefined && (
                      <div class="muted">{T.explainedBy(change.exceptionId)}</div>
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
  const T = POLICY_TEXT;
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
      <h2 id="policy-publish-title">{T.publishTitle}</h2>
      <label class="field" for={`publish-note-${editor.id}`}>
        <span class="label">{T.note}</span>
        <textarea
          id={`publish-note-${editor.id}`}
          rows={2}
          maxLength={2000}
          value={note}
          placeholder={T.notePlaceholder}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {editor.publish.error !== undefined && (
        <ErrorNotice error={editor.publish.error} context={T.publishFailed} />
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={editor.publish.busy}>
          {editor.publish.busy ? T.publishing : editor.dirty ? T.saveAndPublish : T.publish}
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

import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { formatDateTime } from '../format.ts';
import { useAction, useResource } from '../hooks.ts';
import type { PolicyChange, PolicyDiff, PolicyVersionSummary } from '../policy-types.ts';
import { ErrorNotice, Loading, TableHead } from './common.tsx';
import type { PolicyEditor } from './Policies.tsx';

/** Every user-visible string of the history and diff (issue #15 moves them into catalogues). */
const TEXT = {
  title: 'History',
  lede: 'Every version published or restored, newest first. Compare any two, or restore an older one as a new version.',
  loading: 'the history',
  failed: 'The history could not be loaded.',
  columns: ['Version', 'What', 'Who', 'When', 'Note', ''],
  shipped: 'Shipped defaults',
  published: 'Published',
  rolledBack: (restored: number | undefined) =>
    restored === undefined ? 'Rolled back' : `Rolled back to version ${restored}`,
  inForce: 'in force',
  compare: 'Compare with in force',
  rollbackTo: (version: number) => `Roll back to version ${version}`,
  rollbackNote: (version: number) => `Why restore version ${version} (required)`,
  rollbackConfirm: 'Roll back',
  rollingBack: 'Rolling back…',
  cancel: 'Cancel',
  rollbackFailed: 'Not rolled back.',
  more: 'Load older versions',
  diffTitle: 'Differences',
  from: 'From',
  to: 'To',
  draft: 'Draft',
  versionOption: (version: number) => (version === 0 ? 'Version 0 (shipped defaults)' : `Version ${version}`),
  show: 'Show differences',
  showing: 'Comparing…',
  diffFailed: 'The differences could not be loaded.',
  same: 'No differences.',
  ops: { added: 'Added', removed: 'Removed', changed: 'Changed' },
  diffColumns: ['Where', 'Change', 'Before', 'After'],
  none: '—',
} as const;

/** Versions read per page of the history. */
const PAGE = 25;

const actorName = (actor: string): string => actor.replace(/^user:/, '');

/** A value of the diff as a person reads it: text as is, anything else as compact JSON. */
export const shownValue = (value: unknown): string => {
  if (value === undefined) return TEXT.none;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

const DiffTable = ({ diff }: { diff: PolicyDiff }) =>
  diff.changes.length === 0 ? (
    <p class="muted">{TEXT.same}</p>
  ) : (
    <div class="table-wrap">
      <table class="table policy-diff" data-testid="policy-diff">
        <TableHead columns={TEXT.diffColumns} />
        <tbody>
          {diff.changes.map((change: PolicyChange) => (
            <tr key={change.path.join('.')} class={`diff-${change.op}`}>
              <th scope="row">
                <code>{change.path.join(' › ')}</code>
              </th>
              <td>{TEXT.ops[change.op]}</td>
              <td class="diff-before">{shownValue(change.before)}</td>
              <td class="diff-after">{shownValue(change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );

type Side = number | 'draft';
const sideOf = (value: string): Side => (value === 'draft' ? 'draft' : Number(value));

/** The versions of a policy, the diff between any two (or in force ↔ draft), and roll back with a note. */
export const PolicyHistory = <D,>({ editor }: { editor: PolicyEditor<D> }) => {
  const { api } = useApp();
  const versions = useResource(
    () => api.policyVersions(editor.id, { limit: PAGE }),
    [api, editor.id, editor.generation],
  );
  // Older pages, each read with the cursor of the one before; a new version starts the list again.
  const [older, setOlder] = useState<{ generation: number; items: PolicyVersionSummary[]; cursor?: string }>({
    generation: -1,
    items: [],
  });
  const olderNow = older.generation === editor.generation ? older : undefined;
  const nextCursor = olderNow === undefined ? versions.data?.cursor : olderNow.cursor;
  const loadOlder = useAction(async (cursor: string) => {
    const page = await api.policyVersions(editor.id, { limit: PAGE, cursor });
    setOlder({
      generation: editor.generation,
      items: [...(olderNow?.items ?? []), ...page.items],
      ...(page.cursor === undefined ? {} : { cursor: page.cursor }),
    });
    return page;
  });
  const activeVersion = editor.active.data?.version ?? 0;
  const hasDraft = editor.canEdit && editor.draft.data !== undefined;
  const [from, setFrom] = useState<Side | undefined>(undefined);
  const [to, setTo] = useState<Side | undefined>(undefined);
  const [diff, setDiff] = useState<PolicyDiff | undefined>(undefined);
  const loadDiff = useAction(async (a: Side, b: Side) => {
    const result = await api.policyDiff(editor.id, a, b);
    setDiff(result);
    return result;
  });
  const [restoring, setRestoring] = useState<number | undefined>(undefined);
  const [note, setNote] = useState('');

  const listed: readonly PolicyVersionSummary[] = [
    ...(versions.data?.items ?? []),
    ...(olderNow?.items ?? []),
  ];
  // Version 0 (the shipped defaults) can always be restored, whether or not the API lists it.
  const items = listed.some((item) => item.version === 0)
    ? listed
    : nextCursor === undefined && versions.data !== undefined
      ? [
          ...listed,
          {
            id: editor.id,
            version: 0,
            action: 'publish',
            author: 'shipped',
            note: '',
            base: editor.active.data?.base ?? '',
          } satisfies PolicyVersionSummary,
        ]
      : listed;
  const choices: Side[] = [...(hasDraft ? (['draft'] as const) : []), ...items.map((item) => item.version)];
  const fromSide = from ?? activeVersion;
  const toSide = to ?? (hasDraft ? 'draft' : activeVersion);
  const option = (side: Side) => (
    <option key={String(side)} value={String(side)}>
      {side === 'draft' ? TEXT.draft : TEXT.versionOption(side)}
    </option>
  );

  return (
    <section class="panel policy-history" aria-labelledby={`history-${editor.id}`}>
      <h2 id={`history-${editor.id}`}>{TEXT.title}</h2>
      <p class="muted">{TEXT.lede}</p>
      {versions.error !== undefined && (
        <ErrorNotice error={versions.error} context={TEXT.failed} retry={versions.refresh} />
      )}
      {versions.loading && versions.data === undefined ? (
        <Loading what={TEXT.loading} />
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="policy-versions">
            <TableHead columns={TEXT.columns} />
            <tbody>
              {items.map((item) => (
                <tr key={item.version} data-version={item.version}>
                  <th scope="row">
                    {item.version}
                    {item.version === activeVersion && (
                      <span class="badge policy-active">{TEXT.inForce}</span>
                    )}
                  </th>
                  <td>
                    {item.version === 0
                      ? TEXT.shipped
                      : item.action === 'rollback'
                        ? TEXT.rolledBack(item.restored)
                        : TEXT.published}
                  </td>
                  <td>{actorName(item.author)}</td>
                  <td>{item.at === undefined || item.at === '' ? TEXT.none : formatDateTime(item.at)}</td>
                  <td class="policy-note">{item.note}</td>
                  <td class="policy-row-actions">
                    {item.version !== activeVersion && (
                      <button
                        type="button"
                        class="button button-small"
                        onClick={() => {
                          setFrom(activeVersion);
                          setTo(item.version);
                          void loadDiff.run(activeVersion, item.version);
                        }}
                      >
                        {TEXT.compare}
                      </button>
                    )}
                    {editor.canEdit && item.version !== activeVersion && (
                      <button
                        type="button"
                        class="button button-small"
                        aria-expanded={restoring === item.version}
                        onClick={() => {
                          setRestoring(restoring === item.version ? undefined : item.version);
                          editor.rollback.reset();
                        }}
                      >
                        {TEXT.rollbackTo(item.version)}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loadOlder.error !== undefined && <ErrorNotice error={loadOlder.error} context={TEXT.failed} />}
      {nextCursor !== undefined && (
        <button
          type="button"
          class="button button-quiet"
          disabled={loadOlder.busy}
          onClick={() => void loadOlder.run(nextCursor)}
        >
          {TEXT.more}
        </button>
      )}
      {restoring !== undefined && editor.canEdit && (
        <form
          class="policy-rollback"
          onSubmit={(event) => {
            event.preventDefault();
            void editor.rollback.run(restoring, note).then((done) => {
              if (done === undefined) return;
              setRestoring(undefined);
              setNote('');
            });
          }}
        >
          <label class="field" for={`rollback-note-${editor.id}`}>
            <span class="label">{TEXT.rollbackNote(restoring)}</span>
            <input
              id={`rollback-note-${editor.id}`}
              type="text"
              maxLength={2000}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </label>
          {editor.rollback.error !== undefined && (
            <ErrorNotice error={editor.rollback.error} context={TEXT.rollbackFailed} />
          )}
          <div class="form-actions">
            <button type="submit" class="button button-danger" disabled={editor.rollback.busy}>
              {editor.rollback.busy ? TEXT.rollingBack : TEXT.rollbackConfirm}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setRestoring(undefined)}>
              {TEXT.cancel}
            </button>
          </div>
        </form>
      )}
      <h3>{TEXT.diffTitle}</h3>
      <form
        class="filters policy-diff-form"
        onSubmit={(event) => {
          event.preventDefault();
          void loadDiff.run(fromSide, toSide);
        }}
      >
        <label class="field field-inline">
          <span class="label">{TEXT.from}</span>
          <select value={String(fromSide)} onChange={(event) => setFrom(sideOf(event.currentTarget.value))}>
            {choices.map(option)}
          </select>
        </label>
        <label class="field field-inline">
          <span class="label">{TEXT.to}</span>
          <select value={String(toSide)} onChange={(event) => setTo(sideOf(event.currentTarget.value))}>
            {choices.map(option)}
          </select>
        </label>
        <button type="submit" class="button button-small" disabled={loadDiff.busy}>
          {loadDiff.busy ? TEXT.showing : TEXT.show}
        </button>
      </form>
      {loadDiff.error !== undefined && <ErrorNotice error={loadDiff.error} context={TEXT.diffFailed} />}
      {diff !== undefined && <DiffTable diff={diff} />}
    </section>
  );
};

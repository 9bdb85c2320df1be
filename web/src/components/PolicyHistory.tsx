import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { useAction, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { PolicyChange, PolicyDiff, PolicyVersionSummary } from '../policy-types.ts';
import { ErrorNotice, Loading, TableHead } from './common.tsx';
import type { PolicyEditor } from './Policies.tsx';

/** Versions read per page of the history. */
const PAGE = 25;

const actorName = (actor: string): string => actor.replace(/^user:/, '');

/** A value of the diff as a person reads it: text as is, anything else as compact JSON. */
export const shownValue = (value: unknown): string => {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
};

const OP_IDS = {
  added: 'policies.diff.op.added',
  removed: 'policies.diff.op.removed',
  changed: 'policies.diff.op.changed',
} as const;

const DiffTable = ({ diff }: { diff: PolicyDiff }) => {
  const t = useT();
  return diff.changes.length === 0 ? (
    <p class="muted">{t('policies.diff.same')}</p>
  ) : (
    <div class="table-wrap">
      <table class="table policy-diff" data-testid="policy-diff">
        <TableHead
          columns={[
            t('policies.diff.column.where'),
            t('policies.diff.column.change'),
            t('policies.diff.column.before'),
            t('policies.diff.column.after'),
          ]}
        />
        <tbody>
          {diff.changes.map((change: PolicyChange) => (
            <tr key={change.path.join('.')} class={`diff-${change.op}`}>
              <th scope="row">
                <code>{change.path.join(' › ')}</code>
              </th>
              <td>{t(OP_IDS[change.op])}</td>
              <td class="diff-before">{shownValue(change.before)}</td>
              <td class="diff-after">{shownValue(change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

type Side = number | 'draft';
const sideOf = (value: string): Side => (value === 'draft' ? 'draft' : Number(value));

/** The versions of a policy, the diff between any two (or in force ↔ draft), and roll back with a note. */
export const PolicyHistory = <D,>({ editor }: { editor: PolicyEditor<D> }) => {
  const { api } = useApp();
  const t = useT();
  const format = useFormat();
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
  const columns = [
    t('policies.history.column.version'),
    t('policies.history.column.what'),
    t('policies.history.column.who'),
    t('policies.history.column.when'),
    t('policies.history.column.note'),
    '',
  ];
  const option = (side: Side) => (
    <option key={String(side)} value={String(side)}>
      {side === 'draft'
        ? t('policies.diff.draft')
        : side === 0
          ? t('policies.diff.versionZero')
          : t('policies.version.n', { version: side })}
    </option>
  );

  return (
    <section class="panel policy-history" aria-labelledby={`history-${editor.id}`}>
      <h2 id={`history-${editor.id}`}>{t('policies.history.title')}</h2>
      <p class="muted">{t('policies.history.lede')}</p>
      {versions.error !== undefined && (
        <ErrorNotice error={versions.error} context={t('policies.history.failed')} retry={versions.refresh} />
      )}
      {versions.loading && versions.data === undefined ? (
        <Loading what={t('policies.history.loading')} />
      ) : (
        <div class="table-wrap">
          <table class="table" data-testid="policy-versions">
            <TableHead columns={columns} />
            <tbody>
              {items.map((item) => (
                <tr key={item.version} data-version={item.version}>
                  <th scope="row">
                    {item.version}
                    {item.version === activeVersion && (
                      <span class="badge policy-active">{t('policies.history.inForce')}</span>
                    )}
                  </th>
                  <td>
                    {item.version === 0
                      ? t('policies.version.shipped')
                      : item.action === 'rollback'
                        ? item.restored === undefined
                          ? t('policies.history.rolledBack')
                          : t('policies.history.rolledBackTo', { version: item.restored })
                        : t('policies.history.published')}
                  </td>
                  <td>
                    {item.author === 'shipped' ? t('policies.history.shippedAuthor') : actorName(item.author)}
                  </td>
                  <td>{item.at === undefined || item.at === '' ? '—' : format.dateTime(item.at)}</td>
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
                        {t('policies.history.compare')}
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
                        {t('policies.history.rollbackTo', { version: item.version })}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {loadOlder.error !== undefined && (
        <ErrorNotice error={loadOlder.error} context={t('policies.history.failed')} />
      )}
      {nextCursor !== undefined && (
        <button
          type="button"
          class="button button-quiet"
          disabled={loadOlder.busy}
          onClick={() => void loadOlder.run(nextCursor)}
        >
          {t('policies.history.more')}
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
            <span class="label">{t('policies.history.rollbackNote', { version: restoring })}</span>
            <input
              id={`rollback-note-${editor.id}`}
              type="text"
              maxLength={2000}
              value={note}
              onInput={(event) => setNote(event.currentTarget.value)}
            />
          </label>
          {editor.rollback.error !== undefined && (
            <ErrorNotice error={editor.rollback.error} context={t('policies.history.rollbackFailed')} />
          )}
          <div class="form-actions">
            <button type="submit" class="button button-danger" disabled={editor.rollback.busy}>
              {editor.rollback.busy
                ? t('policies.history.rollingBack')
                : t('policies.history.rollbackConfirm')}
            </button>
            <button type="button" class="button button-quiet" onClick={() => setRestoring(undefined)}>
              {t('policies.cancel')}
            </button>
          </div>
        </form>
      )}
      <h3>{t('policies.diff.title')}</h3>
      <form
        class="filters policy-diff-form"
        onSubmit={(event) => {
          event.preventDefault();
          void loadDiff.run(fromSide, toSide);
        }}
      >
        <label class="field field-inline">
          <span class="label">{t('policies.diff.from')}</span>
          <select value={String(fromSide)} onChange={(event) => setFrom(sideOf(event.currentTarget.value))}>
            {choices.map(option)}
          </select>
        </label>
        <label class="field field-inline">
          <span class="label">{t('policies.diff.to')}</span>
          <select value={String(toSide)} onChange={(event) => setTo(sideOf(event.currentTarget.value))}>
            {choices.map(option)}
          </select>
        </label>
        <button type="submit" class="button button-small" disabled={loadDiff.busy}>
          {loadDiff.busy ? t('policies.diff.showing') : t('policies.diff.show')}
        </button>
      </form>
      {loadDiff.error !== undefined && (
        <ErrorNotice error={loadDiff.error} context={t('policies.diff.failed')} />
      )}
      {diff !== undefined && <DiffTable diff={diff} />}
    </section>
  );
};

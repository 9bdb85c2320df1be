import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { RISK_TYPE_LABELS, RISK_TYPES, STATUS_LABELS } from '../format.ts';
import { useAction, useResource } from '../hooks.ts';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Case } from '../types.ts';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle, SelectField } from './common.tsx';

const RISK_TYPE_CHOICES = [
  ['', 'All'],
  ...RISK_TYPES.map((type) => [type, RISK_TYPE_LABELS[type]] as const),
] as const;
const STATUS_CHOICES = [['', 'Any'], ...Object.entries(STATUS_LABELS)] as const;
const LEVEL_CHOICES = [
  ['', 'Any'],
  ['red', 'Red'],
  ['yellow', 'Yellow'],
  ['green', 'Green'],
] as const;

/** Everything a person might type to find a case: subject, ids, findings, and the risk-library record. */
const haystackOf = (item: Case): string =>
  [
    item.caseId,
    item.subject.label,
    item.subject.key,
    item.subject.brand,
    item.subject.product,
    item.subject.campaignId,
    item.subject.channel,
    item.subject.market,
    item.subject.copyId,
    ...item.findings.flatMap((finding) => [
      finding.ruleId,
      finding.message,
      finding.basis,
      ...(finding.evidence ?? []).map((evidence) => evidence.text),
    ]),
    ...(item.resolution === undefined
      ? []
      : [...item.resolution.whys, ...item.resolution.measures, item.resolution.improvementPlan]),
  ]
    .filter((part): part is string => part !== undefined)
    .join('\n')
    .toLocaleLowerCase();

const SERVER_FILTERS = ['riskType', 'brand', 'campaignId', 'status', 'level'] as const;

/**
 * The risk case library: every case, newest first, filtered by risk type, brand, campaign, status and level
 * on the server and by free text over the pages loaded so far.
 */
export const Library = () => {
  const { api } = useApp();
  const location = useLocation();
  const filters = Object.fromEntries(
    SERVER_FILTERS.map((name) => [name, location.query.get(name) ?? '']),
  ) as Record<(typeof SERVER_FILTERS)[number], string>;
  const text = location.query.get('q') ?? '';
  const filterKey = SERVER_FILTERS.map((name) => filters[name]).join('|');
  const [extra, setExtra] = useState<{ items: Case[]; cursor: string | undefined }>({
    items: [],
    cursor: undefined,
  });
  const first = useResource(() => api.cases({ ...filters, limit: 50 }), [api, filterKey]);
  const more = useAction(api.cases);
  const [draft, setDraft] = useState({ ...filters, q: text });

  useEffect(() => setExtra({ items: [], cursor: undefined }), [filterKey]);
  useEffect(() => setDraft({ ...filters, q: text }), [filterKey, text]);
  const set =
    (field: keyof typeof draft) =>
    (value: string): void =>
      setDraft({ ...draft, [field]: value });

  const loaded = [...(first.data?.items ?? []), ...extra.items];
  const cursor = extra.items.length > 0 ? extra.cursor : first.data?.cursor;
  const needle = text.trim().toLocaleLowerCase();
  const shown = needle === '' ? loaded : loaded.filter((item) => haystackOf(item).includes(needle));

  const loadMore = async (): Promise<void> => {
    if (cursor === undefined) return;
    const page = await more.run({ ...filters, limit: 50, cursor });
    if (page !== undefined) setExtra({ items: [...extra.items, ...page.items], cursor: page.cursor });
  };

  return (
    <>
      <PageTitle>Case library</PageTitle>
      <p class="lede">
        Every case with what happened, the root cause and what was done — so the next team learns.
      </p>
      <form
        class="panel search"
        aria-label="Search the case library"
        onSubmit={(event) => {
          event.preventDefault();
          navigate(withQuery(location, draft), { replace: true });
        }}
      >
        <label class="field field-grow">
          <span class="label">Text</span>
          <input
            type="search"
            value={draft.q}
            placeholder="Subject, finding, root cause …"
            onInput={(event) => set('q')(event.currentTarget.value)}
          />
        </label>
        <SelectField
          label="Risk type"
          value={draft.riskType}
          options={RISK_TYPE_CHOICES}
          onChange={set('riskType')}
        />
        <label class="field">
          <span class="label">Brand</span>
          <input
            type="text"
            value={draft.brand}
            onInput={(event) => set('brand')(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="label">Campaign</span>
          <input
            type="text"
            value={draft.campaignId}
            placeholder="cmp-…"
            onInput={(event) => set('campaignId')(event.currentTarget.value)}
          />
        </label>
        <SelectField label="Status" value={draft.status} options={STATUS_CHOICES} onChange={set('status')} />
        <SelectField label="Level" value={draft.level} options={LEVEL_CHOICES} onChange={set('level')} />
        <div class="search-actions">
          <button type="submit" class="button button-primary">
            Search
          </button>
        </div>
      </form>
      {first.error !== undefined && (
        <ErrorNotice
          error={first.error}
          context={
            first.error.status === 400 ? 'The search was not accepted.' : 'The library could not be loaded.'
          }
          retry={first.refresh}
        />
      )}
      {first.loading && first.data === undefined ? (
        <Loading what="the case library" />
      ) : (
        <section aria-labelledby="results-title">
          <h2 id="results-title" class="results-title" aria-live="polite">
            {needle === ''
              ? `${shown.length} ${shown.length === 1 ? 'case' : 'cases'}${cursor === undefined ? '' : ' loaded'}`
              : `${shown.length} of ${loaded.length} loaded cases match “${text.trim()}”`}
          </h2>
          {shown.length === 0 ? (
            first.data !== undefined && (
              <EmptyState title="No case matches.">
                {cursor !== undefined ? 'Load more cases to search further back, or ' : ''}
                Change or clear the filters.
              </EmptyState>
            )
          ) : (
            <CaseList cases={shown} label="Cases, newest first" />
          )}
          {more.error !== undefined && (
            <ErrorNotice error={more.error} context="More cases could not be loaded." />
          )}
          {cursor !== undefined && (
            <p class="more">
              <button type="button" class="button" disabled={more.busy} onClick={() => void loadMore()}>
                {more.busy ? 'Loading…' : 'Load more cases'}
              </button>
            </p>
          )}
        </section>
      )}
    </>
  );
};

import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { RISK_TYPES } from '../format.ts';
import { useAction, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Case } from '../types.ts';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle, SelectField } from './common.tsx';

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
  const t = useT();
  const format = useFormat();
  const location = useLocation();
  const riskTypeChoices: [string, string][] = [
    ['', t('core.library.all')],
    ...RISK_TYPES.map((type): [string, string] => [type, format.riskType(type)]),
  ];
  const statusChoices: [string, string][] = [
    ['', t('core.library.any')],
    ...(['open', 'acknowledged', 'resolved'] as const).map((status): [string, string] => [
      status,
      format.status(status),
    ]),
  ];
  const levelChoices: [string, string][] = [
    ['', t('core.library.any')],
    ...['red', 'yellow', 'green'].map((level): [string, string] => [level, format.levelShort(level)]),
  ];
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
      <PageTitle>{t('core.nav.library')}</PageTitle>
      <p class="lede">{t('core.library.lede')}</p>
      <form
        class="panel search"
        aria-label={t('core.library.searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          navigate(withQuery(location, draft), { replace: true });
        }}
      >
        <label class="field field-grow">
          <span class="label">{t('core.library.text')}</span>
          <input
            type="search"
            value={draft.q}
            placeholder={t('core.library.textPlaceholder')}
            onInput={(event) => set('q')(event.currentTarget.value)}
          />
        </label>
        <SelectField
          label={t('core.case.riskType')}
          value={draft.riskType}
          options={riskTypeChoices}
          onChange={set('riskType')}
        />
        <label class="field">
          <span class="label">{t('core.case.brand')}</span>
          <input
            type="text"
            value={draft.brand}
            onInput={(event) => set('brand')(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="label">{t('core.case.campaign')}</span>
          <input
            type="text"
            value={draft.campaignId}
            placeholder="cmp-…"
            onInput={(event) => set('campaignId')(event.currentTarget.value)}
          />
        </label>
        <SelectField
          label={t('core.board.status')}
          value={draft.status}
          options={statusChoices}
          onChange={set('status')}
        />
        <SelectField
          label={t('core.board.level')}
          value={draft.level}
          options={levelChoices}
          onChange={set('level')}
        />
        <div class="search-actions">
          <button type="submit" class="button button-primary">
            {t('core.library.search')}
          </button>
        </div>
      </form>
      {first.error !== undefined && (
        <ErrorNotice
          error={first.error}
          context={
            first.error.status === 400 ? t('core.library.searchRefused') : t('core.library.loadFailed')
          }
          retry={first.refresh}
        />
      )}
      {first.loading && first.data === undefined ? (
        <Loading what={t('core.library.loadingWhat')} />
      ) : (
        <section aria-labelledby="results-title">
          <h2 id="results-title" class="results-title" aria-live="polite">
            {needle === ''
              ? t(cursor === undefined ? 'core.library.count' : 'core.library.countLoaded', {
                  n: shown.length,
                })
              : t('core.library.matches', { n: shown.length, loaded: loaded.length, text: text.trim() })}
          </h2>
          {shown.length === 0 ? (
            first.data !== undefined && (
              <EmptyState title={t('core.library.noMatch')}>
                {cursor !== undefined ? t('core.library.noMatchMore') : t('core.library.noMatchBody')}
              </EmptyState>
            )
          ) : (
            <CaseList cases={shown} label={t('core.board.listLabel')} />
          )}
          {more.error !== undefined && (
            <ErrorNotice error={more.error} context={t('core.library.moreFailed')} />
          )}
          {cursor !== undefined && (
            <p class="more">
              <button type="button" class="button" disabled={more.busy} onClick={() => void loadMore()}>
                {more.busy ? t('core.library.loadingMore') : t('core.library.loadMore')}
              </button>
            </p>
          )}
        </section>
      )}
    </>
  );
};

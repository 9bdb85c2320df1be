import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { RISK_TYPES } from '../format.ts';
import { useAction, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Case } from '../types.ts';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle, SelectField } from './common.tsx';
import { ExportButton } from './ExportButton.tsx';
import { ME, MineToggle, useMine } from './MineToggle.tsx';
import { SearchBox, useDebouncedSearch } from './SearchBox.tsx';

const SERVER_FILTERS = ['riskType', 'brand', 'campaignId', 'status', 'level'] as const;

const PAGE_SIZE = 50;

/**
 * The risk case library: every case, newest first, filtered on the server by risk type, brand, campaign,
 * status, level, owner ("my cases") and words (`q`: findings, whys, measures, notes), a page at a time. The
 * words go to the server a moment after typing stops; every filter lives in the URL. Export CSV downloads
 * the cases as filtered.
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
  const text = (location.query.get('q') ?? '').trim();
  const mine = useMine();
  // What the server is asked (and the CSV export exports): the filters, the words and whose cases.
  const query = { ...filters, q: text, owner: mine ? ME : undefined };
  const queryKey = [...SERVER_FILTERS.map((name) => filters[name]), text, mine].join('|');
  const [extra, setExtra] = useState<{ items: Case[]; cursor: string | undefined; partial: boolean }>({
    items: [],
    cursor: undefined,
    partial: false,
  });
  // Each answer names the query it answers: until the new one arrives the old list stays, titled as what it is.
  const first = useResource(
    async () => ({ key: queryKey, text, mine, page: await api.cases({ ...query, limit: PAGE_SIZE }) }),
    [api, queryKey],
  );
  const answered = first.data;
  const current = answered?.key === queryKey;
  const more = useAction(api.cases);
  const [draft, setDraft] = useState({ ...filters, q: text });

  useEffect(() => setExtra({ items: [], cursor: undefined, partial: false }), [queryKey]);
  // The q this page itself just sent: its answer must not overwrite what was typed since.
  const sent = useRef<string | undefined>(undefined);
  useEffect(() => {
    const ours = sent.current === text;
    sent.current = undefined;
    setDraft((current) => ({ ...filters, q: ours ? current.q : text }));
  }, [queryKey]);
  const set =
    (field: keyof typeof draft) =>
    (value: string): void =>
      setDraft({ ...draft, [field]: value });
  // The words go to the server once typing pauses, with the other filters as they stand in the form.
  useDebouncedSearch(draft.q, text, (q) => {
    sent.current = q;
    navigate(withQuery(location, { ...draft, q }), { replace: true });
  });

  const shown = [...(answered?.page.items ?? []), ...(current ? extra.items : [])];
  const cursor = current ? (extra.items.length > 0 ? extra.cursor : answered?.page.cursor) : undefined;
  const partial = answered?.page.partial === true || (current && extra.partial);
  const shownText = answered?.text ?? '';
  const shownMine = answered?.mine ?? false;

  const loadMore = async (): Promise<void> => {
    if (cursor === undefined) return;
    const page = await more.run({ ...query, limit: PAGE_SIZE, cursor });
    if (page !== undefined)
      setExtra({
        items: [...extra.items, ...page.items],
        cursor: page.cursor,
        partial: extra.partial || page.partial === true,
      });
  };

  const title =
    shownText === ''
      ? t(cursor === undefined ? 'core.library.count' : 'core.library.countLoaded', { n: shown.length })
      : t(cursor === undefined ? 'casework.search.found' : 'casework.search.foundSoFar', {
          n: shown.length,
          text: shownText,
        });

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
        <SearchBox
          label={t('core.library.text')}
          placeholder={t('core.library.textPlaceholder')}
          value={draft.q}
          onInput={set('q')}
          busy={first.loading && answered !== undefined && !current}
        />
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
      {first.loading && answered === undefined ? (
        <Loading what={t('core.library.loadingWhat')} />
      ) : (
        <section aria-labelledby="results-title" aria-busy={!current}>
          <div class="list-toolbar">
            <h2 id="results-title" class="results-title" aria-live="polite">
              {title}
            </h2>
            <div class="filters">
              <MineToggle />
              <ExportButton
                path="/exports/cases.csv"
                query={query}
                fallbackName="cases.csv"
                label={t('casework.export.csv')}
                accessibleLabel={t('casework.export.csvLabel', { what: t('casework.export.cases') })}
              />
            </div>
          </div>
          {partial && (
            <p class="notice notice-info search-partial" role="status">
              {t('casework.search.partial')}
            </p>
          )}
          {shown.length === 0 ? (
            answered !== undefined && (
              <EmptyState
                title={
                  shownText !== ''
                    ? t('casework.search.noMatch', { text: shownText })
                    : shownMine
                      ? t('casework.mine.emptyTitle')
                      : t('core.library.noMatch')
                }
              >
                {cursor !== undefined
                  ? t('core.library.noMatchMore')
                  : shownText !== ''
                    ? t('casework.search.noMatchBody')
                    : shownMine
                      ? t('casework.mine.emptyBody')
                      : t('core.library.noMatchBody')}
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

import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import type { Format } from '../format.ts';
import { useAction, useResource } from '../hooks.ts';
import { type T, useFormat, useT } from '../i18n/index.tsx';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Brand, Campaign } from '../types.ts';
import { CampaignForm, missingOf } from './CampaignForm.tsx';
import { EmptyState, ErrorNotice, Link, Loading, PageTitle, SelectField } from './common.tsx';
import '../pages.css';

/** `/campaigns/<id>` and `/brands/<brand>`: the pages of a campaign and of a brand. */
export const campaignHref = (campaignId: string): string => `/campaigns/${encodeURIComponent(campaignId)}`;
export const brandHref = (brand: string): string => `/brands/${encodeURIComponent(brand)}`;

/** "Missing: brand, owner" in the reader's language (list joined as the locale joins lists). */
export const missingText = (campaign: Campaign, t: T, format: Format): string => {
  const labels = missingOf(campaign).map((field) => t(`pages.common.field.${field}`));
  return t('pages.common.missing', {
    fields: new Intl.ListFormat(format.locale, { type: 'conjunction', style: 'narrow' }).format(labels),
  });
};

/** A campaign's plan as one line: `USD 20,000.00, Mar 1, 2027 – Mar 30, 2027`. */
export const planText = (plan: Campaign['plan'], t: T, format: Format): string =>
  plan === undefined
    ? t('pages.common.notSet')
    : t('pages.common.planAmount', {
        budget: format.money(plan.budget, plan.currency),
        start: format.calendarDate(plan.periodStart),
        end: format.calendarDate(plan.periodEnd),
      });

/** Complete or incomplete (what is missing), as a badge. */
export const CompletenessBadge = ({ campaign }: { campaign: Campaign }) => {
  const t = useT();
  const format = useFormat();
  return missingOf(campaign).length === 0 ? (
    <span class="badge badge-complete">{t('pages.common.complete')}</span>
  ) : (
    <span class="badge badge-incomplete" title={missingText(campaign, t, format)}>
      {t('pages.common.incomplete')}
    </span>
  );
};

/** The catalogue's campaigns as a table; a manager's row offers to complete or edit it. */
const CampaignTable = ({
  campaigns,
  canEdit,
  editing,
  onEdit,
}: {
  campaigns: readonly Campaign[];
  canEdit: boolean;
  editing: string | undefined;
  onEdit: (campaignId: string) => void;
}) => {
  const t = useT();
  const format = useFormat();
  return (
    <div class="table-wrap panel">
      <table class="table campaign-table" data-testid="campaign-table">
        <thead>
          <tr>
            <th scope="col">{t('pages.campaigns.column.campaign')}</th>
            <th scope="col">{t('pages.common.field.brand')}</th>
            <th scope="col">{t('pages.common.field.market')}</th>
            <th scope="col">{t('pages.common.field.channel')}</th>
            <th scope="col">{t('pages.common.field.owner')}</th>
            <th scope="col">{t('pages.common.field.plan')}</th>
            <th scope="col">{t('pages.campaigns.column.state')}</th>
            {canEdit && <th scope="col">{t('pages.campaigns.column.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {campaigns.map((campaign) => {
            const incomplete = missingOf(campaign).length > 0;
            return (
              <tr
                key={campaign.campaignId}
                data-campaign-id={campaign.campaignId}
                class={editing === campaign.campaignId ? 'is-editing' : undefined}
              >
                <td>
                  <Link href={campaignHref(campaign.campaignId)} class="campaign-name">
                    {campaign.name ?? campaign.campaignId}
                  </Link>
                  {campaign.name !== undefined && (
                    <>
                      <br />
                      <code class="muted">{campaign.campaignId}</code>
                    </>
                  )}
                </td>
                <td>
                  {campaign.brand === undefined ? (
                    <span class="muted">{t('pages.common.notSet')}</span>
                  ) : (
                    <Link href={brandHref(campaign.brand)}>{campaign.brand}</Link>
                  )}
                </td>
                <td>{campaign.market ?? <span class="muted">{t('pages.common.notSet')}</span>}</td>
                <td>{campaign.channel ?? <span class="muted">{t('pages.common.notSet')}</span>}</td>
                <td>{campaign.owner ?? <span class="muted">{t('pages.common.notSet')}</span>}</td>
                <td class="wrap">
                  {campaign.plan === undefined ? (
                    <span class="muted">{t('pages.common.notSet')}</span>
                  ) : (
                    planText(campaign.plan, t, format)
                  )}
                </td>
                <td>
                  <CompletenessBadge campaign={campaign} />
                  {incomplete && <span class="missing muted">{missingText(campaign, t, format)}</span>}
                  {campaign.source === 'event' && (
                    <span class="missing muted">{t('pages.common.fromEvents')}</span>
                  )}
                </td>
                {canEdit && (
                  <td class="actions">
                    <button
                      type="button"
                      class={`button button-small${incomplete ? ' button-primary' : ''}`}
                      aria-label={t('pages.campaigns.editLabel', { id: campaign.campaignId })}
                      onClick={() => onEdit(campaign.campaignId)}
                    >
                      {incomplete ? t('pages.campaigns.completeAction') : t('pages.campaigns.editAction')}
                    </button>
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};

/** The brands of the catalogue, each with its owner and how many managers it pages at tier 2. */
const BrandList = ({ brands }: { brands: readonly Brand[] }) => {
  const t = useT();
  return brands.length === 0 ? (
    <p class="muted">{t('pages.campaigns.brandsEmpty')}</p>
  ) : (
    <ul class="brand-list" data-testid="brand-list">
      {brands.map((brand) => (
        <li key={brand.brand}>
          <Link href={brandHref(brand.brand)}>{brand.brand}</Link>
          <span class="muted">
            {brand.owner ?? t('pages.common.notSet')} ·{' '}
            {t('pages.campaigns.brandManagers', { n: brand.managers.length })}
          </span>
        </li>
      ))}
    </ul>
  );
};

/**
 * The campaign catalogue (`/campaigns`): every campaign the caller's scope covers, filtered by brand and
 * market on the server and by completeness here, incomplete ones marked with what they lack. A manager
 * completes or edits one in the form above the list (`?edit=<id>`, so the link can be shared); legal reads.
 */
export const Campaigns = () => {
  const { api, session } = useApp();
  const t = useT();
  const location = useLocation();
  const canEdit = session.roles.includes('manager');
  const brand = location.query.get('brand') ?? '';
  const market = location.query.get('market') ?? '';
  const onlyIncomplete = location.query.get('incomplete') === '1';
  const editing = canEdit ? (location.query.get('edit') ?? undefined) : undefined;
  const [marketInput, setMarketInput] = useState(market);
  const [marketWrong, setMarketWrong] = useState(false);
  useEffect(() => setMarketInput(market), [market]);

  const first = useResource(() => api.campaigns({ brand, market }), [api, brand, market]);
  const brands = useResource(() => api.brands(), [api]);
  const [more, setMore] = useState<{ items: Campaign[]; cursor: string | undefined } | undefined>(undefined);
  useEffect(() => setMore(undefined), [first.data]);
  const loadMore = useAction(async (cursor: string) => {
    const page = await api.campaigns({ brand, market, cursor });
    setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.cursor });
  });

  const all = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more === undefined ? first.data?.cursor : more.cursor;
  const shown = onlyIncomplete ? all.filter((campaign) => missingOf(campaign).length > 0) : all;
  const incomplete = all.filter((campaign) => missingOf(campaign).length > 0).length;
  const setQuery = (changes: Record<string, string | undefined>): void =>
    navigate(withQuery(location, changes), { replace: true });

  return (
    <>
      <PageTitle
        aside={
          first.data !== undefined && (
            <p class="summary">
              <span class="summary-item">{t('pages.campaigns.count', { n: all.length })}</span>
              <span class="summary-item summary-yellow">
                {t('pages.campaigns.incompleteCount', { n: incomplete })}
              </span>
            </p>
          )
        }
      >
        {t('pages.campaigns.title')}
      </PageTitle>
      <p class="lede">{t('pages.campaigns.lede')}</p>
      {!canEdit && <p class="notice policy-readonly">{t('pages.campaigns.readOnly')}</p>}
      <div class="catalogue">
        <div class="catalogue-main">
          {editing !== undefined && (
            <section class="panel">
              <CampaignForm
                key={editing}
                campaignId={editing}
                onDone={(saved) => {
                  setQuery({ edit: undefined });
                  if (saved !== undefined) void first.refresh();
                }}
              />
            </section>
          )}
          <form
            class="filters catalogue-filters"
            aria-label={t('pages.campaigns.filters')}
            onSubmit={(event) => {
              event.preventDefault();
              // The API takes a country code only: anything else is said here, not sent.
              const next = marketInput.trim().toUpperCase();
              setMarketWrong(next !== '' && !/^[A-Z]{2}$/.test(next));
              if (next === '' || /^[A-Z]{2}$/.test(next)) setQuery({ market: next });
            }}
          >
            <SelectField
              inline
              label={t('pages.common.field.brand')}
              value={brand}
              options={[
                ['', t('pages.campaigns.allBrands')],
                ...(brands.data?.items ?? []).map((item) => [item.brand, item.brand] as const),
                ...(brand !== '' && !(brands.data?.items ?? []).some((item) => item.brand === brand)
                  ? [[brand, brand] as const]
                  : []),
              ]}
              onChange={(value) => setQuery({ brand: value })}
            />
            <label class="field field-inline">
              <span class="label">{t('pages.common.field.market')}</span>
              <input
                type="text"
                size={6}
                maxLength={2}
                value={marketInput}
                placeholder={t('pages.campaigns.marketHint')}
                aria-label={t('pages.common.field.market')}
                aria-invalid={marketWrong ? 'true' : undefined}
                onInput={(event) => setMarketInput(event.currentTarget.value.toUpperCase())}
              />
            </label>
            {marketWrong && (
              <span class="field-problem" role="alert">
                {t('pages.issue.market')}
              </span>
            )}
            <button type="submit" class="button button-small">
              {t('pages.campaigns.apply')}
            </button>
            <label class="check">
              <input
                type="checkbox"
                checked={onlyIncomplete}
                onChange={(event) => setQuery({ incomplete: event.currentTarget.checked ? '1' : undefined })}
              />{' '}
              {t('pages.campaigns.onlyIncomplete')}
            </label>
          </form>
          {first.error !== undefined && (
            <ErrorNotice
              error={first.error}
              context={t('pages.campaigns.loadFailed')}
              retry={first.refresh}
            />
          )}
          {first.data === undefined ? (
            first.error === undefined && <Loading what={t('pages.campaigns.loadingWhat')} />
          ) : shown.length === 0 ? (
            all.length === 0 && brand === '' && market === '' ? (
              <EmptyState title={t('pages.campaigns.emptyTitle')}>
                {t('pages.campaigns.emptyBody')}
              </EmptyState>
            ) : (
              <EmptyState title={t('pages.campaigns.noMatchTitle')} />
            )
          ) : (
            <CampaignTable
              campaigns={shown}
              canEdit={canEdit}
              editing={editing}
              onEdit={(campaignId) => {
                setQuery({ edit: campaignId });
                requestAnimationFrame(() => document.getElementById('campaign-name')?.focus());
              }}
            />
          )}
          {loadMore.error !== undefined && (
            <ErrorNotice error={loadMore.error} context={t('pages.campaigns.loadFailed')} />
          )}
          {cursor !== undefined && (
            <p class="more">
              <button
                type="button"
                class="button"
                disabled={loadMore.busy}
                onClick={() => void loadMore.run(cursor)}
              >
                {loadMore.busy ? t('core.library.loadingMore') : t('pages.campaigns.loadMore')}
              </button>
            </p>
          )}
        </div>
        <aside class="panel catalogue-side" aria-labelledby="brands-title">
          <h2 id="brands-title">{t('pages.campaigns.brandsTitle')}</h2>
          {brands.error !== undefined ? (
            <ErrorNotice
              error={brands.error}
              context={t('pages.campaigns.loadFailed')}
              retry={brands.refresh}
            />
          ) : brands.data === undefined ? (
            <Loading what={t('pages.campaigns.brandsLoading')} />
          ) : (
            <BrandList brands={brands.data.items} />
          )}
        </aside>
      </div>
    </>
  );
};

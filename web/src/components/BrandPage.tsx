import { useEffect, useState } from 'preact/hooks';
import type { Brand as BrandRecord } from '../../../shared/domain/catalogue.ts';
import type { HeatMap, HeatWeek } from '../../../shared/schemas/overviews.ts';
import { ApiError } from '../api.ts';
import { useApp } from '../context.ts';
import { useAction, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { levelTone, type MatrixDocument } from '../policy-edit.ts';
import { navigate, useLocation, withQuery } from '../router.ts';
import type { Campaign } from '../types.ts';
import { OVERVIEW_POLL_MS } from './CampaignPage.tsx';
import { CompletenessBadge, campaignHref, planText } from './Campaigns.tsx';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Link, Loading, PageTitle, SelectField } from './common.tsx';
import { HeatMapGrid, useMatrixInForce } from './HeatMap.tsx';
import '../pages.css';

/** The heat map's spans a manager may pick, in weeks (the API allows up to 26). */
const WEEK_SPANS = [4, 8, 12, 26] as const;
const DEFAULT_WEEKS = 12;

/** One week's counts per `probability|impact`, as the heat map grid takes them. */
export const weekCounts = (week: HeatWeek): Map<string, number> =>
  new Map(week.cells.map((cell) => [`${cell.probability}|${cell.impact}`, cell.count]));

/** A comma- or newline-separated list of usernames, trimmed, empty ones and repeats dropped. */
export const usernames = (text: string): string[] => [
  ...new Set(
    text
      .split(/[,\n]/)
      .map((name) => name.trim())
      .filter((name) => name !== ''),
  ),
];

/** A manager sets the brand's owner and the managers paged at tier 2 (version-guarded, 409 on a race). */
const BrandSettings = ({
  brand,
  record,
  onSaved,
}: {
  brand: string;
  record: BrandRecord | undefined;
  onSaved: () => void;
}) => {
  const { api, announce } = useApp();
  const t = useT();
  const [owner, setOwner] = useState(record?.owner ?? '');
  const [managers, setManagers] = useState((record?.managers ?? []).join(', '));
  const [conflict, setConflict] = useState(false);
  useEffect(() => {
    setOwner(record?.owner ?? '');
    setManagers((record?.managers ?? []).join(', '));
  }, [record?.version]);
  const ownerProblem = /\s/.test(owner.trim()) ? t('pages.issue.username') : undefined;
  const save = useAction(async () => {
    setConflict(false);
    if (ownerProblem !== undefined)
      throw new ApiError(400, t('pages.brand.failed'), t('pages.form.fixMarked'));
    try {
      const saved = await api.saveBrand(brand, {
        owner: owner.trim() === '' ? null : owner.trim(),
        managers: usernames(managers),
        ...(record === undefined ? {} : { version: record.version }),
      });
      announce(t('pages.brand.saved', { brand: saved.brand }));
      onSaved();
      return saved;
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) setConflict(true);
      throw error;
    }
  });
  return (
    <form
      class="brand-form"
      aria-labelledby="brand-form-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save.run();
      }}
    >
      <h3 id="brand-form-title">{t('pages.brand.settingsTitle')}</h3>
      <label class="field" for="brand-owner">
        <span class="label">{t('pages.common.field.owner')}</span>
        <input
          id="brand-owner"
          type="text"
          value={owner}
          maxLength={128}
          aria-invalid={ownerProblem === undefined ? undefined : 'true'}
          aria-describedby="brand-owner-hint"
          onInput={(event) => setOwner(event.currentTarget.value)}
        />
        <span id="brand-owner-hint" class="hint">
          {t('pages.brand.ownerHint')}
        </span>
        {ownerProblem !== undefined && (
          <ul class="field-problems" role="alert">
            <li>{ownerProblem}</li>
          </ul>
        )}
      </label>
      <label class="field" for="brand-managers">
        <span class="label">{t('pages.brand.managersField')}</span>
        <input
          id="brand-managers"
          type="text"
          value={managers}
          aria-describedby="brand-managers-hint"
          onInput={(event) => setManagers(event.currentTarget.value)}
        />
        <span id="brand-managers-hint" class="hint">
          {t('pages.brand.managersHint')}
        </span>
      </label>
      {conflict ? (
        <div class="notice notice-error" role="alert">
          <p>{t('pages.form.conflict')}</p>
          <button
            type="button"
            class="button button-small"
            onClick={() => {
              setConflict(false);
              save.reset();
              onSaved();
            }}
          >
            {t('pages.form.reload')}
          </button>
        </div>
      ) : (
        save.error !== undefined && (
          <p class="form-problem" role="alert">
            {t('pages.brand.failed')}{' '}
            {save.error.status === 400 ? t('pages.form.fixMarked') : save.error.title}
          </p>
        )
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={save.busy}>
          {save.busy ? t('core.common.saving') : t('pages.brand.save')}
        </button>
      </div>
    </form>
  );
};

/** A week as a tiny matrix (its cells tinted by level, stronger with more cases) and its total. */
const WeekThumb = ({ week, matrix }: { week: HeatWeek; matrix: MatrixDocument }) => {
  const counts = weekCounts(week);
  const most = Math.max(1, ...counts.values());
  return (
    <span
      class="heat-thumb"
      aria-hidden="true"
      style={{ gridTemplateColumns: `repeat(${matrix.impacts.length}, 1fr)` }}
    >
      {[...matrix.probabilities].reverse().flatMap((probability) =>
        matrix.impacts.map((impact) => {
          const count = counts.get(`${probability}|${impact}`) ?? 0;
          const tone = levelTone(matrix, matrix.cells[probability]?.[impact] ?? '');
          return (
            <span
              key={`${probability}-${impact}`}
              class={`heat-thumb-cell level-cell-${tone}${count === 0 ? ' is-empty' : ''}`}
              style={count === 0 ? undefined : { opacity: 0.45 + (0.55 * count) / most }}
            />
          );
        }),
      )}
    </span>
  );
};

/**
 * The brand's heat map over time: every week as a small multiple (select one, or slide through them), and
 * the selected week as the full matrix with its counts — each case counted once a week, in the cell of its
 * worst report that week.
 */
const HeatOverTime = ({
  heatMap,
  weeks,
  onWeeks,
}: {
  heatMap: HeatMap;
  weeks: number;
  onWeeks: (weeks: number) => void;
}) => {
  const t = useT();
  const format = useFormat();
  const inForce = useMatrixInForce();
  const last = heatMap.weeks.length - 1;
  const [index, setIndex] = useState(last);
  useEffect(() => setIndex(last), [last, heatMap.from]);
  const selected = heatMap.weeks[Math.min(Math.max(index, 0), last)];
  const matrix = inForce.matrix;
  if (matrix === undefined)
    return inForce.resource.error === undefined ? (
      <Loading what={t('core.heatMap.loadingWhat')} />
    ) : (
      <ErrorNotice error={inForce.resource.error} context={t('core.heatMap.loadFailed')} />
    );
  return (
    <div class="heat-over-time">
      <div class="filters">
        <SelectField
          inline
          label={t('pages.brand.weeks')}
          value={String(weeks)}
          options={WEEK_SPANS.map((n) => [String(n), t('pages.brand.weeksOption', { n })] as const)}
          onChange={(value) => onWeeks(Number(value))}
        />
      </div>
      {heatMap.truncated && <p class="notice">{t('pages.brand.heatTruncated')}</p>}
      <ol class="heat-weeks" aria-label={t('pages.brand.weeksLabel')} data-testid="heat-weeks">
        {heatMap.weeks.map((week, at) => (
          <li key={week.week}>
            <button
              type="button"
              class="heat-week"
              aria-pressed={at === index}
              data-week={week.week}
              data-total={week.total}
              aria-label={t('pages.brand.weekLabel', {
                date: format.calendarDate(week.start),
                n: week.total,
              })}
              onClick={() => setIndex(at)}
            >
              <WeekThumb week={week} matrix={matrix} />
              <span class="heat-week-date">{format.calendarDate(week.start)}</span>
              <span class="heat-week-total">{format.number(week.total)}</span>
            </button>
          </li>
        ))}
      </ol>
      {selected !== undefined && (
        <>
          <label class="field heat-slider">
            <span class="label">{t('pages.brand.weekSlider')}</span>
            <input
              type="range"
              min={0}
              max={last}
              value={index}
              aria-valuetext={t('pages.brand.weekOf', { date: format.calendarDate(selected.start) })}
              onInput={(event) => setIndex(Number(event.currentTarget.value))}
            />
          </label>
          <div class="heat-week-grid" data-testid="heat-week-grid" data-week={selected.week}>
            <HeatMapGrid
              cases={[]}
              selected={undefined}
              matrix={matrix}
              counts={weekCounts(selected)}
              titleId="brand-heatmap-title"
              caption={
                <>
                  {t('pages.brand.weekOf', { date: format.calendarDate(selected.start) })}{' '}
                  <span class="muted">· {t('pages.brand.weekTotal', { n: selected.total })}</span>
                </>
              }
              cellLabel={({ probability, impact, level, n }) =>
                t('pages.brand.cell', {
                  probability: format.grade(probability),
                  impact: format.grade(impact),
                  level: format.levelShort(level),
                  n,
                })
              }
            />
          </div>
        </>
      )}
    </div>
  );
};

/** The brand's campaigns: name, market, owner, plan, complete or not. */
const BrandCampaigns = ({ campaigns }: { campaigns: readonly Campaign[] }) => {
  const t = useT();
  const format = useFormat();
  if (campaigns.length === 0) return <p class="muted">{t('pages.brand.campaignsEmpty')}</p>;
  return (
    <ul class="brand-campaigns" data-testid="brand-campaigns">
      {campaigns.map((campaign) => (
        <li key={campaign.campaignId} data-campaign-id={campaign.campaignId}>
          <Link href={campaignHref(campaign.campaignId)} class="campaign-name">
            {campaign.name ?? campaign.campaignId}
          </Link>{' '}
          <CompletenessBadge campaign={campaign} />
          <span class="muted">
            {[campaign.market, campaign.owner].filter((part) => part !== undefined).join(' · ')}
            {campaign.plan !== undefined && ` · ${planText(campaign.plan, t, format)}`}
          </span>
        </li>
      ))}
    </ul>
  );
};

/**
 * One brand (`/brands/<brand>`): its owner and tier-2 managers (a manager edits them), its campaigns, its
 * recent cases and its heat map over time. Read from GET /v1/brands/{brand}/overview?weeks=N.
 */
export const BrandPage = ({ brand }: { brand: string }) => {
  const { api, session } = useApp();
  const t = useT();
  const location = useLocation();
  const requested = Number(location.query.get('weeks') ?? DEFAULT_WEEKS);
  const weeks = (WEEK_SPANS as readonly number[]).includes(requested) ? requested : DEFAULT_WEEKS;
  const overview = useResource(() => api.brandOverview(brand, weeks), [api, brand, weeks], {
    pollMs: OVERVIEW_POLL_MS,
  });
  const isManager = session.roles.includes('manager');
  const crumbs = (
    <nav class="breadcrumbs" aria-label={t('pages.campaign.breadcrumbs')}>
      <Link href="/campaigns">← {t('pages.campaigns.title')}</Link>
    </nav>
  );
  if (overview.data === undefined)
    return (
      <>
        {crumbs}
        {overview.error !== undefined ? (
          <>
            <PageTitle>{brand}</PageTitle>
            <ErrorNotice
              error={overview.error}
              context={
                overview.error.status === 404 ? t('pages.brand.noSuchBrand') : t('pages.brand.loadFailed')
              }
              retry={overview.refresh}
            />
          </>
        ) : (
          <Loading what={t('pages.brand.loadingWhat')} />
        )}
      </>
    );
  const { brand: about, campaigns, recentCases, heatMap, truncated } = overview.data;
  const record = about.record;
  return (
    <>
      {crumbs}
      <PageTitle aside={<span class="badge">{t('pages.brand.kicker')}</span>}>{about.brand}</PageTitle>
      {overview.error !== undefined && (
        <ErrorNotice
          error={overview.error}
          context={t('pages.brand.refreshFailed')}
          retry={overview.refresh}
        />
      )}
      {(truncated.campaigns || truncated.recentCases) && <p class="notice">{t('pages.common.truncated')}</p>}
      <div class="brand-grid">
        <section class="panel" aria-labelledby="brand-heat-title">
          <h2 id="brand-heat-title">{t('pages.brand.heatTitle')}</h2>
          <p class="hint">{t('pages.brand.heatHint')}</p>
          <HeatOverTime
            heatMap={heatMap}
            weeks={weeks}
            onWeeks={(next) =>
              navigate(withQuery(location, { weeks: next === DEFAULT_WEEKS ? undefined : String(next) }), {
                replace: true,
              })
            }
          />
        </section>
        <aside class="brand-side">
          <section class="panel" aria-labelledby="brand-people-title">
            <h2 id="brand-people-title">{t('pages.brand.people')}</h2>
            {record === undefined && <p class="muted">{t('pages.brand.notInCatalogue')}</p>}
            <dl class="facts" data-testid="brand-people">
              <div>
                <dt>{t('pages.common.field.owner')}</dt>
                <dd>{record?.owner ?? <span class="muted">{t('pages.common.notSet')}</span>}</dd>
              </div>
              <div>
                <dt>{t('pages.common.field.managers')}</dt>
                <dd>
                  {record === undefined || record.managers.length === 0 ? (
                    <span class="muted">{t('pages.brand.noManagers')}</span>
                  ) : (
                    record.managers.join(', ')
                  )}
                </dd>
              </div>
            </dl>
            {isManager && (
              <BrandSettings brand={about.brand} record={record} onSaved={() => void overview.refresh()} />
            )}
          </section>
          <section class="panel" aria-labelledby="brand-campaigns-title">
            <h2 id="brand-campaigns-title">
              {t('pages.brand.campaignsTitle')} <span class="count">{campaigns.length}</span>
            </h2>
            <BrandCampaigns campaigns={campaigns} />
          </section>
        </aside>
      </div>
      <section class="campaign-section" aria-labelledby="brand-recent-title">
        <h2 id="brand-recent-title">
          {t('pages.brand.recentTitle')} <span class="count">{recentCases.length}</span>
        </h2>
        {recentCases.length === 0 ? (
          <EmptyState title={t('pages.brand.recentEmpty')} />
        ) : (
          <CaseList cases={recentCases} label={t('pages.brand.recentTitle')} />
        )}
      </section>
    </>
  );
};

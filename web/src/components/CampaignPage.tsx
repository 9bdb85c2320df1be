import type { CampaignOverview, CopyOverview } from '../../../shared/schemas/overviews.ts';
import { useApp } from '../context.ts';
import { useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import { brandHref, CompletenessBadge, planText } from './Campaigns.tsx';
import { CaseList } from './CaseList.tsx';
import { ErrorNotice, LevelBadge, Link, Loading, PageTitle, StatusBadge } from './common.tsx';
import { ReallocationPanel } from './ReallocationPanel.tsx';
import { SpendChart } from './SpendChart.tsx';
import { Timeline } from './Timeline.tsx';
import '../pages.css';

/** How often an open campaign page re-reads its overview (it reads every case of the campaign). */
export const OVERVIEW_POLL_MS = 30_000;

const caseHref = (caseId: string): string => `/cases/${encodeURIComponent(caseId)}`;

/** Legal's review of one copy: waiting (which round), or decided — what, by whom, when. */
const ReviewCell = ({ copy }: { copy: CopyOverview }) => {
  const t = useT();
  const format = useFormat();
  const review = copy.review;
  if (review === undefined) return <span class="muted">{t('pages.campaign.reviewNone')}</span>;
  if (review.decision === undefined)
    return (
      <span class="badge review-pending" data-review-state="pending">
        {t('pages.campaign.reviewWaiting', { round: review.round })}
      </span>
    );
  return (
    <>
      <span class={`badge review-${review.decision}`} data-review-state={review.decision}>
        {t('pages.campaign.reviewDecided', {
          decision: format.decision(review.decision),
          round: review.round,
        })}
      </span>
      {review.reviewer !== undefined && review.decidedAt !== undefined && (
        <span class="missing muted">
          {t('pages.campaign.reviewBy', {
            actor: format.actor(review.reviewer),
            when: format.dateTime(review.decidedAt),
          })}
        </span>
      )}
    </>
  );
};

/** The campaign's ad copies with their worst finding and legal's review, each linking to its case. */
const Copies = ({ copies }: { copies: readonly CopyOverview[] }) => {
  const t = useT();
  const format = useFormat();
  if (copies.length === 0) return <p class="muted">{t('pages.campaign.copiesEmpty')}</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="campaign-copies">
        <thead>
          <tr>
            <th scope="col">{t('pages.campaign.column.copy')}</th>
            <th scope="col">{t('pages.campaign.column.language')}</th>
            <th scope="col">{t('pages.common.field.market')}</th>
            <th scope="col">{t('pages.campaign.column.level')}</th>
            <th scope="col">{t('pages.campaign.column.finding')}</th>
            <th scope="col">{t('pages.campaign.column.review')}</th>
          </tr>
        </thead>
        <tbody>
          {copies.map((copy) => (
            <tr key={copy.caseId} data-copy-id={copy.copyId}>
              <td>
                <Link href={caseHref(copy.caseId)}>
                  <code>{copy.copyId}</code>
                </Link>
              </td>
              <td>{copy.language === undefined ? '—' : format.copyLanguage(copy.language)}</td>
              <td>{copy.market ?? '—'}</td>
              <td>
                <LevelBadge level={copy.level} short /> <StatusBadge status={copy.status} />
              </td>
              <td class="wrap">{copy.headline?.message ?? '—'}</td>
              <td>
                <ReviewCell copy={copy} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** Where a cap cut part of the overview: said once, plainly. */
const truncatedAny = (overview: CampaignOverview): boolean => Object.values(overview.truncated).some(Boolean);

/**
 * One campaign (`/campaigns/<id>`): who and what it is, its plan against its spend and pacing, every case of
 * it — spend, the brand's sentiment over its period, ad copy — on one timeline, and its copies with legal's
 * review. Read from GET /v1/campaigns/{id}/overview.
 */
export const CampaignPage = ({ campaignId }: { campaignId: string }) => {
  const { api, session } = useApp();
  const t = useT();
  const format = useFormat();
  const overview = useResource(() => api.campaignOverview(campaignId), [api, campaignId], {
    pollMs: OVERVIEW_POLL_MS,
  });
  const isManager = session.roles.includes('manager');
  const crumbs = (
    <nav class="breadcrumbs" aria-label={t('pages.campaign.breadcrumbs')}>
      <Link href="/campaigns">← {t('pages.campaigns.title')}</Link>
      {overview.data?.campaign.brand !== undefined && (
        <>
          {' '}
          <span aria-hidden="true">·</span>{' '}
          <Link href={brandHref(overview.data.campaign.brand)}>{overview.data.campaign.brand}</Link>
        </>
      )}
    </nav>
  );

  if (overview.data === undefined)
    return (
      <>
        {crumbs}
        {overview.error !== undefined ? (
          <>
            <PageTitle>{campaignId}</PageTitle>
            <ErrorNotice
              error={overview.error}
              context={
                overview.error.status === 404
                  ? t('pages.campaign.noSuchCampaign')
                  : t('pages.campaign.loadFailed')
              }
              retry={overview.refresh}
            />
          </>
        ) : (
          <Loading what={t('pages.campaign.loadingWhat')} />
        )}
      </>
    );

  const { campaign, cases, timeline, spend, copies, sentimentWindow } = overview.data;
  const record = campaign.record;
  const notSet = <span class="muted">{t('pages.common.notSet')}</span>;
  return (
    <>
      {crumbs}
      <PageTitle
        aside={
          <span class="title-badges">
            {record !== undefined && <CompletenessBadge campaign={record} />}
            {isManager && (
              <Link href={`/campaigns?edit=${encodeURIComponent(campaignId)}`} class="button button-small">
                {record === undefined ? t('pages.campaign.complete') : t('pages.campaign.edit')}
              </Link>
            )}
          </span>
        }
      >
        {campaign.name ?? campaignId}
      </PageTitle>
      {overview.error !== undefined && (
        <ErrorNotice
          error={overview.error}
          context={t('pages.campaign.refreshFailed')}
          retry={overview.refresh}
        />
      )}
      {record === undefined && <p class="notice">{t('pages.campaign.notInCatalogue')}</p>}
      {truncatedAny(overview.data) && <p class="notice">{t('pages.common.truncated')}</p>}
      <section class="panel campaign-header" aria-label={t('pages.campaign.id')}>
        <dl class="facts" data-testid="campaign-facts">
          <div>
            <dt>{t('pages.campaign.id')}</dt>
            <dd>
              <code>{campaign.campaignId}</code>
            </dd>
          </div>
          <div>
            <dt>{t('pages.common.field.brand')}</dt>
            <dd>
              {campaign.brand === undefined ? (
                notSet
              ) : (
                <Link href={brandHref(campaign.brand)}>{campaign.brand}</Link>
              )}
            </dd>
          </div>
          <div>
            <dt>{t('pages.common.field.market')}</dt>
            <dd>{campaign.market ?? notSet}</dd>
          </div>
          <div>
            <dt>{t('pages.campaign.channels')}</dt>
            <dd>{campaign.channels.length === 0 ? notSet : campaign.channels.join(', ')}</dd>
          </div>
          <div>
            <dt>{t('pages.common.field.owner')}</dt>
            <dd>{campaign.owner ?? notSet}</dd>
          </div>
          <div>
            <dt>{t('pages.common.field.plan')}</dt>
            <dd>
              {planText(campaign.plan, t, format)}
              {spend.planSource === 'events' && (
                <span class="muted"> ({t('pages.campaign.planFromEvents')})</span>
              )}
            </dd>
          </div>
        </dl>
      </section>
      <div class="campaign-grid">
        <section class="panel" aria-labelledby="spend-title">
          <h2 id="spend-title">{t('pages.spend.title')}</h2>
          <SpendChart spend={spend} />
        </section>
        <section class="panel" aria-labelledby="timeline-title">
          <h2 id="timeline-title">{t('pages.timeline.title')}</h2>
          <p class="hint">{t('pages.timeline.hint')}</p>
          {sentimentWindow !== undefined && (
            <p class="muted">
              {t('pages.campaign.sentimentWindow', {
                from: format.date(sentimentWindow.from),
                to: format.date(sentimentWindow.to),
              })}
            </p>
          )}
          <Timeline entries={timeline} cases={cases} />
        </section>
      </div>
      <section class="panel campaign-section" aria-labelledby="copies-title">
        <h2 id="copies-title">
          {t('pages.campaign.copiesTitle')} <span class="count">{copies.length}</span>
        </h2>
        <Copies copies={copies} />
      </section>
      {record !== undefined && (
        // Budget moves between plans of the catalogue: a campaign known only from its cases has none.
        <ReallocationPanel
          campaignId={campaignId}
          plan={record.plan}
          onChanged={() => void overview.refresh()}
        />
      )}
      <section class="campaign-section" aria-labelledby="campaign-cases-title">
        <h2 id="campaign-cases-title">
          {t('pages.campaign.casesTitle')} <span class="count">{cases.length}</span>
        </h2>
        {cases.length === 0 ? (
          <p class="muted">{t('pages.campaign.casesEmpty')}</p>
        ) : (
          <CaseList cases={cases} label={t('pages.campaign.casesTitle')} />
        )}
      </section>
    </>
  );
};

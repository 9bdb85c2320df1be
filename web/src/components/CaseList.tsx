import { useFormat, useT } from '../i18n/index.tsx';
import type { Case } from '../types.ts';
import { LevelBadge, Link, StatusBadge } from './common.tsx';
import { DrillBadge } from './DrillBadge.tsx';

/** The two or three numbers that say most about a case, from its worst finding (findings come worst first). */
const keyMetrics = (item: Case): [string, number, Readonly<Record<string, number>>][] => {
  const metrics = item.findings.find((finding) => finding.metrics !== undefined)?.metrics ?? {};
  return Object.entries(metrics)
    .slice(0, 4)
    .map(([key, value]) => [key, value, metrics]);
};

/** Cases as a list of rows that link to each case; `fresh` marks cases that just arrived. */
export const CaseList = ({
  cases,
  fresh = new Set<string>(),
  label,
}: {
  cases: readonly Case[];
  fresh?: ReadonlySet<string>;
  label: string;
}) => {
  const t = useT();
  const format = useFormat();
  return (
    <ul class="case-list" aria-label={label}>
      {cases.map((item) => {
        const worst = item.findings[0];
        return (
          <li
            key={item.caseId}
            class={`case-row level-border-${item.level}${fresh.has(item.caseId) ? ' is-new' : ''}`}
            data-case-id={item.caseId}
          >
            <div class="case-row-main">
              <div class="case-row-head">
                <LevelBadge level={item.level} short />
                <span class="risk-type">{format.riskType(item.riskType)}</span>
                <StatusBadge status={item.status} />
                <DrillBadge item={item} />
                {fresh.has(item.caseId) && <span class="badge badge-new">{t('core.caseList.new')}</span>}
              </div>
              <Link href={`/cases/${encodeURIComponent(item.caseId)}`} class="case-title">
                {format.subject(item.subject)}
              </Link>
              {worst !== undefined && (
                <p class="case-finding">
                  {worst.message}
                  {worst.seenAt !== undefined && (
                    <time class="muted" dateTime={worst.seenAt}>
                      {' · '}
                      {t('core.caseList.seen', { ago: format.ago(worst.seenAt) })}
                    </time>
                  )}
                </p>
              )}
              {keyMetrics(item).length > 0 && (
                <dl class="metrics metrics-inline">
                  {keyMetrics(item).map(([key, value, all]) => (
                    <div key={key} class="metric">
                      <dt>{format.metricName(key)}</dt>
                      <dd>{format.metric(key, value, all)}</dd>
                    </div>
                  ))}
                </dl>
              )}
            </div>
            <div class="case-row-side">
              <span class="pi">
                {format.grade(item.probability)} × {format.grade(item.impact)}
              </span>
              <span>{t('core.caseList.occurrences', { n: item.occurrences })}</span>
              {item.owner !== undefined && (
                <span class="case-owner">{t('casework.owner.row', { owner: item.owner })}</span>
              )}
              <span class="muted">{t('core.caseList.lastSeen', { ago: format.ago(item.lastSeenAt) })}</span>
            </div>
          </li>
        );
      })}
    </ul>
  );
};

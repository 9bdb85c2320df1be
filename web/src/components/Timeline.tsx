import { useState } from 'preact/hooks';
import type { TimelineEntry } from '../../../shared/schemas/overviews.ts';
import { RISK_TYPES } from '../format.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { Case, RiskType } from '../types.ts';
import { LevelBadge, Link } from './common.tsx';

/** A small picture per risk type, beside its name (never instead of it): coin, signal, speech, document. */
export const RiskIcon = ({ riskType }: { riskType: RiskType }) => (
  <svg class={`risk-icon risk-icon-${riskType}`} viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    {riskType === 'budget' && (
      <>
        <circle cx="8" cy="8" r="6.5" />
        <path d="M8 4v8M10.2 5.8C9.8 5.2 9 5 8 5c-1.3 0-2.2.6-2.2 1.5S6.7 7.8 8 8s2.2.6 2.2 1.5S9.3 11 8 11c-1 0-1.8-.3-2.2-.9" />
      </>
    )}
    {riskType === 'channel' && <path d="M2 13h2V9H2zM7 13h2V6H7zM12 13h2V3h-2z" />}
    {riskType === 'reputation' && <path d="M2 3h12v8H7l-3 3v-3H2z" />}
    {riskType === 'compliance' && <path d="M4 1.5h6l3 3v10H4zM10 1.5v3h3M6 8h5M6 10.5h5" />}
  </svg>
);

/**
 * Every case of a campaign on one timeline, newest first: each line one change of one case (opened, level
 * rose, acknowledged, escalated, decided by legal, resolved …), with its risk type (icon and name), the level
 * in colour, who did it, and a link to the case. A risk-type switch narrows it.
 */
export const Timeline = ({
  entries,
  cases,
}: {
  entries: readonly TimelineEntry[];
  cases: readonly Case[];
}) => {
  const t = useT();
  const format = useFormat();
  const [only, setOnly] = useState<RiskType | undefined>(undefined);
  const byId = new Map(cases.map((item) => [item.caseId, item]));
  const present = RISK_TYPES.filter((riskType) => entries.some((entry) => entry.riskType === riskType));
  const shown = [...entries]
    .filter((entry) => only === undefined || entry.riskType === only)
    .sort((a, b) => b.at.localeCompare(a.at));

  if (entries.length === 0) return <p class="muted">{t('pages.timeline.empty')}</p>;
  return (
    <>
      <fieldset class="timeline-filter">
        <legend class="visually-hidden">{t('pages.timeline.filter')}</legend>
        <button type="button" aria-pressed={only === undefined} onClick={() => setOnly(undefined)}>
          {t('pages.timeline.all')}
        </button>
        {present.map((riskType) => (
          <button
            key={riskType}
            type="button"
            aria-pressed={only === riskType}
            data-risk-type={riskType}
            onClick={() => setOnly(only === riskType ? undefined : riskType)}
          >
            <RiskIcon riskType={riskType} /> {format.riskType(riskType)}
          </button>
        ))}
        <span class="muted">{t('pages.timeline.count', { n: shown.length })}</span>
      </fieldset>
      <ol class="case-timeline" data-testid="campaign-timeline">
        {shown.map((entry, index) => {
          const item = byId.get(entry.caseId);
          return (
            <li
              key={`${entry.caseId}-${entry.at}-${index}`}
              class={`case-timeline-item level-border-${entry.level}`}
              data-case-id={entry.caseId}
              data-risk-type={entry.riskType}
              data-action={entry.action}
            >
              <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
              <div class="case-timeline-body">
                <p class="case-timeline-head">
                  <span class="risk-type">
                    <RiskIcon riskType={entry.riskType} /> {format.riskType(entry.riskType)}
                  </span>
                  <LevelBadge level={entry.level} short />
                  <strong>{format.audit(entry.action)}</strong>
                  <span class="muted">{t('pages.timeline.by', { actor: format.actor(entry.actor) })}</span>
                </p>
                <Link href={`/cases/${encodeURIComponent(entry.caseId)}`} class="case-title">
                  {item === undefined ? t('pages.timeline.entryCase') : format.subject(item.subject)}
                </Link>
                {entry.note !== undefined && <p class="timeline-note">{entry.note}</p>}
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
};

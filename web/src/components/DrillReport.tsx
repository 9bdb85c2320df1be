import type { DrillStep } from '../../../shared/domain/drill.ts';
import { useApp } from '../context.ts';
import { useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { T } from '../i18n/messages.ts';
import { ErrorNotice, LevelBadge, Link, Loading, PageTitle, StatusBadge } from './common.tsx';
import { DrillBadge } from './DrillBadge.tsx';

/** A duration as a person says it, in the reader's language. */
const duration = (t: T, seconds: number): string => {
  if (seconds < 60) return t('drills.duration.seconds', { s: seconds });
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('drills.duration.minutes', { m: minutes, s: seconds % 60 });
  return t('drills.duration.hours', { h: Math.floor(minutes / 60), m: minutes % 60 });
};

const who = (actor: string | undefined): string => actor?.replace(/^user:/, '') ?? '-';

const Step = ({ step, n, drillId }: { step: DrillStep; n: number; drillId: string }) => {
  const t = useT();
  const format = useFormat();
  return (
    <li class={`panel drill-step level-border-${step.level}`} data-case-id={step.caseId}>
      <h2>
        {t('drills.report.step', { n })}: <LevelBadge level={step.level} short />{' '}
        {format.riskType(step.riskType)} <StatusBadge status={step.status} />{' '}
        <DrillBadge item={{ drill: { drillId } }} />
      </h2>
      <p>
        <Link href={`/cases/${encodeURIComponent(step.caseId)}`}>{step.subject}</Link>
      </p>
      <dl class="drill-figures">
        <dt>{t('drills.report.acknowledged')}</dt>
        <dd data-figure="acknowledged">
          {step.secondsToAcknowledge === undefined
            ? t('drills.report.notYet')
            : t('drills.report.after', {
                duration: duration(t, step.secondsToAcknowledge),
                actor: who(step.acknowledgedBy ?? step.resolvedBy),
              })}
        </dd>
        <dt>{t('drills.report.resolved')}</dt>
        <dd data-figure="resolved">
          {step.secondsToResolve === undefined
            ? t('drills.report.notYet')
            : t('drills.report.after', {
                duration: duration(t, step.secondsToResolve),
                actor: who(step.resolvedBy),
              })}
        </dd>
        {step.rootCause !== undefined && (
          <>
            <dt>{t('drills.report.rootCause')}</dt>
            <dd>{step.rootCause}</dd>
          </>
        )}
        <dt>{t('drills.report.pages')}</dt>
        <dd>{step.escalations}</dd>
        <dt>{t('drills.report.missed')}</dt>
        <dd data-figure="missed">
          {step.missed.length === 0
            ? t('drills.report.nothingMissed')
            : step.missed.map((miss) => t(`drills.report.miss.${miss}`)).join('; ')}
        </dd>
      </dl>
    </li>
  );
};

/** A drill's report: per step, time to acknowledge and to resolve, who acted, what was missed. */
export const DrillReport = ({ drillId }: { drillId: string }) => {
  const t = useT();
  const format = useFormat();
  const { api } = useApp();
  const report = useResource(() => api.drillReport(drillId), [drillId], { pollMs: 15_000 });
  const data = report.data;
  return (
    <>
      <p class="breadcrumbs">
        <Link href="/drills">← {t('drills.title')}</Link>
      </p>
      <PageTitle aside={<DrillBadge item={{ drill: { drillId } }} />}>
        {t('drills.report.title', { drillId })}
      </PageTitle>
      {report.error !== undefined && (
        <ErrorNotice error={report.error} context={t('drills.report.loadFailed')} retry={report.refresh} />
      )}
      {data === undefined ? (
        report.loading && <Loading what={t('drills.report.loading')} />
      ) : (
        <>
          {data.startedAt !== undefined && (
            <p>
              {t('drills.report.started', { when: format.dateTime(data.startedAt), hours: data.slaHours })}
            </p>
          )}
          <ol class="drill-steps">
            {data.steps.map((step, index) => (
              <Step key={step.caseId} step={step} n={index + 1} drillId={drillId} />
            ))}
          </ol>
          <p class={data.passed ? 'notice' : 'notice notice-error'} data-passed={String(data.passed)}>
            {data.passed ? t('drills.report.passed') : t('drills.report.notPassed')}
          </p>
        </>
      )}
    </>
  );
};

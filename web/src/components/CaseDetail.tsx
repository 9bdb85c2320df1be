import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import type { Format } from '../format.ts';
import { POLL_MS, useAction, useResource } from '../hooks.ts';
import { useFormat, useT, type WebMessageId } from '../i18n/index.tsx';
import type { AuditEntry, Case, Subject } from '../types.ts';
import { ActionRequests } from './ActionRequests.tsx';
import { brandHref, campaignHref } from './Campaigns.tsx';
import { CopyText } from './CopyText.tsx';
import { ErrorNotice, LevelBadge, Link, Loading, Metrics, PageTitle, StatusBadge } from './common.tsx';
import { DrillBadge } from './DrillBadge.tsx';
import { ExportButton } from './ExportButton.tsx';
import { OwnerControl } from './OwnerControl.tsx';
import { ResolveForm } from './ResolveForm.tsx';

const SUBJECT_FIELDS: readonly [keyof Subject, WebMessageId][] = [
  ['brand', 'core.case.brand'],
  ['product', 'core.case.product'],
  ['campaignId', 'core.case.campaign'],
  ['channel', 'core.case.channel'],
  ['market', 'core.case.market'],
  ['copyId', 'core.case.copy'],
];

/** A subject's brand and campaign link to their pages (/brands/<brand>, /campaigns/<id>); the rest is text. */
const SubjectValue = ({ field, value }: { field: keyof Subject; value: string }) =>
  field === 'brand' ? (
    <Link href={brandHref(value)}>{value}</Link>
  ) : field === 'campaignId' ? (
    <Link href={campaignHref(value)}>{value}</Link>
  ) : (
    value
  );

/** An audit line's `from`/`to`: a level (`yellow` → `red`) or a status (`resolved` → `open`). */
const stateOf = (format: Format, value: string): string =>
  ['open', 'acknowledged', 'resolved'].includes(value)
    ? format.status(value as Case['status'])
    : format.levelShort(value);

/** What an audit line moved: from one owner to another (usernames), or a level or status. */
const Change = ({ entry }: { entry: AuditEntry }) => {
  const t = useT();
  const format = useFormat();
  if (entry.action === 'reassigned' && entry.to !== undefined)
    return (
      <span class="audit-change">
        {' '}
        {entry.from ?? t('casework.owner.nobody')} → {entry.to}
      </span>
    );
  if (entry.from === undefined || entry.to === undefined) return null;
  return (
    <span class="audit-change">
      {' '}
      {stateOf(format, entry.from)} → {stateOf(format, entry.to)}
    </span>
  );
};

const AuditTrail = ({ audit }: { audit: readonly AuditEntry[] }) => {
  const t = useT();
  const format = useFormat();
  return (
    <ol class="timeline">
      {[...audit].reverse().map((entry, index) => (
        <li key={`${entry.at}-${index}`} class={`timeline-item action-${entry.action}`}>
          <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
          <p>
            <strong>{format.audit(entry.action)}</strong>
            <Change entry={entry} />{' '}
            <span class="muted">{t('core.case.by', { actor: format.actor(entry.actor) })}</span>
          </p>
          {entry.note !== undefined && <p class="timeline-note">{entry.note}</p>}
        </li>
      ))}
    </ol>
  );
};

const Acknowledge = ({ item, onDone }: { item: Case; onDone: (updated: Case) => void }) => {
  const { api } = useApp();
  const t = useT();
  const [note, setNote] = useState('');
  const action = useAction(api.acknowledge);
  return (
    <form
      class="acknowledge"
      aria-labelledby="ack-title"
      onSubmit={async (event) => {
        event.preventDefault();
        const updated = await action.run(item.caseId, note.trim() === '' ? undefined : note.trim());
        if (updated !== undefined) onDone(updated);
      }}
    >
      <h2 id="ack-title">{t('core.ack.title')}</h2>
      <p class="hint">{t('core.ack.hint')}</p>
      <label class="field" for="ack-note">
        <span class="label">{t('core.ack.note')}</span>
        <input
          id="ack-note"
          type="text"
          maxLength={2000}
          value={note}
          placeholder={t('core.ack.placeholder')}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {action.error !== undefined && <ErrorNotice error={action.error} context={t('core.ack.failed')} />}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy ? t('core.common.saving') : t('core.ack.submit')}
        </button>
      </div>
    </form>
  );
};

type CaseFinding = Case['findings'][number];

/** The most recently seen finding; cases stored before findings were dated have none. */
const latestFinding = (findings: readonly CaseFinding[]): CaseFinding | undefined =>
  findings.reduce<CaseFinding | undefined>(
    (latest, finding) =>
      finding.seenAt !== undefined && (latest === undefined || finding.seenAt > latest.seenAt)
        ? finding
        : latest,
    undefined,
  );

/** When a finding was last seen on the case, as a date and how long ago. */
const FindingDate = ({ finding }: { finding: CaseFinding }) => {
  const t = useT();
  const format = useFormat();
  return finding.seenAt === undefined ? null : (
    <time class="muted finding-date" dateTime={finding.seenAt}>
      {t('core.case.findingSeen', { when: format.dateTime(finding.seenAt), ago: format.ago(finding.seenAt) })}
    </time>
  );
};

/** One case: what happened with the numbers behind it, what was done, and its audit trail. */
export const CaseDetail = ({ caseId }: { caseId: string }) => {
  const { api, announce, session } = useApp();
  const t = useT();
  const format = useFormat();
  const detail = useResource(() => api.case(caseId), [api, caseId], { pollMs: POLL_MS });
  const isManager = session.roles.includes('manager');

  if (detail.data === undefined) {
    return (
      <>
        <p>
          <Link href="/cases">← {t('core.nav.cases')}</Link>
        </p>
        {detail.error !== undefined ? (
          <ErrorNotice
            error={detail.error}
            context={detail.error.status === 404 ? t('core.case.noSuchCase') : t('core.case.loadFailed')}
            retry={detail.refresh}
          />
        ) : (
          <Loading what={t('core.case.loadingWhat')} />
        )}
      </>
    );
  }
  const { case: item, occurrences, audit, review } = detail.data;
  const latest = latestFinding(item.findings);
  const changed = (message: string) => (): void => {
    announce(message);
    void detail.refresh();
    requestAnimationFrame(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  return (
    <>
      <p class="breadcrumbs">
        <Link href="/cases">← {t('core.nav.cases')}</Link> <span aria-hidden="true">·</span>{' '}
        <Link href="/library">{t('core.nav.library')}</Link>
      </p>
      <PageTitle
        aside={
          <span class="title-badges">
            <LevelBadge level={item.level} />
            <StatusBadge status={item.status} />
            <DrillBadge item={item} />
          </span>
        }
      >
        {format.subject(item.subject)}
      </PageTitle>
      {detail.error !== undefined && (
        <ErrorNotice error={detail.error} context={t('core.case.refreshFailed')} retry={detail.refresh} />
      )}
      <div class="detail">
        <div class="detail-main">
          <section class="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">{t('core.case.whatHappened')}</h2>
            <dl class="facts">
              <div>
                <dt>{t('core.case.riskType')}</dt>
                <dd>{format.riskType(item.riskType)}</dd>
              </div>
              <div>
                <dt>{t('core.case.probabilityImpact')}</dt>
                <dd>
                  {format.grade(item.probability)} × {format.grade(item.impact)}
                </dd>
              </div>
              {SUBJECT_FIELDS.filter(([key]) => item.subject[key] !== undefined).map(([key, label]) => (
                <div key={key}>
                  <dt>{t(label)}</dt>
                  <dd>
                    <SubjectValue field={key} value={item.subject[key] ?? ''} />
                  </dd>
                </div>
              ))}
              <div>
                <dt>{t('core.case.firstSeen')}</dt>
                <dd>{format.dateTime(item.firstSeenAt)}</dd>
              </div>
              <div>
                <dt>{t('core.case.lastSeen')}</dt>
                <dd>
                  {format.dateTime(item.lastSeenAt)}{' '}
                  <span class="muted">({format.ago(item.lastSeenAt)})</span>
                </dd>
              </div>
              <div>
                <dt>{t('core.case.occurrences')}</dt>
                <dd>{format.number(item.occurrences)}</dd>
              </div>
              <div>
                <dt>{t('core.case.escalations')}</dt>
                <dd>{format.number(item.escalationCount)}</dd>
              </div>
            </dl>
          </section>

          <section class="panel" aria-labelledby="findings-title">
            <h2 id="findings-title">
              {t('core.case.findings')} <span class="count">{item.findings.length}</span>
            </h2>
            <p class="muted">{t('core.case.findingsHint')}</p>
            {review !== undefined && <CopyText copy={review.copy} findings={item.findings} />}
            <ol class="findings">
              {item.findings.map((finding, index) => (
                <li
                  key={`${finding.ruleId}-${index}`}
                  class={`finding level-border-${finding.level}`}
                  data-rule-id={finding.ruleId}
                >
                  <div class="finding-head">
                    <span class="finding-number" aria-hidden="true">
                      {index + 1}
                    </span>
                    <code class="rule">{finding.ruleId}</code>
                    <LevelBadge level={finding.level} short />
                    <span class="muted">
                      {format.grade(finding.probability)} × {format.grade(finding.impact)}
                    </span>
                    {index === 0 && <span class="badge">{t('core.case.worst')}</span>}
                    {finding.ruleId === latest?.ruleId && <span class="badge">{t('core.case.latest')}</span>}
                    <FindingDate finding={finding} />
                  </div>
                  <p class="finding-message">{finding.message}</p>
                  {finding.metrics !== undefined && <Metrics metrics={finding.metrics} />}
                  {(finding.basis !== undefined || finding.suggestion !== undefined) && (
                    <ul class="plain">
                      {finding.basis !== undefined && (
                        <li>{t('core.case.basis', { basis: finding.basis })}</li>
                      )}
                      {finding.suggestion !== undefined && (
                        <li>{t('core.case.suggestion', { suggestion: finding.suggestion })}</li>
                      )}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
            {review !== undefined && (
              <p class="review-state">
                {t('core.case.reviewRound', { round: review.round })}{' '}
                <strong>
                  {review.decision === undefined
                    ? t('core.case.waitingForLegal')
                    : format.decision(review.decision.decision)}
                </strong>
                {review.decision !== undefined && (
                  <span class="muted">
                    {' '}
                    {t('core.case.decidedBy', {
                      actor: format.actor(review.decision.by),
                      ago: format.ago(review.decision.at),
                      note: review.decision.note,
                    })}
                  </span>
                )}
              </p>
            )}
            {review?.decision !== undefined && (
              <div class="evidence-pack">
                <ExportButton
                  path={`/reviews/${encodeURIComponent(review.reviewId)}/evidence.pdf`}
                  fallbackName={`evidence-${review.copy.copyId}.pdf`}
                  label={t('casework.export.evidencePack')}
                  accessibleLabel={t('casework.export.evidencePackLabel', { copyId: review.copy.copyId })}
                />
              </div>
            )}
          </section>

          {item.resolution !== undefined && (
            <section class="panel resolution" aria-labelledby="resolution-title">
              <h2 id="resolution-title">{t('core.case.libraryRecord')}</h2>
              <h3>{t('core.case.whys')}</h3>
              <ol>
                {item.resolution.whys.map((why) => (
                  <li key={why}>{why}</li>
                ))}
              </ol>
              <h3>{t('core.case.measures')}</h3>
              <ul>
                {item.resolution.measures.map((measure) => (
                  <li key={measure}>{measure}</li>
                ))}
              </ul>
              <h3>{t('core.case.improvementPlan')}</h3>
              <p>{item.resolution.improvementPlan}</p>
              <p class="muted">
                {t('core.case.resolvedBy', {
                  actor: format.actor(item.resolution.by),
                  when: format.dateTime(item.resolution.at),
                })}
              </p>
            </section>
          )}

          {occurrences.length > 0 && (
            <section class="panel" aria-labelledby="occurrences-title">
              <h2 id="occurrences-title">{t('core.case.latestOccurrences')}</h2>
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">{t('core.case.when')}</th>
                      <th scope="col">{t('core.case.event')}</th>
                      <th scope="col">{t('core.case.source')}</th>
                      <th scope="col">{t('core.board.level')}</th>
                      <th scope="col">{t('core.nav.rules')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {occurrences.map((occurrence) => (
                      <tr key={occurrence.eventId}>
                        <td>{format.dateTime(occurrence.occurredAt)}</td>
                        <td>
                          <code>{occurrence.eventId}</code>
                        </td>
                        <td>{occurrence.source}</td>
                        <td>
                          <LevelBadge level={occurrence.level} short />
                        </td>
                        <td>{occurrence.ruleIds.join(', ')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          )}
        </div>

        <aside class="detail-side" aria-label={t('core.case.response')}>
          <OwnerControl
            item={item}
            canReassign={isManager}
            onReassigned={(updated) => changed(t('casework.owner.done', { owner: updated.owner ?? '' }))()}
          />
          {isManager && item.status === 'open' && (
            <section class="panel">
              <Acknowledge item={item} onDone={changed(t('core.ack.done'))} />
            </section>
          )}
          {item.acknowledgement !== undefined && (
            <section class="panel" aria-label={t('core.ack.label')}>
              <p>
                {t('core.ack.by', {
                  actor: format.actor(item.acknowledgement.by),
                  ago: format.ago(item.acknowledgement.at),
                })}
                {item.acknowledgement.note !== undefined &&
                  t('core.ack.byNote', { note: item.acknowledgement.note })}
              </p>
            </section>
          )}
          <ActionRequests caseId={item.caseId} />
          {isManager && item.status !== 'resolved' && (
            <section class="panel">
              <ResolveForm item={item} onResolved={changed(t('core.resolve.done'))} />
            </section>
          )}
          <section class="panel" aria-labelledby="audit-title">
            <h2 id="audit-title">{t('core.case.audit')}</h2>
            <AuditTrail audit={audit} />
          </section>
        </aside>
      </div>
    </>
  );
};

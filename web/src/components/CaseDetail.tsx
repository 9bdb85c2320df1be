import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import {
  AUDIT_LABELS,
  DECISION_LABELS,
  formatActor,
  formatAgo,
  formatDateTime,
  RISK_TYPE_LABELS,
} from '../format.ts';
import { POLL_MS, useAction, useResource } from '../hooks.ts';
import type { AuditEntry, Case, Subject } from '../types.ts';
import { CopyText } from './CopyText.tsx';
import { ErrorNotice, LevelBadge, Link, Loading, Metrics, PageTitle, StatusBadge } from './common.tsx';
import { ResolveForm } from './ResolveForm.tsx';

const SUBJECT_FIELDS: readonly [keyof Subject, string][] = [
  ['brand', 'Brand'],
  ['product', 'Product'],
  ['campaignId', 'Campaign'],
  ['channel', 'Channel'],
  ['market', 'Market'],
  ['copyId', 'Copy'],
];

const AuditTrail = ({ audit }: { audit: readonly AuditEntry[] }) => (
  <ol class="timeline">
    {[...audit].reverse().map((entry, index) => (
      <li key={`${entry.at}-${index}`} class={`timeline-item action-${entry.action}`}>
        <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        <p>
          <strong>{AUDIT_LABELS[entry.action] ?? entry.action}</strong>
          {entry.from !== undefined && entry.to !== undefined && (
            <span>
              {' '}
              {entry.from} → {entry.to}
            </span>
          )}{' '}
          <span class="muted">by {formatActor(entry.actor)}</span>
        </p>
        {entry.note !== undefined && <p class="timeline-note">{entry.note}</p>}
      </li>
    ))}
  </ol>
);

const Acknowledge = ({ item, onDone }: { item: Case; onDone: (updated: Case) => void }) => {
  const { api } = useApp();
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
      <h2 id="ack-title">Acknowledge</h2>
      <p class="hint">Tells the team someone is on it and stops the escalation clock.</p>
      <label class="field" for="ack-note">
        <span class="label">Note (optional)</span>
        <input
          id="ack-note"
          type="text"
          maxLength={2000}
          value={note}
          placeholder="e.g. Paused the campaign, calling the agency"
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {action.error !== undefined && (
        <ErrorNotice error={action.error} context="The case was not acknowledged." />
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Acknowledge case'}
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
const FindingDate = ({ finding }: { finding: CaseFinding }) =>
  finding.seenAt === undefined ? null : (
    <time class="muted finding-date" dateTime={finding.seenAt}>
      seen {formatDateTime(finding.seenAt)} ({formatAgo(finding.seenAt)})
    </time>
  );

/** One case: what happened with the numbers behind it, what was done, and its audit trail. */
export const CaseDetail = ({ caseId }: { caseId: string }) => {
  const { api, announce, session } = useApp();
  const detail = useResource(() => api.case(caseId), [api, caseId], { pollMs: POLL_MS });
  const isManager = session.roles.includes('manager');

  if (detail.data === undefined) {
    return (
      <>
        <p>
          <Link href="/cases">← Open cases</Link>
        </p>
        {detail.error !== undefined ? (
          <ErrorNotice
            error={detail.error}
            context={detail.error.status === 404 ? 'There is no such case.' : 'The case could not be loaded.'}
            retry={detail.refresh}
          />
        ) : (
          <Loading what="the case" />
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
        <Link href="/cases">← Open cases</Link> <span aria-hidden="true">·</span>{' '}
        <Link href="/library">Case library</Link>
      </p>
      <PageTitle
        aside={
          <span class="title-badges">
            <LevelBadge level={item.level} />
            <StatusBadge status={item.status} />
          </span>
        }
      >
        {item.subject.label}
      </PageTitle>
      {detail.error !== undefined && (
        <ErrorNotice error={detail.error} context="The case could not be refreshed." retry={detail.refresh} />
      )}
      <div class="detail">
        <div class="detail-main">
          <section class="panel" aria-labelledby="facts-title">
            <h2 id="facts-title">What happened</h2>
            <dl class="facts">
              <div>
                <dt>Risk type</dt>
                <dd>{RISK_TYPE_LABELS[item.riskType]}</dd>
              </div>
              <div>
                <dt>Probability × impact</dt>
                <dd>
                  {item.probability} × {item.impact}
                </dd>
              </div>
              {SUBJECT_FIELDS.filter(([key]) => item.subject[key] !== undefined).map(([key, label]) => (
                <div key={key}>
                  <dt>{label}</dt>
                  <dd>{item.subject[key]}</dd>
                </div>
              ))}
              <div>
                <dt>First seen</dt>
                <dd>{formatDateTime(item.firstSeenAt)}</dd>
              </div>
              <div>
                <dt>Last seen</dt>
                <dd>
                  {formatDateTime(item.lastSeenAt)} <span class="muted">({formatAgo(item.lastSeenAt)})</span>
                </dd>
              </div>
              <div>
                <dt>Occurrences</dt>
                <dd>{item.occurrences}</dd>
              </div>
              <div>
                <dt>Escalations</dt>
                <dd>{item.escalationCount}</dd>
              </div>
            </dl>
          </section>

          <section class="panel" aria-labelledby="findings-title">
            <h2 id="findings-title">
              Findings <span class="count">{item.findings.length}</span>
            </h2>
            <p class="muted">Worst first, then the most recent; each with when it was last seen.</p>
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
                      {finding.probability} × {finding.impact}
                    </span>
                    {index === 0 && <span class="badge">Worst</span>}
                    {finding.ruleId === latest?.ruleId && <span class="badge">Latest</span>}
                    <FindingDate finding={finding} />
                  </div>
                  <p class="finding-message">{finding.message}</p>
                  {finding.metrics !== undefined && <Metrics metrics={finding.metrics} />}
                  {(finding.basis !== undefined || finding.suggestion !== undefined) && (
                    <ul class="plain">
                      {finding.basis !== undefined && <li>Legal basis: {finding.basis}</li>}
                      {finding.suggestion !== undefined && <li>Suggestion: {finding.suggestion}</li>}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
            {review !== undefined && (
              <p class="review-state">
                Legal review (round {review.round}):{' '}
                <strong>
                  {review.decision === undefined
                    ? 'waiting for legal'
                    : DECISION_LABELS[review.decision.decision]}
                </strong>
                {review.decision !== undefined && (
                  <span class="muted">
                    {' '}
                    by {formatActor(review.decision.by)}, {formatAgo(review.decision.at)}: “
                    {review.decision.note}”
                  </span>
                )}
              </p>
            )}
          </section>

          {item.resolution !== undefined && (
            <section class="panel resolution" aria-labelledby="resolution-title">
              <h2 id="resolution-title">Risk library record</h2>
              <h3>Root cause: the whys</h3>
              <ol>
                {item.resolution.whys.map((why) => (
                  <li key={why}>{why}</li>
                ))}
              </ol>
              <h3>Measures taken</h3>
              <ul>
                {item.resolution.measures.map((measure) => (
                  <li key={measure}>{measure}</li>
                ))}
              </ul>
              <h3>Improvement plan</h3>
              <p>{item.resolution.improvementPlan}</p>
              <p class="muted">
                Resolved by {formatActor(item.resolution.by)} on {formatDateTime(item.resolution.at)}
              </p>
            </section>
          )}

          {occurrences.length > 0 && (
            <section class="panel" aria-labelledby="occurrences-title">
              <h2 id="occurrences-title">Latest occurrences</h2>
              <div class="table-wrap">
                <table class="table">
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col">Event</th>
                      <th scope="col">Source</th>
                      <th scope="col">Level</th>
                      <th scope="col">Rules</th>
                    </tr>
                  </thead>
                  <tbody>
                    {occurrences.map((occurrence) => (
                      <tr key={occurrence.eventId}>
                        <td>{formatDateTime(occurrence.occurredAt)}</td>
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

        <aside class="detail-side" aria-label="Response">
          {isManager && item.status === 'open' && (
            <section class="panel">
              <Acknowledge item={item} onDone={changed('Case acknowledged.')} />
            </section>
          )}
          {item.acknowledgement !== undefined && (
            <section class="panel" aria-label="Acknowledgement">
              <p>
                Acknowledged by <strong>{formatActor(item.acknowledgement.by)}</strong>{' '}
                {formatAgo(item.acknowledgement.at)}
                {item.acknowledgement.note !== undefined && `: “${item.acknowledgement.note}”`}
              </p>
            </section>
          )}
          {isManager && item.status !== 'resolved' && (
            <section class="panel">
              <ResolveForm item={item} onResolved={changed('Case resolved and saved to the risk library.')} />
            </section>
          )}
          <section class="panel" aria-labelledby="audit-title">
            <h2 id="audit-title">Audit trail</h2>
            <AuditTrail audit={audit} />
          </section>
        </aside>
      </div>
    </>
  );
};

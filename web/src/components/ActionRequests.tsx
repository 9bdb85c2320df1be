import { useState } from 'preact/hooks';
import type { ActionRequest, ActionState } from '../../../shared/domain/actions.ts';
import { useApp } from '../context.ts';
import { POLL_MS, useDecision, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { T } from '../i18n/messages.ts';
import { ErrorNotice, Loading } from './common.tsx';

const STATE_TEXT = {
  pending: 'actions.state.pending',
  approved: 'actions.state.approved',
  rejected: 'actions.state.rejected',
  executing: 'actions.state.executing',
  succeeded: 'actions.state.succeeded',
  failed: 'actions.state.failed',
} as const satisfies Record<ActionState, string>;

const KIND_TEXT = {
  'pause-campaign': 'actions.kind.pause-campaign',
  'cap-budget': 'actions.kind.cap-budget',
  'notify-webhook': 'actions.kind.notify-webhook',
} as const satisfies Record<ActionRequest['kind'], string>;

const kindOf = (request: ActionRequest, t: T): string => {
  const kind = t(KIND_TEXT[request.kind]);
  if (request.amount !== undefined) return `${kind} — ${t('actions.cap.amount', { amount: request.amount })}`;
  if (request.ratioOfPlan !== undefined)
    return `${kind} — ${t('actions.cap.ratio', { ratio: request.ratioOfPlan })}`;
  return kind;
};

/** A manager's decision: the button, then a confirmation with an optional note. */
const Decide = ({ request, onDecided }: { request: ActionRequest; onDecided: () => void }) => {
  const { api, announce } = useApp();
  const t = useT();
  const [asking, setAsking] = useState<'approve' | 'reject' | undefined>(undefined);
  const [note, setNote] = useState('');
  const decide = useDecision(async (decision: 'approve' | 'reject') => {
    const trimmed = note.trim();
    const decided = await api.decideAction(request.actionId, decision, trimmed === '' ? undefined : trimmed);
    announce(t(decision === 'approve' ? 'actions.done.approved' : 'actions.done.rejected'));
    setAsking(undefined);
    setNote('');
    return decided;
  }, onDecided);
  const noteId = `action-note-${request.actionId}`;
  if (asking === undefined) {
    return (
      <div class="form-actions">
        <button type="button" class="button button-primary button-small" onClick={() => setAsking('approve')}>
          {t('actions.approve')}
        </button>
        <button type="button" class="button button-small" onClick={() => setAsking('reject')}>
          {t('actions.reject')}
        </button>
      </div>
    );
  }
  return (
    <fieldset class="action-confirm">
      <legend>
        <strong>
          {t(asking === 'approve' ? 'actions.confirm.approve' : 'actions.confirm.reject', {
            kind: kindOf(request, t),
          })}
        </strong>
      </legend>
      <label class="field" for={noteId}>
        <span class="label">{t('actions.noteLabel')}</span>
        <input
          id={noteId}
          type="text"
          maxLength={2000}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      <div class="form-actions">
        <button
          type="button"
          class="button button-primary button-small"
          disabled={decide.busy}
          onClick={() => void decide.run(asking)}
        >
          {decide.busy ? t('actions.deciding') : t('actions.confirm.yes')}
        </button>
        <button
          type="button"
          class="button button-small"
          disabled={decide.busy}
          onClick={() => {
            setAsking(undefined);
            decide.reset();
          }}
        >
          {t('actions.confirm.no')}
        </button>
      </div>
      {decide.error !== undefined && (
        <p class="form-problem" role="alert">
          {decide.error.status === 409
            ? t('actions.problem.conflict')
            : t('actions.problem.other', {
                detail: decide.error.detail === '' ? decide.error.title : decide.error.detail,
              })}
        </p>
      )}
    </fieldset>
  );
};

const Request = ({
  request,
  canDecide,
  onDecided,
}: {
  request: ActionRequest;
  canDecide: boolean;
  onDecided: () => void;
}) => {
  const t = useT();
  const format = useFormat();
  return (
    <li class="action-request" data-action-id={request.actionId} data-state={request.state}>
      <p>
        <strong>{kindOf(request, t)}</strong> ·{' '}
        <span class="action-state">{t(STATE_TEXT[request.state])}</span>
      </p>
      <p class="muted">
        {t('actions.requested', {
          ago: format.ago(request.requestedAt),
          level: format.level(request.level),
          approval: request.approval,
        })}
      </p>
      {request.decidedBy !== undefined &&
        request.decidedAt !== undefined &&
        request.approval === 'manual' && (
          <p class="muted">
            {t('actions.decided', {
              state: request.state === 'rejected' ? 'rejected' : 'approved',
              actor: format.actor(request.decidedBy),
              ago: format.ago(request.decidedAt),
            })}
          </p>
        )}
      {request.note !== undefined && <p class="muted">{t('actions.note', { note: request.note })}</p>}
      {request.outcome !== undefined && (
        <p class="action-outcome">
          {request.state === 'succeeded'
            ? t('actions.outcome.succeeded', {
                attempts: request.attempts,
                status: String(request.outcome.status ?? ''),
              })
            : t('actions.outcome.failed', {
                attempts: request.attempts,
                reason: request.outcome.reason ?? `HTTP ${request.outcome.status ?? ''}`,
              })}
        </p>
      )}
      {canDecide && request.state === 'pending' && <Decide request={request} onDecided={onDecided} />}
    </li>
  );
};

/**
 * The case's guarded action requests (README "Guarded actions"): kind, state, who decided, the outcome; a
 * manager approves or rejects a pending one after a confirmation, with an optional note. Polled, so an approved
 * request is seen carried out without a reload. Nothing is shown for a case that asked for no action.
 */
export const ActionRequests = ({ caseId }: { caseId: string }) => {
  const { api, session } = useApp();
  const t = useT();
  const list = useResource(() => api.caseActions(caseId), [api, caseId], { pollMs: POLL_MS });
  const canDecide = session.roles.includes('manager');
  if (list.data === undefined) {
    return list.error !== undefined ? (
      <section class="panel">
        <ErrorNotice error={list.error} context={t('actions.loadFailed')} retry={list.refresh} />
      </section>
    ) : (
      <Loading what={t('actions.loading')} />
    );
  }
  if (list.data.items.length === 0) return null;
  return (
    <section class="panel" aria-labelledby="actions-title" data-testid="action-requests">
      <h2 id="actions-title">{t('actions.title')}</h2>
      <p class="hint">{t('actions.hint')}</p>
      <ul class="action-requests">
        {list.data.items.map((request) => (
          <Request
            key={request.actionId}
            request={request}
            canDecide={canDecide}
            onDecided={() => void list.refresh()}
          />
        ))}
      </ul>
    </section>
  );
};

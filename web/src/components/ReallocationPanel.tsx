import { useState } from 'preact/hooks';
import type { CampaignPlan } from '../../../shared/domain/catalogue.ts';
import type { Reallocation } from '../../../shared/domain/reallocation.ts';
import type { ApiError } from '../api.ts';
import { useApp } from '../context.ts';
import { useAction, useDecision, useResource } from '../hooks.ts';
import { Rich, useFormat, useT } from '../i18n/index.tsx';
import type { T } from '../i18n/messages.ts';
import { ErrorNotice, Link, Loading } from './common.tsx';

const campaignHref = (campaignId: string): string => `/campaigns/${encodeURIComponent(campaignId)}`;

/** A refused request or decision in the reader's words (the API's own sentence for a plan that does not allow it). */
const problemText = (error: ApiError, t: T): string => {
  if (error.status === 403) return t('reallocations.problem.forbidden');
  if (error.status === 409) return t('reallocations.problem.conflict');
  if (error.status === 404) return t('reallocations.problem.notFound');
  if (error.status === 422) return t('reallocations.problem.plans', { detail: error.detail });
  return t('reallocations.problem.other', { detail: error.detail === '' ? error.title : error.detail });
};

const STATE_TEXT = {
  requested: 'reallocations.state.requested',
  approved: 'reallocations.state.approved',
  rejected: 'reallocations.state.rejected',
} as const;

/** Approve or reject, with the note that says why: only for a manager who did not request it. */
const Decision = ({ reallocation, onDecided }: { reallocation: Reallocation; onDecided: () => void }) => {
  const { api, announce } = useApp();
  const t = useT();
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const decide = useDecision(async (decision: 'approved' | 'rejected') => {
    if (note.trim() === '') {
      setMissing(true);
      return undefined;
    }
    const decided = await api.decideReallocation(reallocation.reallocationId, decision, note.trim());
    announce(t('reallocations.decided', { state: t(STATE_TEXT[decided.state]) }));
    return decided;
  }, onDecided);
  const id = `reallocation-note-${reallocation.reallocationId}`;
  return (
    <div class="reallocation-decision" data-testid="reallocation-decision">
      <label class="field" for={id}>
        <span class="label">{t('reallocations.note')}</span>
        <input
          id={id}
          type="text"
          value={note}
          aria-invalid={missing ? 'true' : undefined}
          aria-describedby={`${id}-hint`}
          onInput={(event) => {
            setNote(event.currentTarget.value);
            setMissing(false);
          }}
        />
        <span id={`${id}-hint`} class="hint">
          {missing ? t('reallocations.noteMissing') : t('reallocations.noteHint')}
        </span>
      </label>
      <div class="form-actions">
        <button
          type="button"
          class="button button-primary button-small"
          disabled={decide.busy}
          onClick={() => void decide.run('approved')}
        >
          {decide.busy ? t('reallocations.deciding') : t('reallocations.approve')}
        </button>
        <button
          type="button"
          class="button button-small"
          disabled={decide.busy}
          onClick={() => void decide.run('rejected')}
        >
          {t('reallocations.reject')}
        </button>
      </div>
      {decide.error !== undefined && (
        <p class="form-problem" role="alert">
          {problemText(decide.error, t)}
        </p>
      )}
    </div>
  );
};

/** The form a manager requests a re-allocation with, this campaign on one side. */
const RequestForm = ({
  campaignId,
  plan,
  onRequested,
}: {
  campaignId: string;
  plan: CampaignPlan | undefined;
  onRequested: () => void;
}) => {
  const { api, announce } = useApp();
  const t = useT();
  const [direction, setDirection] = useState<'out' | 'in'>('out');
  const [other, setOther] = useState('');
  const [amount, setAmount] = useState('');
  const [currency, setCurrency] = useState(plan?.currency ?? '');
  const [reason, setReason] = useState('');
  const [incomplete, setIncomplete] = useState(false);
  const send = useAction(async () => {
    const value = Number(amount);
    if (other.trim() === '' || !(value > 0) || !/^[A-Z]{3}$/.test(currency) || reason.trim() === '') {
      setIncomplete(true);
      return undefined;
    }
    const here = { campaignId };
    const there = { campaignId: other.trim() };
    const sent = await api.requestReallocation({
      from: direction === 'out' ? here : there,
      to: direction === 'out' ? there : here,
      amount: value,
      currency,
      reason: reason.trim(),
    });
    announce(t('reallocations.form.sent'));
    setOther('');
    setAmount('');
    setReason('');
    onRequested();
    return sent;
  });
  const field = (id: string, label: string, input: preact.ComponentChildren, hint?: string) => (
    <label class="field" for={id}>
      <span class="label">{label}</span>
      {input}
      {hint !== undefined && <span class="hint">{hint}</span>}
    </label>
  );
  return (
    <form
      class="reallocation-form campaign-form"
      aria-labelledby="reallocation-form-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setIncomplete(false);
        void send.run();
      }}
    >
      <h3 id="reallocation-form-title">{t('reallocations.form.title')}</h3>
      <div class="campaign-form-grid">
        {field(
          'reallocation-direction',
          t('reallocations.form.direction'),
          <select
            id="reallocation-direction"
            name="direction"
            value={direction}
            onChange={(event) => setDirection(event.currentTarget.value === 'in' ? 'in' : 'out')}
          >
            <option value="out">{t('reallocations.form.out')}</option>
            <option value="in">{t('reallocations.form.in')}</option>
          </select>,
        )}
        {field(
          'reallocation-other',
          t('reallocations.form.other'),
          <input
            id="reallocation-other"
            name="other"
            type="text"
            value={other}
            onInput={(event) => setOther(event.currentTarget.value)}
          />,
        )}
        {field(
          'reallocation-amount',
          t('reallocations.form.amount'),
          <input
            id="reallocation-amount"
            name="amount"
            type="number"
            min="0"
            step="any"
            inputMode="decimal"
            value={amount}
            onInput={(event) => setAmount(event.currentTarget.value)}
          />,
        )}
        {field(
          'reallocation-currency',
          t('reallocations.form.currency'),
          <input
            id="reallocation-currency"
            name="currency"
            type="text"
            maxLength={3}
            value={currency}
            onInput={(event) => setCurrency(event.currentTarget.value.toUpperCase())}
          />,
        )}
        {field(
          'reallocation-reason',
          t('reallocations.form.reason'),
          <input
            id="reallocation-reason"
            name="reason"
            type="text"
            value={reason}
            onInput={(event) => setReason(event.currentTarget.value)}
          />,
          t('reallocations.form.reasonHint'),
        )}
      </div>
      {incomplete && (
        <p class="form-problem" role="alert">
          {t('reallocations.form.incomplete')}
        </p>
      )}
      {send.error !== undefined && (
        <p class="form-problem" role="alert">
          {problemText(send.error, t)}
        </p>
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={send.busy}>
          {send.busy ? t('reallocations.form.sending') : t('reallocations.form.submit')}
        </button>
      </div>
    </form>
  );
};

/**
 * A campaign's budget re-allocations (in and out) on its page: amount, the other campaign, who requested it
 * when and why, who decided it when and why, and the plans it moved; Approve / Reject for a manager who did
 * not request it, and the form to request one. `onChanged` refreshes what the plans feed (the overview).
 */
export const ReallocationPanel = ({
  campaignId,
  plan,
  onChanged,
}: {
  campaignId: string;
  plan: CampaignPlan | undefined;
  onChanged: () => void;
}) => {
  const { api, session } = useApp();
  const t = useT();
  const format = useFormat();
  const list = useResource(() => api.reallocations(campaignId), [api, campaignId]);
  const isManager = session.roles.includes('manager');
  const changed = () => {
    void list.refresh();
    onChanged();
  };
  const money = (amount: number, currency: string) => format.money(amount, currency);

  const body = () => {
    if (list.data === undefined)
      return list.error === undefined ? (
        <Loading what={t('reallocations.loading')} />
      ) : (
        <ErrorNotice error={list.error} context={t('reallocations.loadFailed')} retry={list.refresh} />
      );
    const { items, you } = list.data;
    if (items.length === 0) return <p class="muted">{t('reallocations.empty')}</p>;
    return (
      <div class="table-wrap">
        <table class="table" data-testid="campaign-reallocations">
          <thead>
            <tr>
              <th scope="col">{t('reallocations.column.state')}</th>
              <th scope="col">{t('reallocations.column.move')}</th>
              <th scope="col">{t('reallocations.column.requested')}</th>
              <th scope="col">{t('reallocations.column.decided')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => {
              const out = item.from.campaignId === campaignId;
              const other = out ? item.to.campaignId : item.from.campaignId;
              return (
                <tr
                  key={item.reallocationId}
                  data-reallocation-id={item.reallocationId}
                  data-state={item.state}
                >
                  <td>
                    <span class={`badge reallocation-${item.state}`}>{t(STATE_TEXT[item.state])}</span>
                  </td>
                  <td class="wrap">
                    <strong>{money(item.amount, item.currency)}</strong>{' '}
                    <Rich
                      id={out ? 'reallocations.direction.out' : 'reallocations.direction.in'}
                      elements={{
                        campaign: (
                          <Link href={campaignHref(other)}>
                            <code>{other}</code>
                          </Link>
                        ),
                      }}
                    />
                    {item.applied !== undefined && (
                      <div class="muted">
                        {t('reallocations.applied', {
                          from: item.from.campaignId,
                          fromAfter: money(item.applied.fromAfter, item.currency),
                          to: item.to.campaignId,
                          toAfter: money(item.applied.toAfter, item.currency),
                        })}
                      </div>
                    )}
                  </td>
                  <td class="wrap">
                    {t('reallocations.by', {
                      actor: format.actor(item.requestedBy),
                      when: format.dateTime(item.requestedAt),
                    })}
                    <div>{t('reallocations.why', { text: item.reason })}</div>
                  </td>
                  <td class="wrap">
                    {item.decidedBy !== undefined && item.decidedAt !== undefined ? (
                      <>
                        {t('reallocations.by', {
                          actor: format.actor(item.decidedBy),
                          when: format.dateTime(item.decidedAt),
                        })}
                        {item.note !== undefined && <div>{t('reallocations.why', { text: item.note })}</div>}
                      </>
                    ) : !isManager ? (
                      <span class="muted">{t('reallocations.notDecided')}</span>
                    ) : item.requestedBy === you ? (
                      <span class="muted" data-testid="reallocation-yours">
                        {t('reallocations.yours')}
                      </span>
                    ) : (
                      <Decision reallocation={item} onDecided={changed} />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    );
  };

  return (
    <section class="panel campaign-section" aria-labelledby="reallocations-title">
      <h2 id="reallocations-title">
        {t('reallocations.title')}{' '}
        {list.data !== undefined && <span class="count">{list.data.items.length}</span>}
      </h2>
      <p class="hint">{t('reallocations.hint')}</p>
      {body()}
      {isManager && <RequestForm campaignId={campaignId} plan={plan} onRequested={changed} />}
    </section>
  );
};

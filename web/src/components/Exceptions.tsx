import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { formatActor, formatAgo, formatDate } from '../format.ts';
import { POLL_MS, useAction, useResource } from '../hooks.ts';
import type { ClaimException } from '../types.ts';
import { EmptyState, ErrorNotice, Loading, PageTitle } from './common.tsx';

type State = 'active' | 'expired' | 'revoked';

const stateOf = (exception: ClaimException, now: number): State =>
  exception.revokedAt !== undefined
    ? 'revoked'
    : new Date(exception.expiresAt).getTime() <= now
      ? 'expired'
      : 'active';

const STATE_LABELS: Readonly<Record<State, string>> = {
  active: 'In force',
  expired: 'Expired',
  revoked: 'Revoked',
};

/** Claim exceptions legal has granted, newest first: what, why, until when; revoke one to flag the claim again. */
export const Exceptions = () => {
  const { api, announce } = useApp();
  const list = useResource(() => api.exceptions(), [api], { pollMs: POLL_MS });
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const revoke = useAction(api.revoke);
  const now = Date.now();
  const items = list.data?.items ?? [];

  const doRevoke = async (exception: ClaimException): Promise<void> => {
    const revoked = await revoke.run(exception.exceptionId);
    setConfirming(undefined);
    if (revoked !== undefined) {
      announce(`Exception for ${exception.ruleId} (${exception.brand}) revoked: the claim is flagged again.`);
      await list.refresh();
    }
  };

  return (
    <>
      <PageTitle>Exceptions</PageTitle>
      <p class="lede">
        Claims allowed for a brand on the strength of evidence, until they expire. While an exception is in
        force, the brand’s copy using that claim is not flagged.
      </p>
      {list.error !== undefined && (
        <ErrorNotice error={list.error} context="The exceptions could not be loaded." retry={list.refresh} />
      )}
      {revoke.error !== undefined && (
        <ErrorNotice error={revoke.error} context="The exception was not revoked." />
      )}
      {list.loading && list.data === undefined ? (
        <Loading what="exceptions" />
      ) : items.length === 0 ? (
        list.data !== undefined && (
          <EmptyState title="No exceptions granted yet.">
            Approve a copy in the review queue and tick “Grant an exception” to allow a substantiated claim.
          </EmptyState>
        )
      ) : (
        <div class="table-wrap panel">
          <table class="table">
            <caption class="visually-hidden">Claim exceptions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Brand</th>
                <th scope="col">Claim (rule)</th>
                <th scope="col">Phrase</th>
                <th scope="col">Evidence</th>
                <th scope="col">Granted</th>
                <th scope="col">Expires</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((exception) => {
                const state = stateOf(exception, now);
                return (
                  <tr key={exception.exceptionId} data-exception-id={exception.exceptionId}>
                    <td>{exception.brand}</td>
                    <td>
                      <code>{exception.ruleId}</code>
                    </td>
                    <td>{exception.phrase ?? <span class="muted">every phrase</span>}</td>
                    <td class="wrap">{exception.evidence}</td>
                    <td>
                      {formatDate(exception.grantedAt)}
                      <br />
                      <span class="muted">{formatActor(exception.grantedBy)}</span>
                    </td>
                    <td>
                      {formatDate(exception.expiresAt)}
                      <br />
                      <span class="muted">{formatAgo(exception.expiresAt, now)}</span>
                    </td>
                    <td>
                      <span class={`badge state-${state}`}>{STATE_LABELS[state]}</span>
                      {exception.revokedBy !== undefined && (
                        <span class="muted"> by {formatActor(exception.revokedBy)}</span>
                      )}
                    </td>
                    <td class="actions">
                      {state === 'active' &&
                        (confirming === exception.exceptionId ? (
                          <span class="confirm">
                            <button
                              type="button"
                              class="button button-danger button-small"
                              disabled={revoke.busy}
                              onClick={() => void doRevoke(exception)}
                            >
                              Confirm revoke
                            </button>
                            <button
                              type="button"
                              class="button button-quiet button-small"
                              onClick={() => setConfirming(undefined)}
                            >
                              Cancel
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            class="button button-small"
                            aria-label={`Revoke exception for ${exception.ruleId}, ${exception.brand}`}
                            onClick={() => setConfirming(exception.exceptionId)}
                          >
                            Revoke
                          </button>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};

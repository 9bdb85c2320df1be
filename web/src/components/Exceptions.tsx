import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { POLL_MS, useAction, useResource } from '../hooks.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { ClaimException } from '../types.ts';
import { EmptyState, ErrorNotice, Loading, PageTitle } from './common.tsx';
import { ExportButton } from './ExportButton.tsx';

type State = 'active' | 'expired' | 'revoked';

const stateOf = (exception: ClaimException, now: number): State =>
  exception.revokedAt !== undefined
    ? 'revoked'
    : new Date(exception.expiresAt).getTime() <= now
      ? 'expired'
      : 'active';

const STATE_IDS = {
  active: 'policies.exceptions.state.active',
  expired: 'policies.exceptions.state.expired',
  revoked: 'policies.exceptions.state.revoked',
} as const satisfies Record<State, string>;

/** Claim exceptions legal has granted, newest first: what, why, until when; revoke one to flag the claim again. */
export const Exceptions = () => {
  const { api, announce } = useApp();
  const t = useT();
  const format = useFormat();
  const list = useResource(() => api.exceptions(), [api], { pollMs: POLL_MS });
  const [confirming, setConfirming] = useState<string | undefined>(undefined);
  const revoke = useAction(api.revoke);
  const now = Date.now();
  const items = list.data?.items ?? [];

  const doRevoke = async (exception: ClaimException): Promise<void> => {
    const revoked = await revoke.run(exception.exceptionId);
    setConfirming(undefined);
    if (revoked !== undefined) {
      announce(t('policies.exceptions.revoked', { rule: exception.ruleId, brand: exception.brand }));
      await list.refresh();
    }
  };

  return (
    <>
      <PageTitle
        aside={
          <ExportButton
            path="/exports/exceptions.csv"
            fallbackName="exceptions.csv"
            label={t('casework.export.csv')}
            accessibleLabel={t('casework.export.csvLabel', { what: t('casework.export.exceptions') })}
          />
        }
      >
        {t('policies.exceptions.title')}
      </PageTitle>
      <p class="lede">{t('policies.exceptions.lede')}</p>
      {list.error !== undefined && (
        <ErrorNotice error={list.error} context={t('policies.exceptions.failed')} retry={list.refresh} />
      )}
      {revoke.error !== undefined && (
        <ErrorNotice error={revoke.error} context={t('policies.exceptions.revokeFailed')} />
      )}
      {list.loading && list.data === undefined ? (
        <Loading what={t('policies.exceptions.loading')} />
      ) : items.length === 0 ? (
        list.data !== undefined && (
          <EmptyState title={t('policies.exceptions.empty')}>{t('policies.exceptions.emptyHint')}</EmptyState>
        )
      ) : (
        <div class="table-wrap panel">
          <table class="table">
            <caption class="visually-hidden">{t('policies.exceptions.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('policies.exceptions.column.brand')}</th>
                <th scope="col">{t('policies.exceptions.column.rule')}</th>
                <th scope="col">{t('policies.exceptions.column.phrase')}</th>
                <th scope="col">{t('policies.exceptions.column.evidence')}</th>
                <th scope="col">{t('policies.exceptions.column.granted')}</th>
                <th scope="col">{t('policies.exceptions.column.expires')}</th>
                <th scope="col">{t('policies.exceptions.column.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('policies.exceptions.column.action')}</span>
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
                    <td>
                      {exception.phrase ?? <span class="muted">{t('policies.exceptions.everyPhrase')}</span>}
                    </td>
                    <td class="wrap">{exception.evidence}</td>
                    <td>
                      {format.date(exception.grantedAt)}
                      <br />
                      <span class="muted">{format.actor(exception.grantedBy)}</span>
                    </td>
                    <td>
                      {format.calendarDate(exception.expiresOn)}
                      <br />
                      <span class="muted">{format.ago(exception.expiresAt, now)}</span>
                    </td>
                    <td>
                      <span class={`badge state-${state}`}>{t(STATE_IDS[state])}</span>
                      {exception.revokedBy !== undefined && (
                        <span class="muted">
                          {' '}
                          {t('policies.exceptions.revokedBy', { actor: format.actor(exception.revokedBy) })}
                        </span>
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
                              {t('policies.exceptions.confirmRevoke')}
                            </button>
                            <button
                              type="button"
                              class="button button-quiet button-small"
                              onClick={() => setConfirming(undefined)}
                            >
                              {t('policies.cancel')}
                            </button>
                          </span>
                        ) : (
                          <button
                            type="button"
                            class="button button-small"
                            aria-label={t('policies.exceptions.revokeLabel', {
                              rule: exception.ruleId,
                              brand: exception.brand,
                            })}
                            onClick={() => setConfirming(exception.exceptionId)}
                          >
                            {t('policies.exceptions.revoke')}
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

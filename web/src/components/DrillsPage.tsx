import { useState } from 'preact/hooks';
import { DRILL_KINDS, type DrillKind } from '../../../shared/domain/drill.ts';
import { useApp } from '../context.ts';
import { useAction, useResource } from '../hooks.ts';
import { useT } from '../i18n/index.tsx';
import { navigate } from '../router.ts';
import { CaseList } from './CaseList.tsx';
import { EmptyState, ErrorNotice, Loading, PageTitle, SelectField } from './common.tsx';

/**
 * Crisis drills (managers): run one — choose the scenario, confirm, and the drill report opens — and the
 * drill cases so far, each marked DRILL (the case lists leave them out: `drill=only` asks for them).
 */
export const DrillsPage = () => {
  const t = useT();
  const { api, session, announce } = useApp();
  const [kind, setKind] = useState<DrillKind>('budget');
  const [confirming, setConfirming] = useState(false);
  const cases = useResource(() => api.cases({ drill: 'only', limit: 50 }), []);
  const start = useAction(async () => {
    const started = await api.startDrill(kind);
    announce(t('drills.started', { drillId: started.drillId }));
    navigate(`/drills/${encodeURIComponent(started.drillId)}`);
    return started;
  });
  const isManager = session.roles.includes('manager');
  return (
    <>
      <PageTitle>{t('drills.title')}</PageTitle>
      <p class="hint">{t('drills.hint')}</p>
      {isManager && (
        <form
          class="panel drill-start"
          onSubmit={(event) => {
            event.preventDefault();
            setConfirming(true);
          }}
        >
          <SelectField
            label={t('drills.kind')}
            value={kind}
            options={DRILL_KINDS.map((value) => [value, t(`drills.kind.${value}`)] as const)}
            onChange={(value) => {
              setKind(value as DrillKind);
              setConfirming(false);
            }}
          />
          {!confirming ? (
            <button type="submit" class="button">
              {t('drills.run')}
            </button>
          ) : (
            <div class="drill-confirm" role="alertdialog" aria-label={t('drills.run')}>
              <p>{t('drills.confirm', { kind: t(`drills.kind.${kind}`) })}</p>
              <button
                type="button"
                class="button"
                disabled={start.busy}
                onClick={() => {
                  void start.run();
                }}
              >
                {start.busy ? t('drills.starting') : t('drills.confirmYes')}
              </button>{' '}
              <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
                {t('drills.cancel')}
              </button>
            </div>
          )}
          {start.error !== undefined && <ErrorNotice error={start.error} context={t('drills.startFailed')} />}
        </form>
      )}
      <h2>{t('drills.cases')}</h2>
      {cases.error !== undefined && (
        <ErrorNotice error={cases.error} context={t('drills.loadFailed')} retry={cases.refresh} />
      )}
      {cases.data === undefined ? (
        cases.loading && <Loading what={t('drills.loading')} />
      ) : cases.data.items.length === 0 ? (
        <EmptyState title={t('drills.casesEmpty')} />
      ) : (
        <CaseList cases={cases.data.items} label={t('drills.cases')} />
      )}
    </>
  );
};

import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { useAction } from '../hooks.ts';
import { useT } from '../i18n/index.tsx';
import type { Case } from '../types.ts';
import { ErrorNotice } from './common.tsx';

const MAX_WHYS = 10;
const MAX_MEASURES = 20;

/** A growing list of text fields ("Why 1", "Why 2" …) with add and remove buttons. */
const ListField = ({
  legend,
  hint,
  itemLabel,
  items,
  max,
  onChange,
  idPrefix,
  addLabel,
}: {
  legend: string;
  hint: string;
  itemLabel: (index: number) => string;
  items: readonly string[];
  max: number;
  onChange: (items: string[]) => void;
  idPrefix: string;
  addLabel: string;
}) => {
  const t = useT();
  return (
    <fieldset class="list-field">
      <legend>{legend}</legend>
      <p class="hint" id={`${idPrefix}-hint`}>
        {hint}
      </p>
      <ol>
        {items.map((item, index) => (
          <li key={index} class="list-field-row">
            <label class="field" for={`${idPrefix}-${index}`}>
              <span class="label">{itemLabel(index)}</span>
              <input
                id={`${idPrefix}-${index}`}
                type="text"
                value={item}
                maxLength={1000}
                aria-describedby={`${idPrefix}-hint`}
                onInput={(event) =>
                  onChange(items.map((old, i) => (i === index ? event.currentTarget.value : old)))
                }
              />
            </label>
            {items.length > 1 && (
              <button
                type="button"
                class="button button-quiet button-small"
                aria-label={t('core.resolve.removeItem', { item: itemLabel(index) })}
                onClick={() => onChange(items.filter((_, i) => i !== index))}
              >
                {t('core.resolve.remove')}
              </button>
            )}
          </li>
        ))}
      </ol>
      {items.length < max && (
        <button
          type="button"
          class="button button-small"
          onClick={() => {
            onChange([...items, '']);
            requestAnimationFrame(() => document.getElementById(`${idPrefix}-${items.length}`)?.focus());
          }}
        >
          {addLabel}
        </button>
      )}
    </fieldset>
  );
};

/**
 * Closes a case into the risk library: the chain of whys down to the root cause, the measures taken and the
 * improvement plan (README "The workflow around a risk").
 */
export const ResolveForm = ({ item, onResolved }: { item: Case; onResolved: (resolved: Case) => void }) => {
  const { api } = useApp();
  const t = useT();
  const [whys, setWhys] = useState<string[]>(['']);
  const [measures, setMeasures] = useState<string[]>(['']);
  const [plan, setPlan] = useState('');
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const action = useAction(api.resolve);

  const submit = async (event: Event): Promise<void> => {
    event.preventDefault();
    const request = {
      whys: whys.map((why) => why.trim()).filter((why) => why !== ''),
      measures: measures.map((measure) => measure.trim()).filter((measure) => measure !== ''),
      improvementPlan: plan.trim(),
      ...(note.trim() === '' ? {} : { note: note.trim() }),
    };
    const missing = [
      ...(request.whys.length === 0 ? [t('core.resolve.needWhy')] : []),
      ...(request.measures.length === 0 ? [t('core.resolve.needMeasure')] : []),
      ...(request.improvementPlan === '' ? [t('core.resolve.needPlan')] : []),
    ];
    setProblems(missing);
    if (missing.length > 0) return;
    const resolved = await action.run(item.caseId, request);
    if (resolved !== undefined) onResolved(resolved);
  };

  return (
    <form class="resolve" aria-labelledby="resolve-title" onSubmit={submit} noValidate>
      <h2 id="resolve-title">{t('core.resolve.title')}</h2>
      <ListField
        legend={t('core.resolve.whysLegend')}
        hint={t('core.resolve.whysHint')}
        itemLabel={(index) => t('core.resolve.why', { n: index + 1 })}
        items={whys}
        max={MAX_WHYS}
        onChange={setWhys}
        idPrefix="why"
        addLabel={t('core.resolve.addWhy')}
      />
      <ListField
        legend={t('core.case.measures')}
        hint={t('core.resolve.measuresHint')}
        itemLabel={(index) => t('core.resolve.measure', { n: index + 1 })}
        items={measures}
        max={MAX_MEASURES}
        onChange={setMeasures}
        idPrefix="measure"
        addLabel={t('core.resolve.addMeasure')}
      />
      <label class="field" for="improvement-plan">
        <span class="label">{t('core.case.improvementPlan')}</span>
        <textarea
          id="improvement-plan"
          rows={3}
          maxLength={4000}
          value={plan}
          onInput={(event) => setPlan(event.currentTarget.value)}
          placeholder={t('core.resolve.planPlaceholder')}
        />
      </label>
      <label class="field" for="resolve-note">
        <span class="label">{t('core.ack.note')}</span>
        <input
          id="resolve-note"
          type="text"
          maxLength={2000}
          value={note}
          onInput={(event) => setNote(event.currentTarget.value)}
        />
      </label>
      {problems.length > 0 && (
        <div class="form-problem" role="alert">
          <p>{t('core.resolve.before')}</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {action.error !== undefined && <ErrorNotice error={action.error} context={t('core.resolve.failed')} />}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy ? t('core.common.saving') : t('core.resolve.submit')}
        </button>
      </div>
    </form>
  );
};

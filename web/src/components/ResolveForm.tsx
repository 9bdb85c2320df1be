import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { useAction } from '../hooks.ts';
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
}) => (
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
              aria-label={`Remove ${itemLabel(index)}`}
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              Remove
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

/**
 * Closes a case into the risk library: the chain of whys down to the root cause, the measures taken and the
 * improvement plan (README "The workflow around a risk").
 */
export const ResolveForm = ({ item, onResolved }: { item: Case; onResolved: (resolved: Case) => void }) => {
  const { api } = useApp();
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
      ...(request.whys.length === 0
        ? ['Give at least one “why”: the chain from what happened to its root cause.']
        : []),
      ...(request.measures.length === 0 ? ['List at least one measure taken.'] : []),
      ...(request.improvementPlan === ''
        ? ['Write the improvement plan: what changes so it does not happen again.']
        : []),
    ];
    setProblems(missing);
    if (missing.length > 0) return;
    const resolved = await action.run(item.caseId, request);
    if (resolved !== undefined) onResolved(resolved);
  };

  return (
    <form class="resolve" aria-labelledby="resolve-title" onSubmit={submit} noValidate>
      <h2 id="resolve-title">Resolve: root cause and measures</h2>
      <ListField
        legend="Root cause: the 5 whys"
        hint="Start from what happened and ask “why?” until you reach the root cause — five times is typical."
        itemLabel={(index) => `Why ${index + 1}`}
        items={whys}
        max={MAX_WHYS}
        onChange={setWhys}
        idPrefix="why"
        addLabel="Add a why"
      />
      <ListField
        legend="Measures taken"
        hint="What was done about this case: paused the campaign, pulled the copy, answered customers …"
        itemLabel={(index) => `Measure ${index + 1}`}
        items={measures}
        max={MAX_MEASURES}
        onChange={setMeasures}
        idPrefix="measure"
        addLabel="Add a measure"
      />
      <label class="field" for="improvement-plan">
        <span class="label">Improvement plan</span>
        <textarea
          id="improvement-plan"
          rows={3}
          maxLength={4000}
          value={plan}
          onInput={(event) => setPlan(event.currentTarget.value)}
          placeholder="What changes in the process so that this does not happen again, who owns it, by when"
        />
      </label>
      <label class="field" for="resolve-note">
        <span class="label">Note (optional)</span>
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
          <p>Before resolving:</p>
          <ul>
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
      {action.error !== undefined && (
        <ErrorNotice error={action.error} context="The case was not resolved." />
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Resolve case'}
        </button>
      </div>
    </form>
  );
};

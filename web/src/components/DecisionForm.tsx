import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { DECISION_ACTIONS } from '../format.ts';
import { useAction } from '../hooks.ts';
import type { Decision, Review } from '../types.ts';
import { ErrorNotice } from './common.tsx';

const DECISIONS: readonly { value: Decision; key: string }[] = [
  { value: 'approved', key: 'a' },
  { value: 'rejected', key: 'r' },
  { value: 'changes_requested', key: 'c' },
];

export const NOTE_FIELD_ID = 'decision-note';

const inDays = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * Legal's decision on one review: approve, reject or request changes, with a note for the record; approving
 * may grant a documented, expiring exception for a substantiated claim (README "The workflow around a risk").
 */
export const DecisionForm = ({
  review,
  choice,
  onChoice,
  onDecided,
}: {
  review: Review;
  choice: Decision | undefined;
  onChoice: (decision: Decision) => void;
  onDecided: (review: Review, decision: Decision) => void;
}) => {
  const { api } = useApp();
  const firstRule = review.findings[0];
  const [note, setNote] = useState('');
  const [granting, setGranting] = useState(false);
  const [ruleId, setRuleId] = useState(firstRule?.ruleId ?? '');
  const phrasesOf = (id: string): string[] => [
    ...new Set(
      review.findings
        .filter((finding) => finding.ruleId === id)
        .flatMap((finding) => (finding.evidence ?? []).map((evidence) => evidence.text)),
    ),
  ];
  const [phrase, setPhrase] = useState(phrasesOf(firstRule?.ruleId ?? '')[0] ?? '');
  const [evidence, setEvidence] = useState('');
  const [expires, setExpires] = useState(inDays(90));
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const action = useAction(api.decide);

  const submit = async (event?: Event): Promise<void> => {
    event?.preventDefault();
    if (choice === undefined) {
      setProblem('Choose a decision: approve, reject or request changes.');
      return;
    }
    if (note.trim() === '') {
      setProblem('Write a note for the record: it tells the copywriter and the auditors why.');
      document.getElementById(NOTE_FIELD_ID)?.focus();
      return;
    }
    const exceptionWanted = choice === 'approved' && granting;
    if (exceptionWanted && evidence.trim() === '') {
      setProblem('An exception needs the evidence that substantiates the claim (a report, a certificate …).');
      document.getElementById('exception-evidence')?.focus();
      return;
    }
    setProblem(undefined);
    const result = await action.run(review.reviewId, {
      decision: choice,
      note: note.trim(),
      ...(exceptionWanted
        ? {
            exception: {
              ruleId,
              ...(phrase.trim() === '' ? {} : { phrase: phrase.trim() }),
              evidence: evidence.trim(),
              // End of the chosen day, UTC: "until 30 June" includes 30 June.
              expiresAt: `${expires}T23:59:59Z`,
            },
          }
        : {}),
    });
    if (result !== undefined) onDecided(result.review, choice);
  };

  const ruleIds = [...new Set(review.findings.map((finding) => finding.ruleId))];
  const toVerify = review.findings.filter((finding) => finding.outcome === 'advisory').length;

  return (
    <form
      class="decision"
      aria-labelledby="decision-title"
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) void submit(event);
      }}
    >
      <h3 id="decision-title">Decision</h3>
      {toVerify > 0 && (
        <p class="hint verify-source">
          Verify the source of {toVerify === 1 ? 'the advisory claim' : `${toVerify} advisory claims`} before
          approving: cite it in the note.
        </p>
      )}
      <fieldset class="choices">
        <legend class="visually-hidden">Decision</legend>
        {DECISIONS.map(({ value, key }) => (
          <label key={value} class={`choice choice-${value}`}>
            <input
              type="radio"
              name="decision"
              value={value}
              checked={choice === value}
              onChange={() => onChoice(value)}
              aria-keyshortcuts={key}
            />
            <span>
              {DECISION_ACTIONS[value]} <kbd>{key}</kbd>
            </span>
          </label>
        ))}
      </fieldset>
      <label class="field" for={NOTE_FIELD_ID}>
        <span class="label">Note for the record (required)</span>
        <textarea
          id={NOTE_FIELD_ID}
          rows={3}
          value={note}
          maxLength={4000}
          onInput={(event) => setNote(event.currentTarget.value)}
          placeholder={
            choice === 'changes_requested'
              ? 'What must change, e.g. “Replace 最佳 with 我们的明星产品”'
              : 'Why this decision'
          }
        />
      </label>
      {choice === 'approved' && (
        <fieldset class="exception">
          <legend>
            <label class="check">
              <input
                type="checkbox"
                checked={granting}
                onChange={(event) => setGranting(event.currentTarget.checked)}
              />
              Grant an exception for a substantiated claim
            </label>
          </legend>
          {granting && (
            <div class="exception-fields">
              <label class="field">
                <span class="label">Claim (rule)</span>
                <select
                  value={ruleId}
                  onChange={(event) => {
                    setRuleId(event.currentTarget.value);
                    setPhrase(phrasesOf(event.currentTarget.value)[0] ?? '');
                  }}
                >
                  {ruleIds.map((id) => (
                    <option key={id} value={id}>
                      {id}
                    </option>
                  ))}
                </select>
              </label>
              <label class="field">
                <span class="label">Phrase (empty: every phrase of this rule)</span>
                <input
                  type="text"
                  value={phrase}
                  maxLength={200}
                  onInput={(event) => setPhrase(event.currentTarget.value)}
                />
              </label>
              <label class="field field-wide" for="exception-evidence">
                <span class="label">Evidence reference (required)</span>
                <input
                  id="exception-evidence"
                  type="text"
                  value={evidence}
                  maxLength={2000}
                  placeholder="e.g. Nielsen market-share report 2026-Q3, ref. NS-4411"
                  onInput={(event) => setEvidence(event.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span class="label">Expires on</span>
                <input
                  type="date"
                  value={expires}
                  min={inDays(1)}
                  required
                  onInput={(event) => setExpires(event.currentTarget.value)}
                />
              </label>
            </div>
          )}
        </fieldset>
      )}
      {problem !== undefined && (
        <p class="form-problem" role="alert">
          {problem}
        </p>
      )}
      {action.error !== undefined && (
        <ErrorNotice error={action.error} context="The decision was not saved." />
      )}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy
            ? 'Saving…'
            : choice === undefined
              ? 'Submit decision'
              : `Submit: ${DECISION_ACTIONS[choice].toLowerCase()}`}
        </button>
        <span class="hint">
          <kbd>Ctrl</kbd> + <kbd>Enter</kbd> submits
        </span>
      </div>
    </form>
  );
};

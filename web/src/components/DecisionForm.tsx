import { useState } from 'preact/hooks';
import { useApp } from '../context.ts';
import { useAction } from '../hooks.ts';
import { Rich, useFormat, useT } from '../i18n/index.tsx';
import type { Decision, Review } from '../types.ts';
import { ErrorNotice } from './common.tsx';

const DECISIONS: readonly { value: Decision; key: string }[] = [
  { value: 'approved', key: 'a' },
  { value: 'rejected', key: 'r' },
  { value: 'changes_requested', key: 'c' },
];

export const NOTE_FIELD_ID = 'decision-note';

/** The reviewer's own calendar date `days` from now (`YYYY-MM-DD`), as the date input writes it. */
const inDays = (days: number): string => {
  const date = new Date(Date.now() + days * 86_400_000);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
};

/** The reviewer's time zone: "until 1 March" ends when 1 March ends there (docs/legal.md "Exception dates"). */
const reviewerZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

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
  const t = useT();
  const format = useFormat();
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
      setProblem(t('core.decide.chooseFirst'));
      return;
    }
    if (note.trim() === '') {
      setProblem(t('core.decide.needNote'));
      document.getElementById(NOTE_FIELD_ID)?.focus();
      return;
    }
    const exceptionWanted = choice === 'approved' && granting;
    if (exceptionWanted && evidence.trim() === '') {
      setProblem(t('core.decide.needEvidence'));
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
              // "Until 30 June" includes 30 June, to its end in the reviewer's zone.
              expiresOn: expires,
              timeZone: reviewerZone(),
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
      <h3 id="decision-title">{t('core.decide.title')}</h3>
      {toVerify > 0 && <p class="hint verify-source">{t('core.decide.verify', { n: toVerify })}</p>}
      <fieldset class="choices">
        <legend class="visually-hidden">{t('core.decide.title')}</legend>
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
              {format.decisionAction(value)} <kbd>{key}</kbd>
            </span>
          </label>
        ))}
      </fieldset>
      <label class="field" for={NOTE_FIELD_ID}>
        <span class="label">{t('core.decide.note')}</span>
        <textarea
          id={NOTE_FIELD_ID}
          rows={3}
          value={note}
          maxLength={4000}
          onInput={(event) => setNote(event.currentTarget.value)}
          placeholder={
            choice === 'changes_requested'
              ? t('core.decide.notePlaceholderChanges')
              : t('core.decide.notePlaceholder')
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
              {t('core.decide.grant')}
            </label>
          </legend>
          {granting && (
            <div class="exception-fields">
              <label class="field">
                <span class="label">{t('core.decide.rule')}</span>
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
                <span class="label">{t('core.decide.phrase')}</span>
                <input
                  type="text"
                  value={phrase}
                  maxLength={200}
                  onInput={(event) => setPhrase(event.currentTarget.value)}
                />
              </label>
              <label class="field field-wide" for="exception-evidence">
                <span class="label">{t('core.decide.evidence')}</span>
                <input
                  id="exception-evidence"
                  type="text"
                  value={evidence}
                  maxLength={2000}
                  placeholder={t('core.decide.evidencePlaceholder')}
                  onInput={(event) => setEvidence(event.currentTarget.value)}
                />
              </label>
              <label class="field">
                <span class="label">{t('core.decide.expires')}</span>
                <input
                  type="date"
                  value={expires}
                  min={inDays(1)}
                  required
                  onInput={(event) => setExpires(event.currentTarget.value)}
                />
                <span class="hint">{t('core.decide.expiresHint', { zone: reviewerZone() })}</span>
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
      {action.error !== undefined && <ErrorNotice error={action.error} context={t('core.decide.failed')} />}
      <div class="form-actions">
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {action.busy
            ? t('core.common.saving')
            : choice === undefined
              ? t('core.decide.submit')
              : t('core.decide.submitChoice', { decision: format.decisionAction(choice) })}
        </button>
        <span class="hint">
          <Rich
            id="core.decide.submitHint"
            elements={{
              keys: (
                <>
                  <kbd>Ctrl</kbd> + <kbd>Enter</kbd>
                </>
              ),
            }}
          />
        </span>
      </div>
    </form>
  );
};

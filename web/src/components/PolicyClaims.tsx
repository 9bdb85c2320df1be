import { useState } from 'preact/hooks';
import { IMPACT_GRADES, PROBABILITY_GRADES } from '../../../shared/domain/rating.ts';
import { LOCALE_NAMES, LOCALES, type Locale } from '../../../shared/i18n/locales.ts';
import { useApp } from '../context.ts';
import { useResource } from '../hooks.ts';
import { useFormat, useLocale, useT } from '../i18n/index.tsx';
import {
  asOverlay,
  byField,
  checkOverlay,
  customRules,
  disableRule,
  EMPTY_RULE_FORM,
  enableRule,
  extensionIssues,
  formOfRule,
  issuesUnder,
  linesOf,
  overlaySize,
  PACK_OF_LANGUAGE,
  type RuleForm,
  removeRule,
  ruleIssues,
  ruleOfForm,
  ruleText,
  setExtension,
  upsertRule,
} from '../policy-edit.ts';
import type { ClaimsOverlay, CustomRule, RuleExtension } from '../policy-types.ts';
import type { FieldIssue, PackSummary, RuleSummary } from '../types.ts';
import { EmptyState, ErrorNotice, Loading } from './common.tsx';
import {
  DraftActions,
  FieldProblems,
  PolicyFrame,
  PublishForm,
  TestResults,
  usePolicyEditor,
} from './Policies.tsx';
import { PolicyHistory } from './PolicyHistory.tsx';

const PAGE = 40;

// ---------------------------------------------------------------------------------------------------------
// Forms

type Editing =
  | { readonly kind: 'rule'; readonly previousId?: string; readonly base?: CustomRule }
  | { readonly kind: 'extend'; readonly ruleId: string }
  | { readonly kind: 'disable'; readonly ruleId: string };

/** A labelled field with its problems announced (aria-describedby). */
const Field = ({
  id,
  label,
  hint,
  problems,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  problems: readonly string[] | undefined;
  children: (describedBy: string | undefined, invalid: boolean) => preact.ComponentChildren;
}) => {
  const describedBy = [hint === undefined ? '' : `${id}-hint`, problems === undefined ? '' : `${id}-problems`]
    .join(' ')
    .trim();
  return (
    <div class="field" data-field={id}>
      <label class="label" for={id}>
        {label}
      </label>
      {children(describedBy === '' ? undefined : describedBy, problems !== undefined)}
      {hint !== undefined && (
        <p id={`${id}-hint`} class="hint">
          {hint}
        </p>
      )}
      <FieldProblems id={`${id}-problems`} messages={problems} />
    </div>
  );
};

const TextArea = ({
  id,
  value,
  rows = 3,
  lang,
  label,
  onInput,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  rows?: number;
  lang?: string;
  /** An accessible name more precise than the visible label (the field's name with the language). */
  label?: string;
  onInput: (value: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}) => (
  <textarea
    id={id}
    rows={rows}
    value={value}
    lang={lang}
    aria-label={label}
    aria-describedby={describedBy}
    aria-invalid={invalid}
    onInput={(event) => onInput(event.currentTarget.value)}
  />
);

const RuleEditor = ({
  initial,
  editing,
  others,
  serverIssues,
  onApply,
  onCancel,
}: {
  initial: RuleForm;
  editing: Extract<Editing, { kind: 'rule' }>;
  others: readonly CustomRule[];
  serverIssues: ReadonlyMap<string, readonly string[]>;
  onApply: (rule: CustomRule) => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const format = useFormat();
  const [form, setForm] = useState<RuleForm>(initial);
  const [problems, setProblems] = useState<Map<string, string[]> | undefined>(undefined);
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]): void =>
    setForm({ ...form, [key]: value });
  // Issues by their path under the rule (`message.vi`, `patterns.1`); `fields` by the form field they name.
  const shown = problems ?? serverIssues;
  const fields = byField(shown);
  const at = (...names: string[]): string[] | undefined => {
    const found = names.flatMap((name) => fields.get(name) ?? []);
    return found.length === 0 ? undefined : found;
  };
  // The examples' issues beside the list they name (the copies it leaves alone, or else the copies it flags),
  // without the path's English key in front; an item's index stays (`0: …`).
  const examples = (list: 'positive' | 'negative'): string[] | undefined => {
    const found = [...shown].flatMap(([path, messages]) => {
      if (path !== 'examples' && !path.startsWith('examples.')) return [];
      const negative = path === 'examples.negative' || path.startsWith('examples.negative.');
      if (negative !== (list === 'negative')) return [];
      const rest = path.split('.').slice(2).join('.');
      return messages.map((message) => (rest === '' ? message : `${rest}: ${message}`));
    });
    return found.length === 0 ? undefined : found;
  };
  const language = form.languages.length === 1 ? form.languages[0] : undefined;
  const lang = language === 'zh' ? 'zh-Hans' : language;
  const text = (
    key: Exclude<keyof RuleForm, 'message' | 'suggestion'>,
    label: string,
    options: { hint?: string; rows?: number; problems?: string[] } = {},
  ) => (
    <Field id={`rule-${key}`} label={label} hint={options.hint} problems={options.problems ?? at(key)}>
      {(describedBy, invalid) => (
        <TextArea
          id={`rule-${key}`}
          value={String(form[key])}
          rows={options.rows}
          lang={lang}
          describedBy={describedBy}
          invalid={invalid}
          onInput={(value) => set(key, value as never)}
        />
      )}
    </Field>
  );
  const line = (key: 'id' | 'markets' | 'categories', label: string, hint?: string) => (
    <Field id={`rule-${key}`} label={label} hint={hint} problems={at(key)}>
      {(describedBy, invalid) => (
        <input
          id={`rule-${key}`}
          type="text"
          value={form[key]}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onInput={(event) => set(key, event.currentTarget.value)}
        />
      )}
    </Field>
  );
  // The message and the suggestion: one input per locale, each required (the reader's language is shown).
  const localizedText = (key: 'message' | 'suggestion', label: string) => {
    const byLocale = issuesUnder(
      [...shown].flatMap(([path, messages]) => messages.map((message) => ({ path, message }))),
      key,
    );
    // A problem of the text as a whole (a plain phrase where every language is wanted), or of no one locale.
    const whole = [...byLocale]
      .filter(([path]) => !(LOCALES as readonly string[]).includes(path))
      .flatMap(([, messages]) => messages);
    return (
      <fieldset class="field localized-text" data-field={`rule-${key}`}>
        <legend class="label">{label}</legend>
        {key === 'message' && <p class="hint">{t('policies.rule.messageHint')}</p>}
        <FieldProblems id={`rule-${key}-problems`} messages={whole.length === 0 ? undefined : whole} />
        {LOCALES.map((locale: Locale) => {
          const id = `rule-${key}-${locale}`;
          const problems = byLocale.get(locale);
          return (
            <div key={locale} class="localized-text-row">
              <label for={id} lang={locale}>
                {LOCALE_NAMES[locale]}
              </label>
              <TextArea
                id={id}
                value={form[key][locale]}
                rows={2}
                lang={locale}
                label={t('policies.rule.inLanguage', { label, language: LOCALE_NAMES[locale] })}
                describedBy={problems === undefined ? undefined : `${id}-problems`}
                invalid={problems !== undefined}
                onInput={(value) => setForm({ ...form, [key]: { ...form[key], [locale]: value } })}
              />
              <FieldProblems id={`${id}-problems`} messages={problems} />
            </div>
          );
        })}
      </fieldset>
    );
  };
  const grade = (key: 'probability' | 'impact', grades: readonly string[]) => (
    <Field
      id={`rule-${key}`}
      label={t(key === 'probability' ? 'policies.rule.probability' : 'policies.rule.impact')}
      problems={at(key)}
    >
      {(describedBy, invalid) => (
        <select
          id={`rule-${key}`}
          value={form[key]}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(event) => set(key, event.currentTarget.value)}
        >
          {[...new Set([...grades, form[key]])].map((value) => (
            <option key={value} value={value}>
              {format.grade(value)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <form
      class="panel policy-rule-form"
      aria-labelledby="rule-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        const rule = ruleOfForm(form, editing.base);
        const issues = ruleIssues(rule, others, t);
        if (issues.length > 0) {
          setProblems(issuesUnder(issues, ''));
          return;
        }
        setProblems(undefined);
        onApply(rule);
      }}
    >
      <h2 id="rule-form-title">
        {t(editing.previousId === undefined ? 'policies.rule.titleNew' : 'policies.rule.titleEdit')}
      </h2>
      <p class="hint">{t('policies.rule.lede')}</p>
      {problems !== undefined && problems.size > 0 && (
        <p class="form-problem" role="alert">
          {t('policies.rule.problems')}
        </p>
      )}
      <fieldset
        class="field"
        aria-describedby={at('languages') === undefined ? undefined : 'rule-languages-problems'}
      >
        <legend class="label">{t('policies.rule.languages')}</legend>
        {Object.keys(PACK_OF_LANGUAGE).map((code) => (
          <label key={code} class="check">
            <input
              type="checkbox"
              checked={form.languages.includes(code)}
              onChange={(event) => {
                const languages = event.currentTarget.checked
                  ? [...form.languages, code]
                  : form.languages.filter((item) => item !== code);
                const pack = PACK_OF_LANGUAGE[code];
                setForm({
                  ...form,
                  languages,
                  // A first language names the pack the rule joins: start its id for the person.
                  id:
                    form.id === '' && event.currentTarget.checked && pack !== undefined
                      ? `${pack}.custom.`
                      : form.id,
                });
              }}
            />
            {format.copyLanguage(code)}
          </label>
        ))}
        <FieldProblems id="rule-languages-problems" messages={at('languages')} />
      </fieldset>
      <div class="policy-form-grid">
        {line('id', t('policies.rule.id'), t('policies.rule.idHint'))}
        {line('markets', t('policies.rule.markets'), t('policies.rule.marketsHint'))}
        {line('categories', t('policies.rule.categories'), t('policies.rule.categoriesHint'))}
        {grade('probability', PROBABILITY_GRADES)}
        {grade('impact', IMPACT_GRADES)}
      </div>
      {text('patterns', t('policies.rule.patterns'), { hint: t('policies.rule.patternsHint'), rows: 4 })}
      <div class="policy-form-grid">
        {text('predicates', t('policies.rule.predicates'), { hint: t('policies.rule.pairHint') })}
        {text('objects', t('policies.rule.objects'))}
      </div>
      {text('exceptions', t('policies.rule.exceptions'))}
      {text('basis', t('policies.rule.basis'), { rows: 2 })}
      {localizedText('message', t('policies.rule.message'))}
      {localizedText('suggestion', t('policies.rule.suggestion'))}
      <div class="policy-form-grid">
        {text('positive', t('policies.rule.positive'), {
          rows: 4,
          problems: examples('positive'),
        })}
        {text('negative', t('policies.rule.negative'), { rows: 4, problems: examples('negative') })}
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {t(editing.previousId === undefined ? 'policies.rule.applyNew' : 'policies.rule.applyEdit')}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {t('policies.cancel')}
        </button>
      </div>
    </form>
  );
};

const ExtendEditor = ({
  ruleId,
  initial,
  serverIssues,
  onApply,
  onCancel,
}: {
  ruleId: string;
  initial: RuleExtension | undefined;
  serverIssues: ReadonlyMap<string, readonly string[]>;
  onApply: (extension: RuleExtension) => void;
  onCancel: () => void;
}) => {
  const [form, setForm] = useState({
    patterns: (initial?.patterns ?? []).join('\n'),
    exceptions: (initial?.exceptions ?? []).join('\n'),
    positive: (initial?.examples?.positive ?? []).join('\n'),
    negative: (initial?.examples?.negative ?? []).join('\n'),
  });
  const t = useT();
  const [problems, setProblems] = useState<Map<string, string[]> | undefined>(undefined);
  const shown = problems ?? serverIssues;
  const area = (key: keyof typeof form, label: string, problemKey: string) => (
    <Field id={`extend-${key}`} label={label} problems={shown.get(problemKey)}>
      {(describedBy, invalid) => (
        <TextArea
          id={`extend-${key}`}
          value={form[key]}
          describedBy={describedBy}
          invalid={invalid}
          onInput={(value) => setForm({ ...form, [key]: value })}
        />
      )}
    </Field>
  );
  return (
    <form
      class="panel policy-rule-form"
      aria-labelledby="extend-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        const positive = linesOf(form.positive);
        const negative = linesOf(form.negative);
        const extension: RuleExtension = {
          ...(linesOf(form.patterns).length > 0 ? { patterns: linesOf(form.patterns) } : {}),
          ...(linesOf(form.exceptions).length > 0 ? { exceptions: linesOf(form.exceptions) } : {}),
          ...(positive.length + negative.length > 0
            ? {
                examples: {
                  ...(positive.length > 0 ? { positive } : {}),
                  ...(negative.length > 0 ? { negative } : {}),
                },
              }
            : {}),
        };
        const issues = extensionIssues(extension, t);
        if (issues.length > 0) {
          setProblems(new Map(issues.map((issue) => [issue.path, [issue.message]])));
          return;
        }
        onApply(extension);
      }}
    >
      <h2 id="extend-form-title">{t('policies.extend.title', { id: ruleId })}</h2>
      <p class="hint">{t('policies.extend.lede')}</p>
      <div class="policy-form-grid">
        {area('patterns', t('policies.extend.patterns'), 'patterns')}
        {area('exceptions', t('policies.extend.exceptions'), 'exceptions')}
        {area('positive', t('policies.extend.positive'), 'examples.positive')}
        {area('negative', t('policies.extend.negative'), 'examples.negative')}
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {t('policies.extend.apply')}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {t('policies.cancel')}
        </button>
      </div>
    </form>
  );
};

const DisableEditor = ({
  ruleId,
  onApply,
  onCancel,
}: {
  ruleId: string;
  onApply: (reason: string) => void;
  onCancel: () => void;
}) => {
  const t = useT();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string[] | undefined>(undefined);
  return (
    <form
      class="panel policy-rule-form"
      aria-labelledby="disable-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') {
          setProblem([t('policies.issue.reasonMissing')]);
          return;
        }
        onApply(reason.trim());
      }}
    >
      <h2 id="disable-form-title">{t('policies.disable.title', { id: ruleId })}</h2>
      <p class="hint">{t('policies.disable.lede')}</p>
      <Field id="disable-reason" label={t('policies.disable.reason')} problems={problem}>
        {(describedBy, invalid) => (
          <TextArea
            id="disable-reason"
            value={reason}
            rows={2}
            describedBy={describedBy}
            invalid={invalid}
            onInput={setReason}
          />
        )}
      </Field>
      <div class="form-actions">
        <button type="submit" class="button button-danger">
          {t('policies.disable.apply')}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {t('policies.cancel')}
        </button>
      </div>
    </form>
  );
};

// ---------------------------------------------------------------------------------------------------------
// The overlay and the packs

const IssueList = ({ issues }: { issues: ReadonlyMap<string, readonly string[]> }) => {
  const t = useT();
  return issues.size === 0 ? null : (
    <div class="notice notice-error" role="alert">
      <p>{t('policies.claims.ruleIssues')}</p>
      <ul>
        {[...issues].flatMap(([path, messages]) =>
          messages.map((message) => (
            <li key={`${path}|${message}`}>
              {path !== '' && <code>{path}</code>} {message}
            </li>
          )),
        )}
      </ul>
    </div>
  );
};

const OverlaySummary = ({
  overlay,
  issues,
  canEdit,
  onEdit,
  onChange,
}: {
  overlay: ClaimsOverlay;
  issues: readonly FieldIssue[];
  canEdit: boolean;
  onEdit: (editing: Editing) => void;
  onChange: (next: ClaimsOverlay) => void;
}) => {
  const t = useT();
  const locale = useLocale();
  const rules = customRules(overlay);
  const extended = Object.entries(overlay.extend ?? {});
  const disabled = Object.entries(overlay.disable ?? {});
  return (
    <section class="panel policy-overlay" aria-labelledby="overlay-title" data-testid="claims-overlay">
      <h2 id="overlay-title">
        {t('policies.claims.changesTitle')} <span class="count">{overlaySize(overlay)}</span>
      </h2>
      <p class="muted">{t('policies.claims.changesLede')}</p>
      {overlaySize(overlay) === 0 && <EmptyState title={t('policies.claims.noChanges')} />}
      {rules.length > 0 && (
        <>
          <h3>{t('policies.claims.added')}</h3>
          <ul class="policy-list">
            {rules.map((rule, index) => (
              <li key={rule.id} data-rule-id={rule.id}>
                <code>{rule.id}</code> {ruleText(rule.message, locale)}{' '}
                <span class="muted">
                  {t('policies.claims.examplesCount', {
                    positive: rule.examples.positive.length,
                    negative: rule.examples.negative.length,
                  })}
                </span>
                {canEdit && (
                  <span class="policy-row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={t('policies.claims.editRule', { id: rule.id })}
                      onClick={() => onEdit({ kind: 'rule', previousId: rule.id, base: rule })}
                    >
                      {t('policies.claims.edit')}
                    </button>
                    <button
                      type="button"
                      class="button button-small button-quiet"
                      aria-label={t('policies.claims.removeRule', { id: rule.id })}
                      onClick={() => onChange(removeRule(overlay, rule.id))}
                    >
                      {t('policies.claims.remove')}
                    </button>
                  </span>
                )}
                <IssueList issues={issuesUnder(issues, `rules.${index}`)} />
              </li>
            ))}
          </ul>
        </>
      )}
      {extended.length > 0 && (
        <>
          <h3>{t('policies.claims.extended')}</h3>
          <ul class="policy-list">
            {extended.map(([id, extension]) => (
              <li key={id} data-rule-id={id}>
                <code>{id}</code>{' '}
                <span class="muted">
                  {t('policies.claims.extraPatterns', { n: (extension.patterns ?? []).length })},{' '}
                  {t('policies.claims.extraExceptions', { n: (extension.exceptions ?? []).length })}
                </span>
                {canEdit && (
                  <span class="policy-row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={t('policies.claims.editRule', { id })}
                      onClick={() => onEdit({ kind: 'extend', ruleId: id })}
                    >
                      {t('policies.claims.edit')}
                    </button>
                    <button
                      type="button"
                      class="button button-small button-quiet"
                      aria-label={t('policies.claims.removeRule', { id })}
                      onClick={() => onChange(setExtension(overlay, id, {}))}
                    >
                      {t('policies.claims.remove')}
                    </button>
                  </span>
                )}
                <IssueList issues={issuesUnder(issues, `extend.${id}`)} />
              </li>
            ))}
          </ul>
        </>
      )}
      {disabled.length > 0 && (
        <>
          <h3>{t('policies.claims.disabled')}</h3>
          <ul class="policy-list">
            {disabled.map(([id, entry]) => (
              <li key={id} data-rule-id={id}>
                <code>{id}</code> <span class="muted">{t('policies.claims.reason')}:</span> {entry.reason}
                {canEdit && (
                  <span class="policy-row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={t('policies.claims.reenableRule', { id })}
                      onClick={() => onChange(enableRule(overlay, id))}
                    >
                      {t('policies.claims.reenable')}
                    </button>
                  </span>
                )}
                <IssueList issues={issuesUnder(issues, `disable.${id}`)} />
              </li>
            ))}
          </ul>
        </>
      )}
      <IssueList
        issues={issuesUnder(
          issues.filter((issue) => !/^(document\.)?(rules|extend|disable)\./.test(issue.path)),
          '',
        )}
      />
      {canEdit && (
        <div class="form-actions">
          <button type="button" class="button" onClick={() => onEdit({ kind: 'rule' })}>
            {t('policies.claims.addRule')}
          </button>
        </div>
      )}
    </section>
  );
};

const matches = (rule: RuleSummary, filter: string): boolean => {
  const needle = filter.trim().toLowerCase();
  if (needle === '') return true;
  return [
    rule.id,
    rule.message,
    rule.basis,
    ...rule.patterns,
    ...rule.examples.positive,
    ...rule.examples.negative,
  ].some((text) => text.toLowerCase().includes(needle));
};

const PackRule = ({
  rule,
  pack,
  overlay,
  canEdit,
  onEdit,
  onChange,
}: {
  rule: RuleSummary;
  pack: PackSummary;
  overlay: ClaimsOverlay;
  canEdit: boolean;
  onEdit: (editing: Editing) => void;
  onChange: (next: ClaimsOverlay) => void;
}) => {
  const t = useT();
  const format = useFormat();
  const custom = customRules(overlay).find((item) => item.id === rule.id);
  const disabled = overlay.disable?.[rule.id] !== undefined;
  const extended = overlay.extend?.[rule.id] !== undefined;
  const lang = pack.language === 'zh' ? 'zh-Hans' : pack.language;
  return (
    <li class="policy-pack-rule" data-rule-id={rule.id}>
      <div class="policy-pack-rule-head">
        <code>{rule.id}</code>
        {rule.origin === 'policy' && <span class="badge">{t('policies.packs.customBadge')}</span>}
        {disabled && <span class="badge policy-badge-off">{t('policies.packs.disabledBadge')}</span>}
        {extended && <span class="badge">{t('policies.packs.extendedBadge')}</span>}
        <span class="muted">
          {t('policies.packs.grades', {
            probability:
              typeof rule.probability === 'number'
                ? format.number(rule.probability)
                : format.grade(rule.probability),
            impact: typeof rule.impact === 'number' ? format.number(rule.impact) : format.grade(rule.impact),
          })}
        </span>
        {canEdit && (
          <span class="policy-row-actions">
            {rule.origin === 'policy' ? (
              custom !== undefined && (
                <button
                  type="button"
                  class="button button-small"
                  aria-label={t('policies.claims.editRule', { id: rule.id })}
                  onClick={() => onEdit({ kind: 'rule', previousId: custom.id, base: custom })}
                >
                  {t('policies.claims.edit')}
                </button>
              )
            ) : (
              <>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={t('policies.packs.extendRule', { id: rule.id })}
                  onClick={() => onEdit({ kind: 'extend', ruleId: rule.id })}
                >
                  {t('policies.packs.extend')}
                </button>
                {disabled ? (
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={t('policies.claims.reenableRule', { id: rule.id })}
                    onClick={() => onChange(enableRule(overlay, rule.id))}
                  >
                    {t('policies.claims.reenable')}
                  </button>
                ) : (
                  <button
                    type="button"
                    class="button button-small button-quiet"
                    aria-label={t('policies.packs.disableRule', { id: rule.id })}
                    onClick={() => onEdit({ kind: 'disable', ruleId: rule.id })}
                  >
                    {t('policies.packs.disable')}
                  </button>
                )}
              </>
            )}
          </span>
        )}
      </div>
      <p class="rule-message">{rule.message}</p>
      <details>
        <summary>{t('policies.packs.phrases', { n: rule.patterns.length })}</summary>
        <ul lang={lang} class="policy-phrases">
          {rule.patterns.map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
            </li>
          ))}
        </ul>
        <div class="rule-example-grid" lang={lang}>
          <div class="rule-examples rule-examples-positive">
            <h4>{t('policies.packs.flags')}</h4>
            <ul>
              {rule.examples.positive.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
          <div class="rule-examples rule-examples-negative">
            <h4>{t('policies.packs.leavesAlone')}</h4>
            <ul>
              {rule.examples.negative.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
        </div>
      </details>
    </li>
  );
};

const PacksInForce = ({
  overlay,
  canEdit,
  onEdit,
  onChange,
  generation,
}: {
  overlay: ClaimsOverlay;
  canEdit: boolean;
  onEdit: (editing: Editing) => void;
  onChange: (next: ClaimsOverlay) => void;
  generation: number;
}) => {
  const { api } = useApp();
  const t = useT();
  const rules = useResource(() => api.rules(), [api, generation]);
  const [filter, setFilter] = useState('');
  const [limit, setLimit] = useState(PAGE);
  const packs = rules.data?.packs ?? [];
  const total = packs.reduce((sum, pack) => sum + pack.rules.length, 0);
  const shown = packs.flatMap((pack) =>
    pack.rules.filter((rule) => matches(rule, filter)).map((rule) => ({ pack, rule })),
  );
  return (
    <section class="panel policy-packs" aria-labelledby="packs-title">
      <h2 id="packs-title">{t('policies.packs.title')}</h2>
      {rules.data !== undefined && (
        <p class="muted">{t('policies.packs.lede', { version: rules.data.rulesVersion })}</p>
      )}
      {rules.error !== undefined && (
        <ErrorNotice error={rules.error} context={t('policies.packs.failed')} retry={rules.refresh} />
      )}
      {rules.loading && rules.data === undefined ? (
        <Loading what={t('policies.packs.loading')} />
      ) : (
        <>
          <div class="field field-inline rule-filter">
            <label for="policy-rule-filter">{t('policies.packs.find')}</label>
            <input
              id="policy-rule-filter"
              type="search"
              value={filter}
              placeholder={t('policies.packs.findPlaceholder')}
              onInput={(event) => {
                setFilter(event.currentTarget.value);
                setLimit(PAGE);
              }}
            />
            <span class="muted" aria-live="polite">
              {t('policies.packs.shown', { n: shown.length, total })}
            </span>
          </div>
          {shown.length === 0 ? (
            <EmptyState title={t('policies.packs.nothingFound')} />
          ) : (
            <ul class="policy-pack-rules">
              {shown.slice(0, limit).map(({ pack, rule }) => (
                <PackRule
                  key={rule.id}
                  rule={rule}
                  pack={pack}
                  overlay={overlay}
                  canEdit={canEdit}
                  onEdit={onEdit}
                  onChange={onChange}
                />
              ))}
            </ul>
          )}
          {shown.length > limit && (
            <button type="button" class="button button-quiet" onClick={() => setLimit(limit + PAGE)}>
              {t('policies.packs.showMore', { n: Math.min(PAGE, shown.length - limit) })}
            </button>
          )}
        </>
      )}
    </section>
  );
};

/**
 * `/policies/claims`: legal adds and edits rules with their examples, adds phrases or exceptions to a
 * shipped rule, switches shipped rules off with a reason, tests the draft against the examples and the
 * copies already decided, publishes, reads the history and the diff, rolls back.
 */
export const PolicyClaims = () => {
  const t = useT();
  const editor = usePolicyEditor<ClaimsOverlay>(
    'claims',
    (active, draft) => asOverlay(draft?.document ?? active.document),
    (overlay) => checkOverlay(overlay, t),
  );
  const { announce } = useApp();
  const [editing, setEditing] = useState<Editing | undefined>(undefined);
  const overlay = editor.document;
  const open = (next: Editing): void => {
    setEditing(next);
    requestAnimationFrame(() =>
      document.querySelector<HTMLElement>('.policy-rule-form input, .policy-rule-form textarea')?.focus(),
    );
  };
  const apply = (next: ClaimsOverlay): void => {
    editor.setDocument(next);
    setEditing(undefined);
    announce(t('policies.claims.applied'));
  };
  const rules = overlay === undefined ? [] : customRules(overlay);
  const ruleIndex =
    editing?.kind === 'rule' && editing.previousId !== undefined
      ? rules.findIndex((rule) => rule.id === editing.previousId)
      : -1;
  return (
    <PolicyFrame editor={editor}>
      {overlay !== undefined && (
        <>
          <OverlaySummary
            overlay={overlay}
            issues={editor.issues}
            canEdit={editor.canEdit}
            onEdit={open}
            onChange={editor.setDocument}
          />
          {editing?.kind === 'rule' && (
            <RuleEditor
              key={editing.previousId ?? 'new'}
              initial={editing.base === undefined ? EMPTY_RULE_FORM : formOfRule(editing.base)}
              editing={editing}
              others={rules.filter((rule) => rule.id !== editing.previousId)}
              serverIssues={ruleIndex < 0 ? new Map() : issuesUnder(editor.issues, `rules.${ruleIndex}`)}
              onApply={(rule) => apply(upsertRule(overlay, rule, editing.previousId))}
              onCancel={() => setEditing(undefined)}
            />
          )}
          {editing?.kind === 'extend' && (
            <ExtendEditor
              key={editing.ruleId}
              ruleId={editing.ruleId}
              initial={overlay.extend?.[editing.ruleId]}
              serverIssues={issuesUnder(editor.issues, `extend.${editing.ruleId}`)}
              onApply={(extension) => apply(setExtension(overlay, editing.ruleId, extension))}
              onCancel={() => setEditing(undefined)}
            />
          )}
          {editing?.kind === 'disable' && (
            <DisableEditor
              key={editing.ruleId}
              ruleId={editing.ruleId}
              onApply={(reason) => apply(disableRule(overlay, editing.ruleId, reason))}
              onCancel={() => setEditing(undefined)}
            />
          )}
          <DraftActions editor={editor} />
          {editor.testResult !== undefined && <TestResults result={editor.testResult} kind="claims" />}
          <PublishForm editor={editor} />
          <PolicyHistory editor={editor} />
          <PacksInForce
            overlay={overlay}
            canEdit={editor.canEdit}
            onEdit={open}
            onChange={editor.setDocument}
            generation={editor.generation}
          />
        </>
      )}
    </PolicyFrame>
  );
};

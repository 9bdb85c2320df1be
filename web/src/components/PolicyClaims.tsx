import { useState } from 'preact/hooks';
import { ClaimRuleSourceSchema } from '../../../shared/domain/claims/pack-schema.ts';
import { IMPACT_GRADES, PROBABILITY_GRADES } from '../../../shared/domain/rating.ts';
import { useApp } from '../context.ts';
import { LANGUAGE_NAMES } from '../format.ts';
import { useResource } from '../hooks.ts';
import {
  asOverlay,
  byField,
  customRules,
  disableRule,
  EMPTY_RULE_FORM,
  enableRule,
  formOfRule,
  issuesUnder,
  linesOf,
  overlaySize,
  PACK_OF_LANGUAGE,
  type RuleForm,
  removeRule,
  ruleOfForm,
  setExtension,
  upsertRule,
  zodIssues,
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

/** Every user-visible string of the claims policy screen (issue #15 moves them into catalogues). */
const TEXT = {
  changesTitle: 'Your changes to the shipped packs',
  changesLede:
    'Rules you add, phrases or exceptions you add to a shipped rule, and shipped rules you switch off. They apply on top of whatever packs ship, so a new release keeps them.',
  noChanges: 'No changes: the shipped packs apply as they are.',
  addRule: 'Add a rule',
  added: 'Added rules',
  extended: 'Shipped rules with extra phrases or exceptions',
  disabled: 'Shipped rules switched off',
  edit: 'Edit',
  remove: 'Remove',
  reenable: 'Switch on again',
  extraPatterns: (n: number) => `${n} extra ${n === 1 ? 'phrase' : 'phrases'}`,
  extraExceptions: (n: number) => `${n} extra ${n === 1 ? 'exception' : 'exceptions'}`,
  examplesCount: (positive: number, negative: number) => `${positive} flagged, ${negative} left alone`,
  reason: 'Reason',
  ruleFormTitle: (editing: boolean) => (editing ? 'Edit the rule' : 'A new rule'),
  ruleFormLede:
    'The same fields as a shipped rule (docs/legal.md). Give at least one copy it must flag and one it must leave alone: the test and the publish check run them.',
  fields: {
    id: 'Rule id',
    idHint:
      'Starts with the pack it joins: cn. (Chinese copy), en. (English), vn. (Vietnamese); e.g. cn.custom.acme-taboo',
    languages: 'Languages of the copy',
    markets: 'Markets',
    marketsHint: 'Country codes separated by commas (CN, HK, GB, US, VN, EU …) or all',
    categories: 'Categories',
    categoriesHint: 'all, or categories separated by commas (cosmetics, health-food, alcohol …)',
    patterns: 'Phrases it flags (one per line)',
    patternsHint: '{a|b} stands for either wording. Leave empty if the claim is an act × an object below.',
    predicates: 'Acts (one per line: cures, 治好)',
    objects: 'What they act on (one per line: diabetes, 失眠)',
    pairHint: 'A claim made of an act and what it acts on in one sentence, in either order.',
    exceptions: 'Exceptions: innocent phrases that contain a flagged phrase (one per line)',
    probability: 'Probability',
    impact: 'Impact',
    basis: 'Legal basis',
    message: 'What is wrong (for the marketer)',
    suggestion: 'What to write instead',
    positive: 'Copies it must flag (one per line)',
    negative: 'Copies it must leave alone (one per line)',
  },
  applyRule: (editing: boolean) => (editing ? 'Update in the draft' : 'Add to the draft'),
  cancel: 'Cancel',
  applied: 'In the draft: save it to keep it, test it, then publish.',
  ruleProblems: 'The rule is not added yet: fix the fields marked below.',
  idTaken: 'another added rule has this id',
  takes: {
    markets: 'takes country codes separated by commas (CN, GB …) or all',
    categories: 'takes categories separated by commas or all',
    probability: 'takes low, medium, high or a score between 0 and 1',
    impact: 'takes minor, moderate, severe or a score between 0 and 1',
  },
  idPack: 'must start with cn., en. or vn. (the pack it joins)',
  extendTitle: (id: string) => `Extra phrases or exceptions for ${id}`,
  extendLede:
    'New phrases need a copy they flag; new exceptions need a copy they now leave alone. The rule’s own phrases and exceptions stay.',
  extendFields: {
    patterns: 'Extra phrases it flags (one per line)',
    exceptions: 'Extra exceptions (one per line)',
    positive: 'Copies it must flag (one per line)',
    negative: 'Copies it must leave alone (one per line)',
  },
  needsPositive: 'new phrases need at least one copy they flag',
  needsNegative: 'new exceptions need at least one copy they leave alone',
  applyExtend: 'Apply to the draft',
  disableTitle: (id: string) => `Switch off ${id}`,
  disableLede: 'The rule stops firing once this is published. Say why for the record.',
  disableReason: 'Reason (required)',
  reasonMissing: 'write the reason',
  applyDisable: 'Switch off in the draft',
  packsTitle: 'Rules in force',
  packsLede: (version: string) =>
    `Every rule copy is checked against, with your published changes. Version ${version}.`,
  packsLoading: 'the rules in force',
  packsFailed: 'The rules in force could not be loaded.',
  find: 'Find a rule',
  findPlaceholder: 'rule id, phrase or wording, e.g. 最佳',
  shown: (n: number, total: number) => `${n} of ${total} rules`,
  nothingFound: 'No rule mentions that.',
  showMore: (n: number) => `Show ${n} more`,
  customBadge: 'Added by legal',
  disabledBadge: 'Switched off (draft)',
  extendedBadge: 'Extended (draft)',
  extend: 'Add phrases or exceptions',
  disable: 'Switch off',
  phrases: (n: number) => `Phrases (${n})`,
  flags: 'Flags',
  leavesAlone: 'Leaves alone',
  ruleIssues: 'Problems the API found:',
} as const;

const PAGE = 40;

// ---------------------------------------------------------------------------------------------------------
// Client-side checks with the shared rule schema (the API repeats them and names the same paths)

const PACK_IDS = Object.values(PACK_OF_LANGUAGE);

/** A union's bare "Invalid input" (markets, categories, a rating), said as what the field takes. */
const plainUnion = (issue: FieldIssue): FieldIssue => {
  if (issue.message !== 'Invalid input') return issue;
  const field = issue.path.split('.')[0] ?? '';
  const takes = (TEXT.takes as Readonly<Record<string, string>>)[field];
  return takes === undefined ? issue : { ...issue, message: takes };
};

/** The issues of one added rule, paths relative to the rule (`patterns.0`, `examples.positive`). */
export const ruleIssues = (rule: CustomRule, others: readonly CustomRule[]): FieldIssue[] => {
  const parsed = ClaimRuleSourceSchema.safeParse(rule);
  return [
    ...(parsed.success ? [] : zodIssues(parsed.error.issues).map(plainUnion)),
    ...(PACK_IDS.some((pack) => rule.id.startsWith(`${pack}.`))
      ? []
      : [{ path: 'id', message: TEXT.idPack }]),
    ...(others.some((other) => other.id === rule.id) ? [{ path: 'id', message: TEXT.idTaken }] : []),
  ];
};

const extensionIssues = (extension: RuleExtension): FieldIssue[] => [
  ...((extension.patterns ?? []).length > 0 && (extension.examples?.positive ?? []).length === 0
    ? [{ path: 'examples.positive', message: TEXT.needsPositive }]
    : []),
  ...((extension.exceptions ?? []).length > 0 && (extension.examples?.negative ?? []).length === 0
    ? [{ path: 'examples.negative', message: TEXT.needsNegative }]
    : []),
];

const checkOverlay = (overlay: ClaimsOverlay): FieldIssue[] => {
  const rules = customRules(overlay);
  return [
    ...rules.flatMap((rule, index) =>
      ruleIssues(
        rule,
        rules.filter((_, at) => at !== index),
      ).map((issue) => ({ ...issue, path: `rules.${index}.${issue.path}` })),
    ),
    ...Object.entries(overlay.extend ?? {}).flatMap(([id, extension]) =>
      extensionIssues(extension).map((issue) => ({ ...issue, path: `extend.${id}.${issue.path}` })),
    ),
    ...Object.entries(overlay.disable ?? {}).flatMap(([id, entry]) =>
      entry.reason.trim() === '' ? [{ path: `disable.${id}.reason`, message: TEXT.reasonMissing }] : [],
    ),
  ];
};

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
  onInput,
  describedBy,
  invalid,
}: {
  id: string;
  value: string;
  rows?: number;
  lang?: string;
  onInput: (value: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}) => (
  <textarea
    id={id}
    rows={rows}
    value={value}
    lang={lang}
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
  const [form, setForm] = useState<RuleForm>(initial);
  const [problems, setProblems] = useState<Map<string, string[]> | undefined>(undefined);
  const F = TEXT.fields;
  const set = <K extends keyof RuleForm>(key: K, value: RuleForm[K]): void =>
    setForm({ ...form, [key]: value });
  const shown = problems ?? serverIssues;
  const at = (...names: string[]): string[] | undefined => {
    const found = names.flatMap((name) => shown.get(name) ?? []);
    return found.length === 0 ? undefined : found;
  };
  const language = form.languages.length === 1 ? form.languages[0] : undefined;
  const lang = language === 'zh' ? 'zh-Hans' : language;
  const text = (
    key: keyof RuleForm,
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
  const grade = (key: 'probability' | 'impact', grades: readonly string[]) => (
    <Field id={`rule-${key}`} label={F[key]} problems={at(key)}>
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
              {value}
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
        const issues = ruleIssues(rule, others);
        if (issues.length > 0) {
          setProblems(byField(issuesUnder(issues, '')));
          return;
        }
        setProblems(undefined);
        onApply(rule);
      }}
    >
      <h2 id="rule-form-title">{TEXT.ruleFormTitle(editing.previousId !== undefined)}</h2>
      <p class="hint">{TEXT.ruleFormLede}</p>
      {problems !== undefined && problems.size > 0 && (
        <p class="form-problem" role="alert">
          {TEXT.ruleProblems}
        </p>
      )}
      <fieldset
        class="field"
        aria-describedby={at('languages') === undefined ? undefined : 'rule-languages-problems'}
      >
        <legend class="label">{F.languages}</legend>
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
            {LANGUAGE_NAMES[code] ?? code}
          </label>
        ))}
        <FieldProblems id="rule-languages-problems" messages={at('languages')} />
      </fieldset>
      <div class="policy-form-grid">
        {line('id', F.id, F.idHint)}
        {line('markets', F.markets, F.marketsHint)}
        {line('categories', F.categories, F.categoriesHint)}
        {grade('probability', PROBABILITY_GRADES)}
        {grade('impact', IMPACT_GRADES)}
      </div>
      {text('patterns', F.patterns, { hint: F.patternsHint, rows: 4 })}
      <div class="policy-form-grid">
        {text('predicates', F.predicates, { hint: F.pairHint })}
        {text('objects', F.objects)}
      </div>
      {text('exceptions', F.exceptions)}
      {text('basis', F.basis, { rows: 2 })}
      {text('message', F.message, { rows: 2 })}
      {text('suggestion', F.suggestion, { rows: 2 })}
      <div class="policy-form-grid">
        {text('positive', F.positive, { rows: 4, problems: at('examples') })}
        {text('negative', F.negative, { rows: 4 })}
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {TEXT.applyRule(editing.previousId !== undefined)}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {TEXT.cancel}
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
  const [problems, setProblems] = useState<Map<string, string[]> | undefined>(undefined);
  const shown = problems ?? serverIssues;
  const E = TEXT.extendFields;
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
        const issues = extensionIssues(extension);
        if (issues.length > 0) {
          setProblems(new Map(issues.map((issue) => [issue.path, [issue.message]])));
          return;
        }
        onApply(extension);
      }}
    >
      <h2 id="extend-form-title">{TEXT.extendTitle(ruleId)}</h2>
      <p class="hint">{TEXT.extendLede}</p>
      <div class="policy-form-grid">
        {area('patterns', E.patterns, 'patterns')}
        {area('exceptions', E.exceptions, 'exceptions')}
        {area('positive', E.positive, 'examples.positive')}
        {area('negative', E.negative, 'examples.negative')}
      </div>
      <div class="form-actions">
        <button type="submit" class="button button-primary">
          {TEXT.applyExtend}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {TEXT.cancel}
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
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string[] | undefined>(undefined);
  return (
    <form
      class="panel policy-rule-form"
      aria-labelledby="disable-form-title"
      onSubmit={(event) => {
        event.preventDefault();
        if (reason.trim() === '') {
          setProblem([TEXT.reasonMissing]);
          return;
        }
        onApply(reason.trim());
      }}
    >
      <h2 id="disable-form-title">{TEXT.disableTitle(ruleId)}</h2>
      <p class="hint">{TEXT.disableLede}</p>
      <Field id="disable-reason" label={TEXT.disableReason} problems={problem}>
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
          {TEXT.applyDisable}
        </button>
        <button type="button" class="button button-quiet" onClick={onCancel}>
          {TEXT.cancel}
        </button>
      </div>
    </form>
  );
};

// ---------------------------------------------------------------------------------------------------------
// The overlay and the packs

const IssueList = ({ issues }: { issues: ReadonlyMap<string, readonly string[]> }) =>
  issues.size === 0 ? null : (
    <div class="notice notice-error" role="alert">
      <p>{TEXT.ruleIssues}</p>
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
  const rules = customRules(overlay);
  const extended = Object.entries(overlay.extend ?? {});
  const disabled = Object.entries(overlay.disable ?? {});
  return (
    <section class="panel policy-overlay" aria-labelledby="overlay-title" data-testid="claims-overlay">
      <h2 id="overlay-title">
        {TEXT.changesTitle} <span class="count">{overlaySize(overlay)}</span>
      </h2>
      <p class="muted">{TEXT.changesLede}</p>
      {overlaySize(overlay) === 0 && <EmptyState title={TEXT.noChanges} />}
      {rules.length > 0 && (
        <>
          <h3>{TEXT.added}</h3>
          <ul class="policy-list">
            {rules.map((rule, index) => (
              <li key={rule.id} data-rule-id={rule.id}>
                <code>{rule.id}</code> {rule.message}{' '}
                <span class="muted">
                  {TEXT.examplesCount(rule.examples.positive.length, rule.examples.negative.length)}
                </span>
                {canEdit && (
                  <span class="policy-row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`${TEXT.edit} ${rule.id}`}
                      onClick={() => onEdit({ kind: 'rule', previousId: rule.id, base: rule })}
                    >
                      {TEXT.edit}
                    </button>
                    <button
                      type="button"
                      class="button button-small button-quiet"
                      aria-label={`${TEXT.remove} ${rule.id}`}
                      onClick={() => onChange(removeRule(overlay, rule.id))}
                    >
                      {TEXT.remove}
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
          <h3>{TEXT.extended}</h3>
          <ul class="policy-list">
            {extended.map(([id, extension]) => (
              <li key={id} data-rule-id={id}>
                <code>{id}</code>{' '}
                <span class="muted">
                  {TEXT.extraPatterns((extension.patterns ?? []).length)},{' '}
                  {TEXT.extraExceptions((extension.exceptions ?? []).length)}
                </span>
                {canEdit && (
                  <span class="policy-row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`${TEXT.edit} ${id}`}
                      onClick={() => onEdit({ kind: 'extend', ruleId: id })}
                    >
                      {TEXT.edit}
                    </button>
                    <button
                      type="button"
                      class="button button-small button-quiet"
                      aria-label={`${TEXT.remove} ${id}`}
                      onClick={() => onChange(setExtension(overlay, id, {}))}
                    >
                      {TEXT.remove}
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
          <h3>{TEXT.disabled}</h3>
          <ul class="policy-list">
            {disabled.map(([id, entry]) => (
              <li key={id} data-rule-id={id}>
                <code>{id}</code> <span class="muted">{TEXT.reason}:</span> {entry.reason}
                {canEdit && (
                  <span class="policy-row-actions">
                    <button
                      type="button"
                      class="button button-small"
                      aria-label={`${TEXT.reenable} ${id}`}
                      onClick={() => onChange(enableRule(overlay, id))}
                    >
                      {TEXT.reenable}
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
            {TEXT.addRule}
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
  const custom = customRules(overlay).find((item) => item.id === rule.id);
  const disabled = overlay.disable?.[rule.id] !== undefined;
  const extended = overlay.extend?.[rule.id] !== undefined;
  const lang = pack.language === 'zh' ? 'zh-Hans' : pack.language;
  return (
    <li class="policy-pack-rule" data-rule-id={rule.id}>
      <div class="policy-pack-rule-head">
        <code>{rule.id}</code>
        {rule.origin === 'policy' && <span class="badge">{TEXT.customBadge}</span>}
        {disabled && <span class="badge policy-badge-off">{TEXT.disabledBadge}</span>}
        {extended && <span class="badge">{TEXT.extendedBadge}</span>}
        <span class="muted">
          {String(rule.probability)} × {String(rule.impact)}
        </span>
        {canEdit && (
          <span class="policy-row-actions">
            {rule.origin === 'policy' ? (
              custom !== undefined && (
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`${TEXT.edit} ${rule.id}`}
                  onClick={() => onEdit({ kind: 'rule', previousId: custom.id, base: custom })}
                >
                  {TEXT.edit}
                </button>
              )
            ) : (
              <>
                <button
                  type="button"
                  class="button button-small"
                  aria-label={`${TEXT.extend}: ${rule.id}`}
                  onClick={() => onEdit({ kind: 'extend', ruleId: rule.id })}
                >
                  {TEXT.extend}
                </button>
                {disabled ? (
                  <button
                    type="button"
                    class="button button-small"
                    aria-label={`${TEXT.reenable}: ${rule.id}`}
                    onClick={() => onChange(enableRule(overlay, rule.id))}
                  >
                    {TEXT.reenable}
                  </button>
                ) : (
                  <button
                    type="button"
                    class="button button-small button-quiet"
                    aria-label={`${TEXT.disable}: ${rule.id}`}
                    onClick={() => onEdit({ kind: 'disable', ruleId: rule.id })}
                  >
                    {TEXT.disable}
                  </button>
                )}
              </>
            )}
          </span>
        )}
      </div>
      <p class="rule-message">{rule.message}</p>
      <details>
        <summary>{TEXT.phrases(rule.patterns.length)}</summary>
        <ul lang={lang} class="policy-phrases">
          {rule.patterns.map((pattern) => (
            <li key={pattern}>
              <code>{pattern}</code>
            </li>
          ))}
        </ul>
        <div class="rule-example-grid" lang={lang}>
          <div class="rule-examples rule-examples-positive">
            <h4>{TEXT.flags}</h4>
            <ul>
              {rule.examples.positive.map((text) => (
                <li key={text}>{text}</li>
              ))}
            </ul>
          </div>
          <div class="rule-examples rule-examples-negative">
            <h4>{TEXT.leavesAlone}</h4>
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
      <h2 id="packs-title">{TEXT.packsTitle}</h2>
      {rules.data !== undefined && <p class="muted">{TEXT.packsLede(rules.data.rulesVersion)}</p>}
      {rules.error !== undefined && (
        <ErrorNotice error={rules.error} context={TEXT.packsFailed} retry={rules.refresh} />
      )}
      {rules.loading && rules.data === undefined ? (
        <Loading what={TEXT.packsLoading} />
      ) : (
        <>
          <div class="field field-inline rule-filter">
            <label for="policy-rule-filter">{TEXT.find}</label>
            <input
              id="policy-rule-filter"
              type="search"
              value={filter}
              placeholder={TEXT.findPlaceholder}
              onInput={(event) => {
                setFilter(event.currentTarget.value);
                setLimit(PAGE);
              }}
            />
            <span class="muted" aria-live="polite">
              {TEXT.shown(shown.length, total)}
            </span>
          </div>
          {shown.length === 0 ? (
            <EmptyState title={TEXT.nothingFound} />
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
              {TEXT.showMore(Math.min(PAGE, shown.length - limit))}
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
  const editor = usePolicyEditor<ClaimsOverlay>(
    'claims',
    (active, draft) => asOverlay(draft?.document ?? active.document),
    checkOverlay,
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
    announce(TEXT.applied);
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
              serverIssues={
                ruleIndex < 0 ? new Map() : byField(issuesUnder(editor.issues, `rules.${ruleIndex}`))
              }
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

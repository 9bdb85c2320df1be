import { useEffect, useState } from 'preact/hooks';
import {
  SentimentThresholdsSchema,
  SpendThresholdsSchema,
} from '../../../shared/domain/threshold-schemas.ts';
import { useApp } from '../context.ts';
import { humanize } from '../format.ts';
import { useResource } from '../hooks.ts';
import { POLICIES_EN, type PoliciesMessageId } from '../i18n/catalogues/policies/en.ts';
import { describeFieldIn } from '../i18n/catalogues/policy-fields/index.ts';
import { type Locale, useFormat, useLocale, useT } from '../i18n/index.tsx';
import type { T } from '../i18n/messages.ts';
import {
  addBand,
  bandLists,
  type FieldPath,
  getAt,
  issuesUnder,
  parseFieldInput,
  pathKey,
  removeBand,
  setAt,
  type ThresholdField,
  thresholdFields,
  zodIssues,
} from '../policy-edit.ts';
import type { FieldIssue } from '../types.ts';
import {
  DraftActions,
  FieldProblems,
  PolicyFrame,
  PublishForm,
  TestResults,
  usePolicyEditor,
} from './Policies.tsx';
import { PolicyHistory } from './PolicyHistory.tsx';

type ThresholdPolicy = 'spend' | 'sentiment';

const SCHEMAS = { spend: SpendThresholdsSchema, sentiment: SentimentThresholdsSchema } as const;

/** The whole thresholds in force, less the version the server assigns when a draft is published. */
const withoutVersion = (document: unknown): unknown => {
  if (typeof document !== 'object' || document === null) return {};
  const { version: _version, ...rest } = document as Record<string, unknown>;
  return rest;
};

/** The thresholds as the shared schema judges them (the same check the API and the engine make). */
const checkThresholds =
  (policy: ThresholdPolicy) =>
  (document: unknown): FieldIssue[] => {
    // The form holds no version (the server assigns it on publish); the schema wants one.
    const result = SCHEMAS[policy].safeParse({ version: 'draft', ...(document as object) });
    return result.success ? [] : zodIssues(result.error.issues);
  };

/** What a field does and what raising or lowering it does, in plain words (shared/domain/policy-fields.ts). */
const explain = (locale: Locale, policy: ThresholdPolicy, path: FieldPath): string | undefined =>
  describeFieldIn(locale, policy, path);

const GRADE_LISTS = { probability: 'grades-probability', impact: 'grades-impact' } as const;
const gradeListOf = (path: FieldPath): string | undefined => {
  const last = String(path.at(-1) ?? '').toLowerCase();
  if (last.endsWith('probability')) return GRADE_LISTS.probability;
  if (last === 'impact') return GRADE_LISTS.impact;
  return undefined;
};

/** A key of a thresholds document (`cpaSpike`, `lateFrom`) in the reader's language; an unknown one humanized. */
const keyName = (t: T, key: string): string => {
  const id = `policies.key.${key}`;
  return id in POLICIES_EN ? t(id as PoliciesMessageId) : humanize(key);
};

/** `cpaSpike.grade.probability` → "Grade › Probability"; a band's `overrunBands.0.above` → "Above". */
const labelOf = (t: T, path: FieldPath): string => {
  const steps = path.slice(1).filter((step): step is string => typeof step === 'string');
  return steps.length === 0 ? keyName(t, String(path[0])) : steps.map((step) => keyName(t, step)).join(' › ');
};

/** `overrunBands.2` → "Overrun bands › Band 3": where a person finds it on the form. */
const placeOf = (t: T, path: string): string =>
  path
    .split('.')
    .map((step) =>
      /^\d+$/.test(step) ? t('policies.thresholds.band', { n: Number(step) + 1 }) : keyName(t, step),
    )
    .join(' › ');

const fieldId = (policy: ThresholdPolicy, path: FieldPath): string => `${policy}-${path.join('-')}`;

/** One number or grade: its own text while typed ("0." stays "0."), the parsed value in the document. */
const ThresholdInput = ({
  policy,
  field,
  shipped,
  issues,
  editable,
  described = true,
  onChange,
}: {
  policy: ThresholdPolicy;
  field: ThresholdField;
  /** False for the second and later bands: the first band already says what each field does. */
  described?: boolean;
  shipped: unknown;
  issues: readonly string[] | undefined;
  editable: boolean;
  onChange: (value: string | number | boolean) => void;
}) => {
  const t = useT();
  const format = useFormat();
  const locale = useLocale();
  const [text, setText] = useState(String(field.value));
  useEffect(() => {
    if (parseFieldInput(text, field.value) !== field.value) setText(String(field.value));
  }, [field.value]);
  const id = fieldId(policy, field.path);
  const description = described ? explain(locale, policy, field.path) : undefined;
  const differs = shipped !== undefined && shipped !== field.value;
  const describedBy = [`${id}-about`, issues === undefined ? '' : `${id}-problems`].join(' ').trim();
  return (
    <div class={`field threshold-field${differs ? ' is-changed' : ''}`} data-path={pathKey(field.path)}>
      <label class="label" for={id}>
        {labelOf(t, field.path)}
      </label>
      <input
        id={id}
        type="text"
        inputMode={typeof field.value === 'number' ? 'decimal' : undefined}
        list={gradeListOf(field.path)}
        value={text}
        readOnly={!editable}
        aria-invalid={issues !== undefined}
        aria-describedby={describedBy}
        onInput={(event) => {
          setText(event.currentTarget.value);
          onChange(parseFieldInput(event.currentTarget.value, field.value));
        }}
      />
      <div id={`${id}-about`} class="threshold-about">
        {description !== undefined && <p class="hint">{description}</p>}
        <p class="muted threshold-shipped">
          {shipped === undefined
            ? ''
            : differs
              ? t('policies.thresholds.shipped', {
                  value: typeof shipped === 'number' ? format.number(shipped, 6) : String(shipped),
                })
              : t('policies.thresholds.sameAsShipped')}
        </p>
      </div>
      <FieldProblems id={`${id}-problems`} messages={issues} />
    </div>
  );
};

/** `/policies/spend`, `/policies/sentiment`: managers edit the thresholds with what each number does. */
export const PolicyThresholds = ({ policy }: { policy: ThresholdPolicy }) => {
  const { api } = useApp();
  const t = useT();
  const locale = useLocale();
  const editor = usePolicyEditor<unknown>(
    policy,
    (active, draft) => withoutVersion(draft?.effective ?? active.effective ?? active.document),
    checkThresholds(policy),
  );
  const shipped = useResource(() => api.policyVersion(policy, 0), [api, policy]);
  const document = editor.document;
  const shippedDocument = shipped.data?.effective ?? shipped.data?.document;
  const fieldIssues = issuesUnder(editor.issues, '');
  const fields = document === undefined ? [] : thresholdFields(document);
  const leaves = new Set(fields.map((field) => pathKey(field.path)));
  // Issues of a whole band list or object (bands out of order, one value above another): listed on top.
  const unplaced = [...fieldIssues].flatMap(([path, messages]) =>
    leaves.has(path)
      ? []
      : messages.map((message) =>
          path === '' ? message : t('policies.thresholds.place', { place: placeOf(t, path), message }),
        ),
  );
  const groups = new Map<string, ThresholdField[]>();
  for (const field of fields) {
    const group = String(field.path[0]);
    groups.set(group, [...(groups.get(group) ?? []), field]);
  }
  const bands = new Set((document === undefined ? [] : bandLists(document)).map(pathKey));

  return (
    <PolicyFrame editor={editor}>
      <section class="panel policy-editor" aria-labelledby="thresholds-title">
        <h2 id="thresholds-title">{t('policies.thresholds.title')}</h2>
        {editor.canEdit && <p class="hint">{t('policies.thresholds.help')}</p>}
        {shipped.loading && shipped.data === undefined && (
          <p class="muted">{t('policies.thresholds.defaultsLoading')}</p>
        )}
        <datalist id={GRADE_LISTS.probability}>
          <option value="low" />
          <option value="medium" />
          <option value="high" />
        </datalist>
        <datalist id={GRADE_LISTS.impact}>
          <option value="minor" />
          <option value="moderate" />
          <option value="severe" />
        </datalist>
        <FieldProblems id={`${policy}-problems`} messages={unplaced} />
        {[...groups].map(([group, members]) => {
          const isBands = bands.has(group);
          const description = explain(locale, policy, [group]);
          const bandCount = isBands ? ((getAt(document, [group]) as unknown[] | undefined)?.length ?? 0) : 0;
          return (
            <fieldset key={group} class="threshold-group" data-group={group}>
              <legend>{keyName(t, group)}</legend>
              {description !== undefined && <p class="hint">{description}</p>}
              {isBands
                ? Array.from({ length: bandCount }, (_, index) => (
                    <div key={index} class="threshold-band" data-band={index}>
                      <span class="threshold-band-title">
                        {t('policies.thresholds.band', { n: index + 1 })}
                      </span>
                      {index === 0 && explain(locale, policy, [group, 0]) !== undefined && (
                        <p class="hint threshold-band-about">{explain(locale, policy, [group, 0])}</p>
                      )}
                      {members
                        .filter((field) => field.path[1] === index)
                        .map((field) => (
                          <ThresholdInput
                            key={pathKey(field.path)}
                            policy={policy}
                            field={field}
                            shipped={getAt(shippedDocument, field.path)}
                            issues={fieldIssues.get(pathKey(field.path))}
                            editable={editor.canEdit}
                            described={index === 0}
                            onChange={(value) => editor.setDocument(setAt(document, field.path, value))}
                          />
                        ))}
                      {editor.canEdit && bandCount > 1 && (
                        <button
                          type="button"
                          class="button button-small button-quiet"
                          onClick={() => editor.setDocument(removeBand(document, [group], index))}
                        >
                          {t('policies.thresholds.removeBand', { list: keyName(t, group), n: index + 1 })}
                        </button>
                      )}
                    </div>
                  ))
                : members.map((field) => (
                    <ThresholdInput
                      key={pathKey(field.path)}
                      policy={policy}
                      field={field}
                      shipped={getAt(shippedDocument, field.path)}
                      issues={fieldIssues.get(pathKey(field.path))}
                      editable={editor.canEdit}
                      onChange={(value) => editor.setDocument(setAt(document, field.path, value))}
                    />
                  ))}
              {isBands && editor.canEdit && (
                <button
                  type="button"
                  class="button button-small"
                  onClick={() => editor.setDocument(addBand(document, [group]))}
                >
                  {t('policies.thresholds.addBand', { list: keyName(t, group) })}
                </button>
              )}
            </fieldset>
          );
        })}
        <DraftActions editor={editor} />
      </section>
      {editor.testResult !== undefined && <TestResults result={editor.testResult} kind="cases" />}
      <PublishForm editor={editor} />
      <PolicyHistory editor={editor} />
    </PolicyFrame>
  );
};

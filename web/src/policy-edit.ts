/**
 * The pure parts of the Policies screens: editing a matrix as a grid, a thresholds document as fields and
 * legal's claims overlay, and placing the API's field errors on the field they name. No DOM, no fetch:
 * the components call these and render the result.
 */
import { ClaimRuleSourceSchema } from '../../shared/domain/claims/pack-schema.ts';
import { MATRIX_SIZE } from '../../shared/domain/policies/schemas.ts';
import type { MatrixLevel } from '../../shared/domain/risk-matrix.ts';
import type { FieldIssue } from '../../shared/errors.ts';
import { LOCALES } from '../../shared/i18n/locales.ts';
import { type LocalizedText, localized } from '../../shared/i18n/texts.ts';
import type { MessageValues } from '../../shared/i18n/translator.ts';
import type { PoliciesMessageId } from './i18n/catalogues/policies/en.ts';
import type { ClaimsOverlay, CustomRule, RuleExtension } from './policy-types.ts';

/** A message of the policy screens' catalogue in the reader's language (`useT()` is one). */
export type PolicyT = (id: PoliciesMessageId, values?: MessageValues) => string;

// ---------------------------------------------------------------------------------------------------------
// The matrix

/** The `matrix` policy document (docs/policies.md): axes lowest first, every cell's level id. */
export interface MatrixDocument {
  readonly version?: string;
  readonly probabilities: readonly string[];
  readonly impacts: readonly string[];
  readonly levels: readonly MatrixLevel[];
  readonly cells: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** The smallest and largest matrix a manager may publish, per axis: the API's own limits. */
export const MATRIX_MIN = MATRIX_SIZE.min;
export const MATRIX_MAX = MATRIX_SIZE.max;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isStrings = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/** The value as a matrix document when it has the shape of one (an API answer), otherwise undefined. */
export const asMatrix = (value: unknown): MatrixDocument | undefined => {
  if (!isRecord(value) || !isStrings(value.probabilities) || !isStrings(value.impacts)) return undefined;
  if (!Array.isArray(value.levels) || !isRecord(value.cells)) return undefined;
  const levels = value.levels.filter(
    (level): level is MatrixLevel =>
      isRecord(level) &&
      typeof level.id === 'string' &&
      typeof level.label === 'string' &&
      typeof level.rank === 'number',
  );
  if (levels.length !== value.levels.length) return undefined;
  const cells: Record<string, Record<string, string>> = {};
  for (const [probability, row] of Object.entries(value.cells)) {
    if (!isRecord(row)) return undefined;
    cells[probability] = Object.fromEntries(
      Object.entries(row).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
    );
  }
  return {
    ...(typeof value.version === 'string' ? { version: value.version } : {}),
    probabilities: value.probabilities,
    impacts: value.impacts,
    levels,
    cells,
  };
};

const ranked = (matrix: MatrixDocument): MatrixLevel[] => [...matrix.levels].sort((a, b) => a.rank - b.rank);

/**
 * The colour family a level is drawn in: the lowest rank is green (normal), the highest red (pages
 * managers), anything between yellow — so a matrix whose levels have other ids still reads at a glance.
 */
export const levelTone = (matrix: MatrixDocument, level: string): 'green' | 'yellow' | 'red' => {
  const order = ranked(matrix).map((item) => item.id);
  const index = order.indexOf(level);
  if (index <= 0) return 'green';
  return index === order.length - 1 ? 'red' : 'yellow';
};

export const levelLabel = (matrix: MatrixDocument, level: string): string =>
  matrix.levels.find((item) => item.id === level)?.label ?? level;

/** The cell's level, the next level up (by rank) after a click; the highest wraps to the lowest. */
export const cycleCell = (matrix: MatrixDocument, probability: string, impact: string): MatrixDocument => {
  const order = ranked(matrix).map((level) => level.id);
  const current = matrix.cells[probability]?.[impact];
  const next = order[(current === undefined ? -1 : order.indexOf(current)) + 1] ?? order[0];
  if (next === undefined) return matrix;
  return {
    ...matrix,
    cells: { ...matrix.cells, [probability]: { ...matrix.cells[probability], [impact]: next } },
  };
};

const freshLabel = (taken: readonly string[], stem: string): string => {
  let n = taken.length + 1;
  while (taken.includes(`${stem}-${n}`)) n += 1;
  return `${stem}-${n}`;
};

/**
 * A new highest probability (a row on top), its cells copied from the row below it so the matrix stays
 * monotonic; the manager renames it and adjusts its cells.
 */
export const addProbability = (matrix: MatrixDocument): MatrixDocument => {
  if (matrix.probabilities.length >= MATRIX_MAX) return matrix;
  const label = freshLabel(matrix.probabilities, 'probability');
  const top = matrix.probabilities.at(-1);
  const row = top === undefined ? {} : { ...matrix.cells[top] };
  return {
    ...matrix,
    probabilities: [...matrix.probabilities, label],
    cells: { ...matrix.cells, [label]: row },
  };
};

/** A new highest impact (a column on the right), its cells copied from the column left of it. */
export const addImpact = (matrix: MatrixDocument): MatrixDocument => {
  if (matrix.impacts.length >= MATRIX_MAX) return matrix;
  const label = freshLabel(matrix.impacts, 'impact');
  const last = matrix.impacts.at(-1);
  const cells: Record<string, Record<string, string>> = {};
  for (const probability of matrix.probabilities) {
    const row = { ...matrix.cells[probability] };
    const copied = last === undefined ? undefined : row[last];
    if (copied !== undefined) row[label] = copied;
    cells[probability] = row;
  }
  return { ...matrix, impacts: [...matrix.impacts, label], cells };
};

export const removeProbability = (matrix: MatrixDocument, probability: string): MatrixDocument => {
  if (matrix.probabilities.length <= MATRIX_MIN) return matrix;
  const { [probability]: _removed, ...cells } = matrix.cells;
  return { ...matrix, probabilities: matrix.probabilities.filter((p) => p !== probability), cells };
};

export const removeImpact = (matrix: MatrixDocument, impact: string): MatrixDocument => {
  if (matrix.impacts.length <= MATRIX_MIN) return matrix;
  const cells: Record<string, Record<string, string>> = {};
  for (const [probability, row] of Object.entries(matrix.cells)) {
    const { [impact]: _removed, ...rest } = row;
    cells[probability] = rest;
  }
  return { ...matrix, impacts: matrix.impacts.filter((i) => i !== impact), cells };
};

/** Renames a probability label; its row of cells follows it. */
export const renameProbability = (matrix: MatrixDocument, from: string, to: string): MatrixDocument => {
  if (from === to) return matrix;
  const cells: Record<string, Readonly<Record<string, string>>> = {};
  for (const [probability, row] of Object.entries(matrix.cells))
    cells[probability === from ? to : probability] = row;
  return { ...matrix, probabilities: matrix.probabilities.map((p) => (p === from ? to : p)), cells };
};

/** Renames an impact label; its column of cells follows it. */
export const renameImpact = (matrix: MatrixDocument, from: string, to: string): MatrixDocument => {
  if (from === to) return matrix;
  const cells: Record<string, Record<string, string>> = {};
  for (const [probability, row] of Object.entries(matrix.cells)) {
    cells[probability] = Object.fromEntries(
      Object.entries(row).map(([i, level]) => [i === from ? to : i, level]),
    );
  }
  return { ...matrix, impacts: matrix.impacts.map((i) => (i === from ? to : i)), cells };
};

// ---------------------------------------------------------------------------------------------------------
// Thresholds (spend, sentiment)

export type FieldPath = readonly (string | number)[];

/** One number or grade of a thresholds document, with where it sits. */
export interface ThresholdField {
  readonly path: FieldPath;
  readonly value: string | number | boolean;
}

/** Every leaf of a thresholds document in document order, `version` left out (the server stamps it). */
export const thresholdFields = (document: unknown, path: FieldPath = []): ThresholdField[] => {
  if (Array.isArray(document))
    return document.flatMap((item, index) => thresholdFields(item, [...path, index]));
  if (isRecord(document))
    return Object.entries(document).flatMap(([key, value]) =>
      path.length === 0 && key === 'version' ? [] : thresholdFields(value, [...path, key]),
    );
  if (typeof document === 'number' || typeof document === 'string' || typeof document === 'boolean')
    return [{ path, value: document }];
  return [];
};

export const pathKey = (path: FieldPath): string => path.join('.');

export const getAt = (document: unknown, path: FieldPath): unknown => {
  let here: unknown = document;
  for (const step of path) {
    if (Array.isArray(here) && typeof step === 'number') here = here[step];
    else if (isRecord(here)) here = here[String(step)];
    else return undefined;
  }
  return here;
};

/** The document with `value` at `path`, everything else shared. */
export const setAt = (document: unknown, path: FieldPath, value: unknown): unknown => {
  const [step, ...rest] = path;
  if (step === undefined) return value;
  if (Array.isArray(document) && typeof step === 'number') {
    const copy = [...document];
    copy[step] = setAt(document[step], rest, value);
    return copy;
  }
  const record = isRecord(document) ? document : {};
  return { ...record, [step]: setAt(record[String(step)], rest, value) };
};

/**
 * What a person typed into a thresholds field, as the document holds it: a number when it reads as one
 * (a decimal comma too), otherwise the text (a grade such as `high`).
 */
export const parseFieldInput = (text: string, previous: unknown): string | number | boolean => {
  if (typeof previous === 'boolean') return text === 'true';
  const trimmed = text.trim();
  const numeric = trimmed.replace(',', '.');
  if (numeric !== '' && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(numeric)) return Number(numeric);
  return trimmed;
};

/** The bands (arrays of objects) of a thresholds document, by path: they can gain or lose a row. */
export const bandLists = (document: unknown): FieldPath[] =>
  isRecord(document)
    ? Object.entries(document)
        .filter(([, value]) => Array.isArray(value) && value.every(isRecord))
        .map(([key]) => [key])
    : [];

/** A band added at the end of a band list, a copy of its last one to adjust. */
export const addBand = (document: unknown, path: FieldPath): unknown => {
  const list = getAt(document, path);
  if (!Array.isArray(list) || list.length === 0) return document;
  return setAt(document, path, [...list, list.at(-1)]);
};

export const removeBand = (document: unknown, path: FieldPath, index: number): unknown => {
  const list = getAt(document, path);
  if (!Array.isArray(list) || list.length <= 1) return document;
  return setAt(
    document,
    path,
    list.filter((_, at) => at !== index),
  );
};

// ---------------------------------------------------------------------------------------------------------
// Field errors from the API (400 `errors`) and from the shared schemas

/**
 * An issue's path as the dotted path into the policy document: the API names `document.rules.0.id` (or a
 * JSON pointer `/document/rules/0/id`); the forms name `rules.0.id`.
 */
export const documentPath = (path: string): string =>
  path
    .replace(/^\//, '')
    .replaceAll('/', '.')
    .replace(/^document(\.|$)/, '');

/**
 * The issues under `prefix` (a dotted path), keyed by the rest of their path (`''` for the prefix itself).
 *
 * @example issuesUnder([{ path: 'document.rules.0.patterns', message: 'is empty' }], 'rules.0') // Map { 'patterns' => ['is empty'] }
 */
export const issuesUnder = (issues: readonly FieldIssue[], prefix: string): Map<string, string[]> => {
  const found = new Map<string, string[]>();
  for (const issue of issues) {
    const path = documentPath(issue.path);
    let rest: string | undefined;
    if (prefix === '') rest = path;
    else if (path === prefix) rest = '';
    else if (path.startsWith(`${prefix}.`)) rest = path.slice(prefix.length + 1);
    if (rest === undefined) continue;
    found.set(rest, [...(found.get(rest) ?? []), issue.message]);
  }
  return found;
};

/** The first step of each rest path: which field of a form an issue belongs to (`patterns.2` → `patterns`). */
export const byField = (issues: ReadonlyMap<string, readonly string[]>): Map<string, string[]> => {
  const found = new Map<string, string[]>();
  for (const [rest, messages] of issues) {
    const field = rest.split('.')[0] ?? '';
    const detail = rest.includes('.')
      ? messages.map((message) => `${rest.slice(field.length + 1)}: ${message}`)
      : messages;
    found.set(field, [...(found.get(field) ?? []), ...detail]);
  }
  return found;
};

/** Issues from a zod (or zod/mini) `safeParse`, in the API's shape. */
export const zodIssues = (
  issues: readonly { readonly path: readonly PropertyKey[]; readonly message: string }[],
  prefix: FieldPath = [],
): FieldIssue[] =>
  issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.'),
    message: issue.message,
  }));

/**
 * The shared schemas' problem messages (matrix-schema.ts, threshold-schemas.ts, claims/pack-schema.ts), which
 * the client check and the API's 400 both give in English, as sentences of the policies catalogue; the
 * pattern's groups are the sentence's values. A message not listed here is shown as the API wrote it.
 */
const ISSUE_SENTENCES: readonly (readonly [RegExp, PoliciesMessageId, readonly string[]])[] = [
  [/^must not be empty$/, 'policies.issue.empty', []],
  [/^must not be empty or padded$/, 'policies.issue.emptyOrPadded', []],
  [/^has unbalanced braces$/, 'policies.issue.unbalanced', []],
  [/^is not ISO 3166-1 alpha-2$/, 'policies.issue.notCountry', []],
  [/^must look like "<pack>\.<topic>"$/, 'policies.issue.ruleIdShape', []],
  [/^needs patterns, or predicates and objects$/, 'policies.issue.needsPatterns', []],
  [/^predicates and objects go together$/, 'policies.issue.pairTogether', []],
  [/^must hold at least one text the rule flags$/, 'policies.issue.needsFlagged', []],
  [/^must hold at least one text the rule leaves alone$/, 'policies.issue.needsLeftAlone', []],
  [/^must be a number$/, 'policies.issue.number', []],
  [/^must be text$/, 'policies.issue.text', []],
  [/^must be in ([[(].*[\])])$/, 'policies.issue.within', ['interval']],
  [/^must be ≥ (.+)$/, 'policies.issue.atLeast', ['min']],
  [/^must be a whole number ≥ (.+)$/, 'policies.issue.whole', ['min']],
  [/^must be a whole number in (.+)$/, 'policies.issue.wholeWithin', ['interval']],
  [/^must not exceed p \(the escalation needs stronger evidence\)$/, 'policies.issue.overwhelmingSpend', []],
  [
    /^must not exceed p \(a window alone needs stronger evidence\)$/,
    'policies.issue.overwhelmingSentiment',
    [],
  ],
  [/^must hold at least one band$/, 'policies.issue.bandsOne', []],
  [/^must hold at least one band \(the warning line\)$/, 'policies.issue.bandsOneWarning', []],
  [/^must be strictly ascending by "(.+)"$/, 'policies.issue.bandsAscending', ['key']],
  [/^must be at least ([A-Za-z]+)$/, 'policies.issue.atLeastField', ['field']],
  [/^must list at least one level$/, 'policies.issue.levelOne', []],
  [/^must be a level id$/, 'policies.issue.levelId', []],
  [/^must be a lower-case id such as "red"$/, 'policies.issue.levelIdShape', []],
  [/^must list at least one (probability|impact) label$/, 'policies.issue.axisOne', ['axis']],
  [/^(probability|impact) "(.*)" is listed twice$/, 'policies.issue.axisTwice', ['axis', 'label']],
  [/^level "(.*)" is listed twice$/, 'policies.issue.levelTwice', ['level']],
  [/^rank (.+) is used by two levels$/, 'policies.issue.rankTwice', ['rank']],
  [/^cell (.+) × (.+) is missing$/, 'policies.issue.cellMissing', ['probability', 'impact']],
  [
    /^cell (.+) × (.+) names unknown level "(.*)"$/,
    'policies.issue.cellUnknown',
    ['probability', 'impact', 'level'],
  ],
  [/^cells name unknown probability "(.*)"$/, 'policies.issue.unknownProbability', ['probability']],
  [/^cells name unknown impact "(.*)"$/, 'policies.issue.unknownImpact', ['impact']],
  [
    /^level drops from (.+) to (.+) probability at impact (.+)$/,
    'policies.issue.dropsProbability',
    ['from', 'to', 'impact'],
  ],
  [
    /^level drops from (.+) to (.+) impact at probability (.+)$/,
    'policies.issue.dropsImpact',
    ['from', 'to', 'probability'],
  ],
];

/** What a field takes, for zod's bare "Invalid input" (a union or an empty list) on a rule's field. */
const TAKES: Readonly<Record<string, PoliciesMessageId>> = {
  markets: 'policies.issue.takesMarkets',
  categories: 'policies.issue.takesCategories',
  probability: 'policies.issue.takesProbability',
  impact: 'policies.issue.takesImpact',
  languages: 'policies.issue.languages',
  message: 'policies.issue.everyLanguage',
  suggestion: 'policies.issue.everyLanguage',
};

/**
 * An issue with its message in the reader's language: a known schema sentence through the catalogue, a bare
 * "Invalid input" said as what the field takes; anything else as it came.
 *
 * @example localizeIssue({ path: 'pacing.interval', message: 'must be in (0, 1)' }, t) // zh-CN: '必须在 (0, 1) 范围内'
 */
export const localizeIssue = (issue: FieldIssue, t: PolicyT): FieldIssue => {
  if (issue.message === 'Invalid input') {
    const field = documentPath(issue.path).split('.').at(-1) ?? '';
    const takes = TAKES[field];
    return takes === undefined ? issue : { ...issue, message: t(takes) };
  }
  for (const [pattern, id, names] of ISSUE_SENTENCES) {
    const found = pattern.exec(issue.message);
    if (found === null) continue;
    const values = Object.fromEntries(names.map((name, index) => [name, found[index + 1] ?? '']));
    return { ...issue, message: t(id, values) };
  }
  return issue;
};

// ---------------------------------------------------------------------------------------------------------
// The claims overlay

/** The packs a custom rule may join, by the language of the copy: its id starts with `<pack>.`. */
export const PACK_OF_LANGUAGE: Readonly<Record<string, string>> = { zh: 'cn', en: 'en', vi: 'vn' };

export const customRules = (overlay: ClaimsOverlay): readonly CustomRule[] => overlay.rules ?? [];

/** Adds the rule, or replaces the rule whose id was `previousId` (an edit may rename it). */
export const upsertRule = (overlay: ClaimsOverlay, rule: CustomRule, previousId?: string): ClaimsOverlay => {
  const rules = customRules(overlay);
  const at = rules.findIndex((item) => item.id === (previousId ?? rule.id));
  return {
    ...overlay,
    rules: at < 0 ? [...rules, rule] : rules.map((item, index) => (index === at ? rule : item)),
  };
};

export const removeRule = (overlay: ClaimsOverlay, id: string): ClaimsOverlay => ({
  ...overlay,
  rules: customRules(overlay).filter((rule) => rule.id !== id),
});

const withoutKey = <T>(record: Readonly<Record<string, T>> | undefined, key: string): Record<string, T> => {
  const { [key]: _removed, ...rest } = record ?? {};
  return rest;
};

const hasText = (list: readonly string[] | undefined): boolean => (list ?? []).length > 0;

/** Sets a shipped rule's extra patterns and exceptions; an extension with nothing in it is removed. */
export const setExtension = (
  overlay: ClaimsOverlay,
  ruleId: string,
  extension: RuleExtension,
): ClaimsOverlay => {
  const empty =
    !hasText(extension.patterns) &&
    !hasText(extension.exceptions) &&
    !hasText(extension.examples?.positive) &&
    !hasText(extension.examples?.negative);
  const rest = withoutKey(overlay.extend, ruleId);
  return { ...overlay, extend: empty ? rest : { ...rest, [ruleId]: extension } };
};

export const disableRule = (overlay: ClaimsOverlay, ruleId: string, reason: string): ClaimsOverlay => ({
  ...overlay,
  disable: { ...withoutKey(overlay.disable, ruleId), [ruleId]: { reason } },
});

export const enableRule = (overlay: ClaimsOverlay, ruleId: string): ClaimsOverlay => ({
  ...overlay,
  disable: withoutKey(overlay.disable, ruleId),
});

/** The overlay as the API reads it back (a missing document, version 0, is no change at all). */
export const asOverlay = (value: unknown): ClaimsOverlay => (isRecord(value) ? (value as ClaimsOverlay) : {});

/** How many changes an overlay makes to the shipped packs. */
export const overlaySize = (overlay: ClaimsOverlay): number =>
  customRules(overlay).length +
  Object.keys(overlay.extend ?? {}).length +
  Object.keys(overlay.disable ?? {}).length;

/** Text typed one item per line, as a list (blank lines and surrounding spaces dropped). */
export const linesOf = (text: string): string[] =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** A list typed with commas (`CN, HK`) or the word `all`. */
export const listOrAll = (text: string): string[] | 'all' => {
  const trimmed = text.trim();
  if (trimmed.toLowerCase() === 'all') return 'all';
  return trimmed
    .split(/[,\s]+/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
};

/** The fields of the rule form: what a person types. */
export interface RuleForm {
  readonly id: string;
  readonly markets: string;
  readonly languages: readonly string[];
  readonly categories: string;
  readonly patterns: string;
  readonly predicates: string;
  readonly objects: string;
  readonly exceptions: string;
  readonly probability: string;
  readonly impact: string;
  readonly basis: string;
  /** What is wrong, in every locale: each reader sees the finding in their language. */
  readonly message: LocalizedText;
  /** What to write instead, in every locale. */
  readonly suggestion: LocalizedText;
  readonly positive: string;
  readonly negative: string;
}

const NO_TEXT: LocalizedText = { en: '', 'zh-CN': '', vi: '' };

export const EMPTY_RULE_FORM: RuleForm = {
  id: '',
  markets: '',
  languages: [],
  categories: 'all',
  patterns: '',
  predicates: '',
  objects: '',
  exceptions: '',
  probability: 'medium',
  impact: 'moderate',
  basis: '',
  message: NO_TEXT,
  suggestion: NO_TEXT,
  positive: '',
  negative: '',
};

const joinList = (list: readonly string[] | 'all' | undefined, separator: string): string =>
  list === 'all' ? 'all' : (list ?? []).join(separator);

/**
 * A rule's text as the form shows it: every locale it has. A draft saved before packs 3.4.0 required every
 * locale may still hold one English phrase: the form shows it in English and leaves the other languages for
 * the person to write (the type no longer admits it; stored drafts still may).
 */
const textOfRule = (text: string | LocalizedText): LocalizedText =>
  typeof text === 'string' ? { ...NO_TEXT, en: text } : { ...NO_TEXT, ...text };

export const formOfRule = (rule: CustomRule): RuleForm => ({
  id: rule.id,
  markets: joinList(rule.markets, ', '),
  languages: [...rule.languages],
  categories: joinList(rule.categories, ', '),
  patterns: joinList(rule.patterns, '\n'),
  predicates: joinList(rule.predicates, '\n'),
  objects: joinList(rule.objects, '\n'),
  exceptions: joinList(rule.exceptions, '\n'),
  probability: String(rule.probability),
  impact: String(rule.impact),
  basis: rule.basis,
  message: textOfRule(rule.message),
  suggestion: textOfRule(rule.suggestion),
  positive: joinList(rule.examples.positive, '\n'),
  negative: joinList(rule.examples.negative, '\n'),
});

const rating = (text: string): string | number => {
  const parsed = parseFieldInput(text, '');
  return typeof parsed === 'number' ? parsed : String(parsed);
};

const trimmed = (text: LocalizedText): LocalizedText =>
  Object.fromEntries(LOCALES.map((locale) => [locale, text[locale].trim()])) as LocalizedText;

/**
 * The rule a form describes. Fields of the rule schema the form does not show (`window`, `requires` …) are
 * kept from `base`, the rule being edited; empty optional lists are left out. Its message and suggestion
 * are always in every locale (the object form of the pack schema).
 */
export const ruleOfForm = (form: RuleForm, base?: CustomRule): CustomRule => {
  const optional = (name: 'patterns' | 'predicates' | 'objects' | 'exceptions'): Record<string, string[]> => {
    const list = linesOf(form[name]);
    return list.length === 0 ? {} : { [name]: list };
  };
  const {
    patterns: _p,
    predicates: _pr,
    objects: _o,
    exceptions: _e,
    examples,
    ...kept
  } = base ?? ({ examples: { positive: [], negative: [] } } as unknown as CustomRule);
  return {
    ...kept,
    id: form.id.trim(),
    markets: listOrAll(form.markets),
    // Checked against the shared rule schema before it joins the overlay (ruleIssues).
    languages: [...form.languages] as CustomRule['languages'],
    categories: listOrAll(form.categories),
    ...optional('patterns'),
    ...optional('predicates'),
    ...optional('objects'),
    ...optional('exceptions'),
    probability: rating(form.probability) as CustomRule['probability'],
    impact: rating(form.impact) as CustomRule['impact'],
    basis: form.basis.trim(),
    message: trimmed(form.message),
    suggestion: trimmed(form.suggestion),
    examples: {
      ...(examples?.advisory === undefined ? {} : { advisory: examples.advisory }),
      positive: linesOf(form.positive),
      negative: linesOf(form.negative),
    },
  };
};

/** A rule's message or suggestion in one locale (a plain phrase of an older draft reads the same in all). */
export const ruleText = (text: string | LocalizedText, locale: keyof LocalizedText): string =>
  localized(text)[locale];

// ---------------------------------------------------------------------------------------------------------
// Checking legal's overlay with the shared rule schema (the API repeats it and names the same paths)

const PACK_IDS = Object.values(PACK_OF_LANGUAGE);

/** The texts every locale must have: a missing one is named at its own input (`message.vi`). */
const textIssues = (rule: CustomRule, t: PolicyT): FieldIssue[] =>
  (['message', 'suggestion'] as const).flatMap((field) => {
    const text = rule[field];
    if (typeof text === 'string') return [];
    return LOCALES.filter((locale) => (text[locale] ?? '').trim() === '').map((locale) => ({
      path: `${field}.${locale}`,
      message: t('policies.issue.required'),
    }));
  });

/**
 * The issues of one added rule, paths relative to the rule (`patterns.0`, `examples.positive`,
 * `message.zh-CN`), in the reader's language.
 */
export const ruleIssues = (rule: CustomRule, others: readonly CustomRule[], t: PolicyT): FieldIssue[] => {
  const parsed = ClaimRuleSourceSchema.safeParse(rule);
  // A text in every locale is checked here, each locale at its own input (the schema's union would name
  // the whole text, or say "must not be empty" beside this check's "is required").
  const checkedHere = (path: string): boolean =>
    (['message', 'suggestion'] as const).some(
      (field) => typeof rule[field] !== 'string' && (path === field || path.startsWith(`${field}.`)),
    );
  return [
    ...(parsed.success
      ? []
      : zodIssues(parsed.error.issues)
          .filter((issue) => !checkedHere(issue.path))
          .map((issue) => localizeIssue(issue, t))),
    ...textIssues(rule, t),
    ...(PACK_IDS.some((pack) => rule.id.startsWith(`${pack}.`))
      ? []
      : [{ path: 'id', message: t('policies.issue.idPack') }]),
    ...(others.some((other) => other.id === rule.id)
      ? [{ path: 'id', message: t('policies.issue.idTaken') }]
      : []),
  ];
};

/** Extra phrases need a copy they flag; extra exceptions a copy they leave alone. */
export const extensionIssues = (extension: RuleExtension, t: PolicyT): FieldIssue[] => [
  ...((extension.patterns ?? []).length > 0 && (extension.examples?.positive ?? []).length === 0
    ? [{ path: 'examples.positive', message: t('policies.issue.needsPositive') }]
    : []),
  ...((extension.exceptions ?? []).length > 0 && (extension.examples?.negative ?? []).length === 0
    ? [{ path: 'examples.negative', message: t('policies.issue.needsNegative') }]
    : []),
];

/** Every issue of the claims overlay, at its path in the document (`rules.0.message.vi`). */
export const checkOverlay = (overlay: ClaimsOverlay, t: PolicyT): FieldIssue[] => {
  const rules = customRules(overlay);
  return [
    ...rules.flatMap((rule, index) =>
      ruleIssues(
        rule,
        rules.filter((_, at) => at !== index),
        t,
      ).map((issue) => ({ ...issue, path: `rules.${index}.${issue.path}` })),
    ),
    ...Object.entries(overlay.extend ?? {}).flatMap(([id, extension]) =>
      extensionIssues(extension, t).map((issue) => ({ ...issue, path: `extend.${id}.${issue.path}` })),
    ),
    ...Object.entries(overlay.disable ?? {}).flatMap(([id, entry]) =>
      entry.reason.trim() === ''
        ? [{ path: `disable.${id}.reason`, message: t('policies.issue.reasonMissing') }]
        : [],
    ),
  ];
};

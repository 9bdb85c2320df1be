import { InvalidRiskConfigError } from '#shared/errors.ts';

/** The class lives with every other error; re-exported for the validators' callers. */
export { InvalidRiskConfigError };

/**
 * Throws an {@link InvalidRiskConfigError} when any issue was collected, so validators can report every
 * problem at once rather than one per deploy.
 *
 * @example
 * failOnIssues('spend thresholds "spend@1"', issues);
 */
export const failOnIssues = (subject: string, issues: readonly string[]): void => {
  if (issues.length > 0) throw new InvalidRiskConfigError(subject, issues);
};

/** One problem with a configuration document, at the path of the field it is about. */
export interface ConfigIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/** What a zod/mini issue carries that the messages below read (zod itself is not imported here). */
export interface SchemaIssue {
  readonly code?: string;
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly keys?: readonly string[];
  readonly expected?: unknown;
}

/** A schema with zod's `safeParse`: the configuration schemas of `matrix-schema.ts` and `threshold-schemas.ts`. */
export interface ConfigSchema {
  safeParse(value: unknown): {
    readonly success: boolean;
    readonly error?: { readonly issues: readonly SchemaIssue[] };
  };
}

/** zod/mini's message for every issue a schema did not word itself: it loads no English locale. */
const UNWORDED = 'Invalid input';

const anA = (kind: unknown): string => (/^[aeiou]/.test(String(kind)) ? `an ${kind}` : `a ${String(kind)}`);

/**
 * The message of a zod/mini issue in words: the schema's own message when it wrote one, otherwise what
 * the issue's code means (zod/mini, what the functions bundle, carries no English messages). The one
 * wording of schema issues for the rule packs, the matrix, the thresholds and the policies API.
 *
 * @example
 * issueMessage({ code: 'unrecognized_keys', message: '', path: [], keys: ['patern'] }); // 'Unrecognized key(s) patern (a typo?)'
 * issueMessage({ code: 'invalid_type', message: 'Invalid input', path: ['drift'], expected: 'object' }); // 'is missing or not an object'
 */
export const issueMessage = (issue: Omit<SchemaIssue, 'path'>): string => {
  if (issue.code === 'unrecognized_keys')
    return `Unrecognized key(s) ${(issue.keys ?? []).join(', ')} (a typo?)`;
  if (issue.message !== UNWORDED) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `is missing or not ${anA(issue.expected)}`;
    case 'invalid_value':
    case 'invalid_union':
      return 'is not an allowed value';
    case 'too_small':
      return 'is too short or too small';
    case 'too_big':
      return 'is too long or too large';
    default:
      return 'is not valid';
  }
};

// An unknown field is reported at the field itself, so a form can mark it.
const located = (issue: SchemaIssue): ConfigIssue[] =>
  issue.code === 'unrecognized_keys'
    ? (issue.keys ?? []).map((key) => ({
        path: [...issue.path, key],
        message: 'unknown field; check its spelling',
      }))
    : [{ path: issue.path, message: issueMessage(issue) }];

/**
 * Every issue of a value against a configuration schema, each at its path (one per unknown field); empty
 * when the value is valid. For the policies API's 400 and the web forms.
 *
 * @example
 * configIssues(SpendThresholdsSchema, { ...DEFAULT_SPEND_THRESHOLDS, cpaSpike: { ...cpaSpike, p: 0 } });
 * // [{ path: ['cpaSpike', 'p'], message: 'must be in (0, 0.5]' }]
 */
export const configIssues = (schema: ConfigSchema, value: unknown): ConfigIssue[] => {
  const result = schema.safeParse(value);
  return result.success ? [] : (result.error?.issues ?? []).flatMap(located);
};

/**
 * A path as people read it: `overrunBands[0].probability`, `cells.high.severe`.
 *
 * @example
 * pathText(['overrunBands', 0, 'impact']); // 'overrunBands[0].impact'
 */
export const pathText = (path: readonly PropertyKey[]): string =>
  path.reduce<string>(
    (text, key) =>
      typeof key === 'number' ? `${text}[${key}]` : text === '' ? String(key) : `${text}.${String(key)}`,
    '',
  );

/**
 * Checks a value against a configuration schema; throws an {@link InvalidRiskConfigError} listing every
 * issue with its path (`cpaSpike.p: must be in (0, 0.5]`). Returns the value itself, not a parsed copy.
 *
 * @example
 * failOnSchema('spend thresholds "spend@3"', SpendThresholdsSchema, thresholds);
 */
export const failOnSchema = <T>(subject: string, schema: ConfigSchema, value: T): T => {
  failOnIssues(
    subject,
    configIssues(schema, value).map(
      (issue) => `${pathText(issue.path) || '(whole document)'}: ${issue.message}`,
    ),
  );
  return value;
};

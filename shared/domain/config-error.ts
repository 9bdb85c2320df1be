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
interface SchemaIssue {
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

// zod/mini (what the functions bundle) carries no English messages: the configuration schemas write their
// own for every check, so only a wrong type and an unknown field need words here.
const located = (issue: SchemaIssue): ConfigIssue[] => {
  if (issue.code === 'unrecognized_keys') {
    return (issue.keys ?? []).map((key) => ({
      path: [...issue.path, key],
      message: 'is not a known field (a typo?)',
    }));
  }
  if (issue.code === 'invalid_type' && issue.message === 'Invalid input') {
    return [
      {
        path: issue.path,
        message: `is missing or not ${issue.expected === 'object' ? 'an object' : `a ${String(issue.expected)}`}`,
      },
    ];
  }
  return [{ path: issue.path, message: issue.message }];
};

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

import type { z } from 'zod';
import { ValidationError } from '#shared/errors.ts';
import { toFieldIssues } from '#shared/schemas/issues.ts';

/**
 * Parsing at the edge: a JSON body, a query string or a path parameter against its zod schema, or a
 * ValidationError naming every bad field (answered as a 400 problem).
 */

export const parseJsonBody = <S extends z.ZodType>(body: string | null, schema: S): z.infer<S> => {
  let value: unknown = {};
  if (body !== null && body.trim() !== '') {
    try {
      value = JSON.parse(body);
    } catch (error) {
      throw new ValidationError(`The request body is not valid JSON: ${(error as Error).message}`, [], {
        cause: error,
      });
    }
  }
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError('The request body is invalid', toFieldIssues(result.error));
  return result.data;
};

export const parseQuery = <S extends z.ZodType>(
  query: Record<string, string | undefined> | null,
  schema: S,
): z.infer<S> => {
  const result = schema.safeParse(query ?? {});
  if (!result.success) throw new ValidationError('Invalid query parameters', toFieldIssues(result.error));
  return result.data;
};

export const parsePathParameter = <S extends z.ZodType>(
  parameters: Record<string, string | undefined> | null,
  name: string,
  schema: S,
): z.infer<S> => {
  const result = schema.safeParse(parameters?.[name]);
  if (!result.success) throw new ValidationError(`Invalid ${name}`, toFieldIssues(result.error, [name]));
  return result.data;
};

import type * as z from 'zod/v4/core';

/**
 * Ties a zod schema to the domain type it describes. The domain owns its types and vocabularies; a schema
 * derives from them and states the tie next to itself:
 *
 * @example
 * export const CaseSchema = z.object({ ... }).meta({ id: 'Case' });
 * true satisfies Tied<typeof CaseSchema, RiskCase>;
 *
 * The typecheck fails when either side gains, loses or changes a field, optional ones included.
 */
export type Tied<S extends z.$ZodType, T> =
  Same<Frozen<z.output<S>>, Frozen<T>> extends true
    ? true
    : { schema: Frozen<z.output<S>>; domain: Frozen<T> };

/**
 * The same type, not merely each assignable to the other: mutual assignability would let one side carry
 * an optional field the other lacks.
 */
type Same<A, B> = (<X>() => X extends A ? 1 : 2) extends <X>() => X extends B ? 1 : 2 ? true : false;

/** Deeply read-only: the domain's types are, parsed values are not, and that difference is no drift. */
type Frozen<T> = T extends readonly (infer U)[]
  ? readonly Frozen<U>[]
  : T extends object
    ? { readonly [K in keyof T]: Frozen<T[K]> }
    : T;

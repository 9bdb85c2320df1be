/**
 * The errors the use cases and adapters throw. They carry no HTTP status: the edge (functions/http.ts)
 * maps each class to one, in one place. Every error takes `cause`, so the chain down to the SDK's error
 * survives into the logs.
 */

/** One problem with the input, located by a dotted path (`events.2.spend.actualSpend`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The base of every error the product throws on purpose. Each class names itself in a field, not through
 * `constructor.name`, which the minified bundles do not keep.
 */
export class RadarError extends Error {
  override name = 'RadarError';
}

/** The input is malformed or breaks the contract. */
export class ValidationError extends RadarError {
  override name = 'ValidationError';
  readonly issues: readonly FieldIssue[];
  constructor(message: string, issues: readonly FieldIssue[] = [], options?: ErrorOptions) {
    super(message, options);
    this.issues = issues;
  }
}

/** The request body or batch is larger than the API accepts. */
export class PayloadTooLargeError extends RadarError {
  override name = 'PayloadTooLargeError';
}

/** The request body is in a media type the API does not read (it reads `application/json`). */
export class UnsupportedMediaTypeError extends RadarError {
  override name = 'UnsupportedMediaTypeError';
}

/** No usable credentials. */
export class UnauthorizedError extends RadarError {
  override name = 'UnauthorizedError';
}

/**
 * A correctly signed request whose signature was already used. Clients may re-sign and retry: the same
 * body signed in the same second is the same signature, so honest retries can collide.
 */
export class ReplayedSignatureError extends UnauthorizedError {
  override name = 'ReplayedSignatureError';
}

/** Valid credentials without the role the operation needs. */
export class ForbiddenError extends RadarError {
  override name = 'ForbiddenError';
}

export class NotFoundError extends RadarError {
  override name = 'NotFoundError';
}

/** The operation is impossible in the resource's current state. */
export class ConflictError extends RadarError {
  override name = 'ConflictError';
  readonly current: Readonly<Record<string, unknown>>;
  constructor(message: string, current: Readonly<Record<string, unknown>> = {}, options?: ErrorOptions) {
    super(message, options);
    this.current = current;
  }
}

/**
 * Concurrent writers on the same subject kept winning the optimistic-concurrency race until the request's
 * time ran out. Nothing is wrong with the request: the client retries after `retryAfterSeconds` (events
 * already stored answer `duplicate`).
 */
export class ConcurrencyError extends RadarError {
  override name = 'ConcurrencyError';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options?: ErrorOptions) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The database refused a write for a reason that is not a race or a duplicate (a fault, not bad input). */
export class StoreError extends RadarError {
  override name = 'StoreError';
}

/**
 * The errors the use cases throw. They carry no HTTP status: the edge (functions/http-errors.ts) maps
 * each class to one, in one place.
 */

/** One problem with the input, located by a dotted path (`events.2.spend.actualSpend`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** The input is malformed or breaks the contract. */
export class ValidationError extends Error {
  readonly issues: readonly FieldIssue[];
  constructor(message: string, issues: readonly FieldIssue[] = [], options?: ErrorOptions) {
    super(message, options);
    this.name = 'ValidationError';
    this.issues = issues;
  }
}

/** The request body or batch is larger than the API accepts. */
export class PayloadTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadTooLargeError';
  }
}

/** No usable credentials. */
export class UnauthorizedError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnauthorizedError';
  }
}

/**
 * A correctly signed request whose signature was already used. Clients may re-sign and retry: the same
 * body signed in the same second is the same signature, so honest retries can collide.
 */
export class ReplayedSignatureError extends UnauthorizedError {
  constructor(message: string) {
    super(message);
    this.name = 'ReplayedSignatureError';
  }
}

/** Valid credentials without the role the operation needs. */
export class ForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The operation is impossible in the resource's current state. */
export class ConflictError extends Error {
  readonly current: Readonly<Record<string, unknown>>;
  constructor(message: string, current: Readonly<Record<string, unknown>> = {}) {
    super(message);
    this.name = 'ConflictError';
    this.current = current;
  }
}

/**
 * Every error the product throws on purpose, in one place: those of a request (which carry no HTTP status:
 * the edge, functions/http.ts, maps each class to one), of configuration, and of the local stack. Every
 * error takes `cause`, so the chain down to the SDK's error survives into the logs.
 */

/** One problem with the input, located by a dotted path (`events.2.spend.actualSpend`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/**
 * The `path` of a field issue: its keys joined with dots, `(body)` for the whole body.
 *
 * @example fieldPath(['events', 3, 'spend']) // 'events.3.spend'
 */
export const fieldPath = (path: readonly PropertyKey[]): string =>
  path.length === 0 ? '(body)' : path.map(String).join('.');

/**
 * The base of every error the product throws on purpose. Each class names itself in a field, not through
 * `constructor.name`, which the minified bundles do not keep.
 */
export class RadarError extends Error {
  override name = 'RadarError';
}

/**
 * The base of one kind of error: `RadarError` under the kind's `name`.
 *
 * @example export class NotFoundError extends kind('NotFoundError') {}
 */
const kind = (name: string) =>
  class extends RadarError {
    override name = name;
  };

/** The input is malformed or breaks the contract. */
export class ValidationError extends kind('ValidationError') {
  readonly issues: readonly FieldIssue[];
  constructor(message: string, issues: readonly FieldIssue[] = [], options?: ErrorOptions) {
    super(message, options);
    this.issues = issues;
  }
}

/** Another executor holds an action request and its lease has not run out: try again later (the stream retries the record). */
export class ActionInFlightError extends kind('ActionInFlightError') {}

/** The request body or batch is larger than the API accepts. */
export class PayloadTooLargeError extends kind('PayloadTooLargeError') {}

/** The request body is in a media type the API does not read (it reads `application/json`). */
export class UnsupportedMediaTypeError extends kind('UnsupportedMediaTypeError') {}

/** No usable credentials. */
export class UnauthorizedError extends kind('UnauthorizedError') {}

/**
 * A correctly signed request whose signature was already used. Clients may re-sign and retry: the same
 * body signed in the same second is the same signature, so honest retries can collide.
 */
export class ReplayedSignatureError extends UnauthorizedError {
  override name = 'ReplayedSignatureError';
}

/** Valid credentials without the role the operation needs. */
export class ForbiddenError extends kind('ForbiddenError') {}

export class NotFoundError extends kind('NotFoundError') {}

/**
 * A well-formed request the resources it names cannot take as they stand (a re-allocation in another
 * currency than the plans', or more than the source plan holds): 422, nothing written.
 */
export class UnprocessableError extends kind('UnprocessableError') {}

/** The operation is impossible in the resource's current state. */
export class ConflictError extends kind('ConflictError') {
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
export class ConcurrencyError extends kind('ConcurrencyError') {
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds: number, options?: ErrorOptions) {
    super(message, options);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** The database refused a write for a reason that is not a race or a duplicate (a fault, not bad input). */
export class StoreError extends kind('StoreError') {}

/** An environment variable or deployment setting is missing or malformed (shared/config.ts). */
export class ConfigurationError extends kind('ConfigurationError') {}

/**
 * Thrown when a matrix, threshold set or rule pack is not fit to run. Configuration is validated once, at
 * load, so a broken file stops a deploy or a cold start instead of mis-grading events later.
 *
 * @example
 * throw new InvalidRiskConfigError('risk matrix "m@1"', ['cell high × minor is missing']);
 */
export class InvalidRiskConfigError extends kind('InvalidRiskConfigError') {
  readonly issues: readonly string[];
  constructor(subject: string, issues: readonly string[], options?: ErrorOptions) {
    super(`Invalid ${subject}: ${issues.join('; ')}`, options);
    this.issues = issues;
  }
}

/** A queue message that is not an on-failure record of a stream batch: a person must look. */
export class UnreadableStreamFailureError extends kind('UnreadableStreamFailureError') {}

/*
 * The local stack's errors, reported to a person at a terminal. Each message is one line that says what
 * to do; details for debugging travel in `cause` or in extra properties, never in the message.
 */

/** The one line `npm start` prints when Java is absent or too old. */
export const JAVA_REQUIRED_MESSAGE =
  'Java 17+ is required for DynamoDB Local: apt-get install -y openjdk-17-jre-headless (or install a JDK from your OS vendor)';

/** Java is not installed, not on PATH, or older than 17 (DynamoDB Local's minimum). */
export class JavaMissingError extends kind('JavaMissingError') {
  constructor(options?: ErrorOptions) {
    super(JAVA_REQUIRED_MESSAGE, options);
  }
}

/** DynamoDB Local exited or did not answer in time; `output` holds the tail of what Java printed. */
export class DynamoDbLocalStartError extends kind('DynamoDbLocalStartError') {
  readonly output: string;
  constructor(message: string, output: string, options?: ErrorOptions) {
    super(
      output.trim() === '' ? message : `${message}\n--- DynamoDB Local output ---\n${output.trim()}`,
      options,
    );
    this.output = output;
  }
}

/** A port the stack was told to use is taken by another process. */
export class PortInUseError extends kind('PortInUseError') {
  readonly port: number;
  constructor(what: string, port: number, options?: ErrorOptions) {
    super(
      `Port ${port} is already in use (${what}); stop the other process or choose another port with --port`,
      options,
    );
    this.port = port;
  }
}

/** A handler file the catalog lists could not be loaded. */
export class HandlerLoadError extends kind('HandlerLoadError') {
  readonly file: string;
  constructor(message: string, file: string, options?: ErrorOptions) {
    super(message, options);
    this.file = file;
  }
}

/** An existing local table does not match shared/table.ts (e.g. `.data/` from an older version). */
export class TableDefinitionMismatchError extends kind('TableDefinitionMismatchError') {
  constructor(tableName: string, problem: string, options?: ErrorOptions) {
    super(
      `Table ${tableName} in DynamoDB Local does not match shared/table.ts (${problem}); delete .data/dynamodb or start with --in-memory`,
      options,
    );
  }
}

/**
 * A command-line mistake a person fixes in the command (a missing or malformed option): the CLI prints it as
 * one clear message, no stack trace, and exits 2.
 */
export class UsageError extends kind('UsageError') {}

/** The CLI's input cannot be read at all: missing, unreadable, or a CSV header with unknown columns (exit 2). */
export class InputFileError extends kind('InputFileError') {}

import type { Context, DynamoDBStreamEvent } from 'aws-lambda';

/**
 * A function's exported `handler` as far as a dynamic import can vouch for it: something to call with an
 * event and a context. Callers validate what it returns, as API Gateway and Lambda do.
 */
export type LoadedHandler = (event: unknown, context: Context) => Promise<unknown>;

/** A stream consumer's handler: one batch of DynamoDB stream records, as Lambda's event source mapping passes it. */
export type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;

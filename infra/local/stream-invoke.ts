import type { DynamoDBRecord } from 'aws-lambda';
import { reportedFailures } from './batch-item-failures.ts';
import type { StreamHandler } from './handler-types.ts';
import { createLambdaContext } from './lambda-context.ts';
import type { LocalLogger } from './logger.ts';

export interface InvokeOptions {
  readonly handler: StreamHandler;
  readonly functionName: string;
  readonly region: string;
  readonly logger: LocalLogger;
}

/**
 * Invokes the stream handler once with a batch, as Lambda does, and reads its partial batch response.
 * Returns the index of the first record to retry, or undefined when the whole batch succeeded. A throw,
 * or an `itemIdentifier` that names no record of the batch, fails the whole batch (Lambda's rule).
 */
export const invokeBatch = async (
  options: InvokeOptions,
  records: readonly DynamoDBRecord[],
): Promise<number | undefined> => {
  const context = createLambdaContext({
    functionName: options.functionName,
    awsRequestId: crypto.randomUUID(),
    timeoutMs: 60_000,
    region: options.region,
  });
  let response: unknown;
  try {
    // A copy per attempt: a handler that mutates its event must not change what a retry receives.
    response = await options.handler({ Records: structuredClone([...records]) }, context);
  } catch (error) {
    options.logger.error(
      `${options.functionName} threw; the whole batch of ${records.length} record(s) failed`,
      error,
    );
    return 0;
  }
  const failures = reportedFailures(response) ?? [];
  if (failures.length === 0) return undefined;
  const indexes = failures.map((id) => records.findIndex((record) => record.dynamodb?.SequenceNumber === id));
  return indexes.includes(-1) ? 0 : Math.min(...indexes);
};

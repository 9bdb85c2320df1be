import type { APIGatewayProxyResult } from 'aws-lambda';
import { ValidationError } from '#shared/errors.ts';
import type { EventResult } from '#shared/use-cases/event-results.ts';
import { json } from './http.ts';

/**
 * The response to an events request. A single event answers with its own result; a batch with every
 * result and a summary: 200 when all were accepted, 207 when some were rejected, and a 400 problem when
 * none was (nothing was written then).
 */
export const batchResponse = (batch: boolean, results: readonly EventResult[]): APIGatewayProxyResult => {
  const count = (status: EventResult['status']) =>
    results.filter((result) => result.status === status).length;
  const rejected = count('rejected');
  if (rejected === results.length) {
    throw new ValidationError(
      batch
        ? 'No event of the batch matches the event contract'
        : 'The event does not match the event contract',
      results.flatMap((result) => (result.status === 'rejected' ? result.errors : [])),
    );
  }
  if (!batch) {
    const [first] = results;
    const { index: _index, ...single } = first ?? {};
    return json(200, single);
  }
  const summary = {
    created: count('created'),
    duplicate: count('duplicate'),
    evaluated: count('evaluated'),
    rejected,
  };
  return json(rejected > 0 ? 207 : 200, { results, summary });
};

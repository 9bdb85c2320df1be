import type { APIGatewayProxyEvent, Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import type { StreamHandler } from '#infra/local/handler-types.ts';
import type { HttpHandler } from '#infra/local/http-adapter.ts';
import type { LocalLogger } from '#infra/local/logger.ts';

/** An HTTP handler that records every invocation and answers with what `respond` returns. */
export const recordingHttpHandler = (
  respond: (event: APIGatewayProxyEvent) => unknown = () => ({ statusCode: 200, body: '{"ok":true}' }),
) => {
  const calls: { event: APIGatewayProxyEvent; context: Context }[] = [];
  const handler: HttpHandler = async (event, context) => {
    calls.push({ event, context });
    return respond(event);
  };
  return { handler, calls };
};

/** A stream handler that records every event and answers with what `respond` returns. */
export const recordingStreamHandler = (
  respond: (
    event: DynamoDBStreamEvent,
    call: number,
  ) => Promise<DynamoDBBatchResponse> | DynamoDBBatchResponse = () => ({
    batchItemFailures: [],
  }),
) => {
  const events: DynamoDBStreamEvent[] = [];
  const handler: StreamHandler = async (event) => {
    events.push(event);
    return respond(event, events.length);
  };
  return {
    handler,
    events,
    /** Every delivered record, in delivery order. */
    records: () => events.flatMap((event) => event.Records),
  };
};

/** A logger that keeps what it was told, for assertions and to keep test output quiet. */
export const recordingLogger = () => {
  const lines: string[] = [];
  const errors: { message: string; detail: unknown }[] = [];
  const logger: LocalLogger = {
    info: (message) => lines.push(message),
    error: (message, detail) => errors.push({ message, detail }),
  };
  return { logger, lines, errors };
};

import type { Context } from 'aws-lambda';
import { LOCAL_ACCOUNT_ID } from './api-gateway-event.ts';

export interface LambdaContextOptions {
  readonly functionName: string;
  readonly awsRequestId: string;
  /** The function timeout; `getRemainingTimeInMillis` counts down from it. */
  readonly timeoutMs: number;
  readonly region: string;
  readonly memoryLimitInMB?: number;
}

/**
 * A Lambda `Context` as the Node.js runtime passes it, for one invocation. Powertools' logger and middy's
 * timeout handling read `functionName`, `awsRequestId` and `getRemainingTimeInMillis`, so these are real;
 * the callback-era `done`/`fail`/`succeed` are absent from async handlers' world and throw if used.
 *
 * @example createLambdaContext({ functionName: 'get-health', awsRequestId: randomUUID(), timeoutMs: 29_000, region: 'us-east-1' })
 */
export const createLambdaContext = (options: LambdaContextOptions): Context => {
  const deadline = Date.now() + options.timeoutMs;
  const unsupported = (name: string) => (): never => {
    throw new Error(`context.${name}() is not supported: return a value or throw from the async handler`);
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: options.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${options.region}:${LOCAL_ACCOUNT_ID}:function:${options.functionName}`,
    memoryLimitInMB: String(options.memoryLimitInMB ?? 1024),
    awsRequestId: options.awsRequestId,
    logGroupName: `/aws/lambda/${options.functionName}`,
    logStreamName: `local/[$LATEST]${options.awsRequestId.replaceAll('-', '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported('done'),
    fail: unsupported('fail'),
    succeed: unsupported('succeed'),
  };
};

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, ScheduledEvent } from 'aws-lambda';
import { logger } from './logger.ts';

/** The middlewares of a scheduled function: structured logs with the invocation's context. */
export const scheduledFunction = <Result>() =>
  middy<ScheduledEvent, Result, Error, Context>().use(injectLambdaContext(logger, { resetKeys: true }));

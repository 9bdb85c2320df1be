import { Logger } from '@aws-lambda-powertools/logger';
import { SERVICE_NAME } from '#shared/metrics.ts';

/** One structured JSON logger per function; the service name comes from POWERTOOLS_SERVICE_NAME. */
export const logger = new Logger({ serviceName: SERVICE_NAME });

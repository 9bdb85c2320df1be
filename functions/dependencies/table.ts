import { dynamoDocumentClient } from '#shared/adapters/clients.ts';
import { ENV, required } from '#shared/config.ts';
import { once } from './once.ts';

export const tableName = once(() => required(ENV.tableName));

export { dynamoDocumentClient };

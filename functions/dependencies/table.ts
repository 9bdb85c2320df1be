import { dynamoDocumentClient } from '#shared/adapters/clients.ts';
import { requireSetting } from '#shared/config.ts';
import { config } from './config.ts';

/** Read at cold start: every function that imports this module works on the table. */
const TABLE_NAME = requireSetting(config, 'tableName');

export const tableName = (): string => TABLE_NAME;

export { dynamoDocumentClient };

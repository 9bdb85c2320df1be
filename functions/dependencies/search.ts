import { DynamoDbSearchIndex } from '#shared/adapters/dynamodb-search-index.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

/** The search index in the table: postings written by index-cases, read by list-cases' `q`. */
export const searchIndex = once(() => new DynamoDbSearchIndex(dynamoDocumentClient(), tableName()));

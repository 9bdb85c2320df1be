import { DynamoDbCatalogueStore } from '#shared/adapters/dynamodb-catalogue-store.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

/** The campaign and brand catalogue (shared/adapters/dynamodb-catalogue-store.ts). */
export const catalogueStore = once(() => new DynamoDbCatalogueStore(dynamoDocumentClient(), tableName()));

import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

export const caseReader = once(() => new DynamoDbCaseReader(dynamoDocumentClient(), tableName()));

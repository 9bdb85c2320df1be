import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { DynamoDbExceptionStore } from '#shared/adapters/dynamodb-exception-store.ts';
import { DynamoDbReviewStore } from '#shared/adapters/dynamodb-review-store.ts';
import { DynamoDbWorkflowStore } from '#shared/adapters/dynamodb-workflow-store.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

export const caseReader = once(() => new DynamoDbCaseReader(dynamoDocumentClient(), tableName()));

export const workflowStore = once(() => new DynamoDbWorkflowStore(dynamoDocumentClient(), tableName()));

export const reviewStore = once(() => new DynamoDbReviewStore(dynamoDocumentClient(), tableName()));

export const exceptionStore = once(() => new DynamoDbExceptionStore(dynamoDocumentClient(), tableName()));

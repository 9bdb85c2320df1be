import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ENV, optional } from '#shared/config.ts';

/**
 * AWS SDK clients, created once per process (cold start) and reused by every request. Endpoints can be
 * overridden for DynamoDB Local and a local SNS.
 */

let lowLevelClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let snsClient: SNSClient | undefined;

/**
 * Wraps a low-level client so entities go in and out as plain objects. Every number we store is a double
 * (a projected spend or a baseline's variance may exceed 2^53); a double's shortest decimal form reads back
 * as the same double, so `allowImpreciseNumbers` loses nothing, where the default would throw a 500.
 */
export const toDocumentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: {
      removeUndefinedValues: true,
      convertClassInstanceToMap: false,
      allowImpreciseNumbers: true,
    },
  });

export const dynamoClient = (): DynamoDBClient => {
  if (lowLevelClient === undefined) {
    const endpoint = optional(ENV.dynamodbEndpoint);
    lowLevelClient = new DynamoDBClient(endpoint === undefined ? {} : { endpoint });
  }
  return lowLevelClient;
};

export const dynamoDocumentClient = (): DynamoDBDocumentClient => {
  documentClient ??= toDocumentClient(dynamoClient());
  return documentClient;
};

export const sns = (): SNSClient => {
  if (snsClient === undefined) {
    const endpoint = optional(ENV.snsEndpoint);
    snsClient = new SNSClient(endpoint === undefined ? {} : { endpoint });
  }
  return snsClient;
};

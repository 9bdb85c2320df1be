import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ReplayGuard } from '#shared/ports.ts';
import { replayToItem } from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';

/**
 * Remembers used signatures in the table; the TTL attribute lets DynamoDB forget them once they would be
 * rejected as too old anyway. The conditional put makes two simultaneous replays fail too.
 */
export class DynamoDbReplayGuard extends DynamoDbTable implements ReplayGuard {
  async firstUse(key: string, expiresAt: Date): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: replayToItem(key, expiresAt),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

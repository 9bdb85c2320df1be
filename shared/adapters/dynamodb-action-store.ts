import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { type ActionRequest, actionKey, parseActionId } from '#shared/domain/actions.ts';
import type { AuditEntry } from '#shared/domain/case.ts';
import type { ActionStore, SaveResult } from '#shared/ports.ts';
import { actionToItem, itemToAction, keys } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';
import { auditPut, versionedPut } from './dynamodb-workflow-store.ts';

/** At most this many requests per case: one per risk type's kind × level (3 × 2). */
const MAX_ACTIONS_PER_CASE = 50;

/** The action requests in the single table: `CASE#<caseId>` / `ACTION#<kind>.<level>`. */
export class DynamoDbActionStore extends DynamoDbTable implements ActionStore {
  async create(request: ActionRequest, audit: AuditEntry): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            versionedPut(this.tableName, actionToItem(request), 'absent'),
            auditPut(this.tableName, audit, request.version, 'action'),
          ],
        }),
      );
      return true;
    } catch (error) {
      // The request exists already (a redelivered stream record, a second writer): one per case × action.
      if (
        error instanceof TransactionCanceledException &&
        error.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed'
      )
        return false;
      throw error;
    }
  }

  get(actionId: string): Promise<ActionRequest | undefined> {
    const parsed = parseActionId(actionId);
    if (parsed === undefined) return Promise.resolve(undefined);
    return this.getItem(keys.action(parsed.caseId, actionKey(parsed)), itemToAction);
  }

  async listForCase(caseId: string): Promise<ActionRequest[]> {
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': keys.case(caseId).pk, ':prefix': keys.actionPrefix },
        ConsistentRead: true,
        Limit: MAX_ACTIONS_PER_CASE,
      }),
    );
    return Items.map(itemToAction).sort((a, b) => a.requestedAt.localeCompare(b.requestedAt));
  }

  saveTransition(next: ActionRequest, expectedVersion: number, audit?: AuditEntry): Promise<SaveResult> {
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            versionedPut(this.tableName, actionToItem(next), expectedVersion),
            ...(audit === undefined ? [] : [auditPut(this.tableName, audit, next.version, 'action')]),
          ],
        }),
      ),
    );
  }
}

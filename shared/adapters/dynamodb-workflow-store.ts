import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, RiskCase } from '#shared/domain/case.ts';
import type { CaseWorkflowStore, SaveResult } from '#shared/ports.ts';
import { auditSequence, auditToItem, caseToItem, type Item, itemToCase, keys } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';

/**
 * The condition of a version-guarded write, the one stale-write check of the single table: nothing under the
 * key yet (`'absent'`), or the item still at the version read.
 */
export const versionCondition = (expectedVersion: number | 'absent') =>
  expectedVersion === 'absent'
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : {
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
      };

/** A transaction's put of `item` under `versionCondition(expectedVersion)`. */
export const versionedPut = (tableName: string, item: Item, expectedVersion: number | 'absent') => ({
  Put: { TableName: tableName, Item: item, ...versionCondition(expectedVersion) },
});

/** A case put that only succeeds if nobody changed the case since it was read. */
export const versionedCasePut = (tableName: string, next: RiskCase, expectedVersion: number) =>
  versionedPut(tableName, caseToItem(next), expectedVersion);

/**
 * `version`: the case version written with it (or the review's, for a decision), to order the trail;
 * `source`, when set, tags the entry's sequence (`action`: an action request's line).
 */
export const auditPut = (tableName: string, entry: AuditEntry, version: number, source?: string) => ({
  Put: {
    TableName: tableName,
    Item: auditToItem(
      entry,
      auditSequence(version, source === undefined ? randomUUID() : `${source}#${randomUUID()}`),
    ),
  },
});

/** Case lifecycle writes: the case (if still at the version read) and its audit entry, together. */
export class DynamoDbWorkflowStore extends DynamoDbTable implements CaseWorkflowStore {
  getCase(caseId: string): Promise<RiskCase | undefined> {
    return this.getItem(keys.case(caseId), itemToCase);
  }

  saveTransition(next: RiskCase, expectedVersion: number, audit: AuditEntry): Promise<SaveResult> {
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            versionedCasePut(this.tableName, next, expectedVersion),
            auditPut(this.tableName, audit, next.version),
          ],
        }),
      ),
    );
  }
}

import { randomUUID } from 'node:crypto';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditEntry, RiskCase } from '#shared/domain/case.ts';
import type { CaseWorkflowStore, SaveResult } from '#shared/ports.ts';
import { auditSequence, auditToItem, caseToItem, itemToCase, keys } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';

/** A case put that only succeeds if nobody changed the case since it was read. */
export const versionedCasePut = (tableName: string, next: RiskCase, expectedVersion: number) => ({
  Put: {
    TableName: tableName,
    Item: caseToItem(next),
    ConditionExpression: '#version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
  },
});

/** `version`: the case version written with it (or the review's, for a decision), to order the trail. */
export const auditPut = (tableName: string, entry: AuditEntry, version: number) => ({
  Put: { TableName: tableName, Item: auditToItem(entry, auditSequence(version, randomUUID())) },
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

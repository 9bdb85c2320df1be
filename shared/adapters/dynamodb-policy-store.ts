import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { PolicyId, PolicyVersionSummary } from '#shared/domain/policies/policy.ts';
import { POLICY_IDS } from '#shared/domain/policies/policy.ts';
import type { Page, PolicyStore, SaveResult, StoredPolicyDraft, StoredPolicyVersion } from '#shared/ports.ts';
import { batchGetItems } from './dynamodb-batch-get.ts';
import { type Item, keys, policyHistoryIndex } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';
import { versionCondition } from './dynamodb-workflow-store.ts';

/**
 * Policies in the single table (README "Data model"): a small partition of active-version pointers that every
 * function reads every few seconds, each version (history line and document) under its policy, and one draft
 * per policy. Documents are stored as JSON text: an overlay is at most a request body (256 KB), inside
 * DynamoDB's 400 KB item limit.
 */

const SUMMARY_FIELDS = ['id', 'version', 'action', 'restored', 'author', 'at', 'note', 'base'] as const;

const summaryOf = (item: Item): PolicyVersionSummary => {
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) if (item[field] !== undefined) summary[field] = item[field];
  return summary as unknown as PolicyVersionSummary;
};

const isPolicyId = (value: unknown): value is PolicyId =>
  typeof value === 'string' && (POLICY_IDS as readonly string[]).includes(value);

const summaryItem = (version: PolicyVersionSummary): Item => {
  const item: Item = {};
  for (const field of SUMMARY_FIELDS) if (version[field] !== undefined) item[field] = version[field];
  return item;
};

export class DynamoDbPolicyStore extends DynamoDbTable implements PolicyStore {
  async activeVersions(): Promise<ReadonlyMap<PolicyId, PolicyVersionSummary>> {
    const { Items: items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.activePolicies },
        ConsistentRead: true,
      }),
    );
    return new Map(
      items.flatMap((item) => (isPolicyId(item.id) ? [[item.id, summaryOf(item)] as const] : [])),
    );
  }

  getVersion(id: PolicyId, version: number): Promise<StoredPolicyVersion | undefined> {
    return this.getItem(keys.policyVersion(id, version), (item) => ({
      ...summaryOf(item),
      document: JSON.parse(String(item.document)) as unknown,
    }));
  }

  listVersions(id: PolicyId, limit: number, cursor?: string): Promise<Page<PolicyVersionSummary>> {
    return this.partitionPage(
      policyHistoryIndex,
      policyHistoryIndex.partition(id),
      false,
      { limit, cursor },
      summaryOf,
    );
  }

  getDraft(id: PolicyId): Promise<StoredPolicyDraft | undefined> {
    return this.getItem(keys.policyDraft(id), (item) => ({
      id,
      document: JSON.parse(String(item.document)) as unknown,
      basedOn: Number(item.basedOn),
      savedAt: String(item.savedAt),
      savedBy: String(item.savedBy),
    }));
  }

  async draftSummaries(): Promise<ReadonlyMap<PolicyId, Omit<StoredPolicyDraft, 'document'>>> {
    const items = await batchGetItems(
      this.client,
      this.tableName,
      POLICY_IDS.map((id) => keys.policyDraft(id)),
    );
    return new Map(
      items.flatMap((item) =>
        isPolicyId(item.id)
          ? [
              [
                item.id,
                {
                  id: item.id,
                  basedOn: Number(item.basedOn),
                  savedAt: String(item.savedAt),
                  savedBy: String(item.savedBy),
                },
              ] as const,
            ]
          : [],
      ),
    );
  }

  async saveDraft(draft: StoredPolicyDraft): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.policyDraft(draft.id),
          entity: 'policy-draft',
          id: draft.id,
          document: JSON.stringify(draft.document),
          basedOn: draft.basedOn,
          savedAt: draft.savedAt,
          savedBy: draft.savedBy,
        },
      }),
    );
  }

  publish(next: StoredPolicyVersion, expectedActive: number, dropDraft: boolean): Promise<SaveResult> {
    const pointer = keys.activePolicy(next.id);
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...keys.policyVersion(next.id, next.version),
                  entity: 'policy-version',
                  [policyHistoryIndex.partitionKey]: policyHistoryIndex.partition(next.id),
                  [policyHistoryIndex.sortKey]: String(next.version).padStart(10, '0'),
                  ...summaryItem(next),
                  document: JSON.stringify(next.document),
                },
                ...versionCondition('absent'),
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: { ...pointer, entity: 'policy-active', ...summaryItem(next) },
                ...versionCondition(expectedActive === 0 ? 'absent' : expectedActive),
              },
            },
            ...(dropDraft ? [{ Delete: { TableName: this.tableName, Key: keys.policyDraft(next.id) } }] : []),
          ],
        }),
      ),
    );
  }
}

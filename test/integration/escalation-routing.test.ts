import { randomUUID } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PublishCommandInput } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '#infra/local/dynamodb-local.ts';
import type { LocalStack } from '#infra/local/stack.ts';
import { DynamoDbCatalogueStore } from '#shared/adapters/dynamodb-catalogue-store.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Issue #16 points 3 and 4 through the local stack (real functions, DynamoDB Local, the stream poller and
 * the outbox file that stands in for SNS): a spend escalation carries the brand and market the catalogue
 * knows for its campaign; tier 1 names the case's owner only, tier 2 adds the brand's managers; an
 * acknowledgement sends one follow-up per audience to the same people.
 */

const MANAGER_TOKEN = 'dev-manager-token';
const AUDIENCES = ['en@UTC', 'vi@Asia/Ho_Chi_Minh'];
let stack: LocalStack;
let dataDir: string;
let client: DynamoDBClient;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('routing', {
    NOTIFY_AUDIENCES: AUDIENCES.join(','),
    // About two seconds, so the test can let the SLA lapse and run the check.
    RED_ACK_SLA_HOURS: '0.0005',
  }));
  client = new DynamoDBClient({
    endpoint: stack.dynamoEndpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
});

afterAll(async () => {
  client?.destroy();
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

/** Every message the outbox received so far for a case, in order. */
const outboxFor = async (caseId: string): Promise<PublishCommandInput[]> => {
  const text = await readFile(stack.outboxFile, 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as PublishCommandInput)
    .filter((input) => JSON.parse(input.Message ?? '{}').default?.includes(`/cases/${caseId}`));
};
const attribute = (input: PublishCommandInput, name: string) => input.MessageAttributes?.[name]?.StringValue;
const routeOf = (input: PublishCommandInput) => ({
  lang: attribute(input, 'lang'),
  tier: attribute(input, 'tier'),
  brand: attribute(input, 'brand'),
  market: attribute(input, 'market'),
  owner: attribute(input, 'owner'),
  recipients: input.MessageAttributes?.recipients,
});
const named = (...usernames: string[]) => ({
  DataType: 'String.Array',
  StringValue: JSON.stringify(usernames),
});

describe('Owner-first escalations, routed by brand and market, and their follow-ups (local stack)', () => {
  it('pages the owner, then the brand managers, then tells them both who acknowledged', async () => {
    // Prepare: the catalogue knows the campaign (Acme in Vietnam, owned by ana) and Acme's managers (li).
    const suffix = randomUUID().slice(0, 8);
    const campaignId = `cmp-route-${suffix}`;
    const brand = `Acme ${suffix}`;
    const catalogue = new DynamoDbCatalogueStore(DynamoDBDocumentClient.from(client), stack.tableName);
    const now = new Date().toISOString();
    const by = { createdAt: now, updatedAt: now, updatedBy: 'user:test', version: 1 };
    expect(await catalogue.saveBrand({ brand, owner: 'bo', managers: ['li'], ...by }, 'absent')).toBe(
      'saved',
    );
    expect(
      await catalogue.saveCampaign(
        { campaignId, brand, market: 'VN', channel: 'facebook', owner: 'ana', source: 'manager', ...by },
        'absent',
      ),
    ).toBe('saved');

    // Act 1: a spend event 80 % over plan on that campaign (the event names no brand or market).
    await pushEvents(stack, [
      {
        eventId: `e-${suffix}`,
        type: 'spend',
        occurredAt: new Date().toISOString(),
        source: 'meta-ads',
        spend: {
          campaignId,
          channel: 'facebook',
          currency: 'VND',
          plannedBudget: 100_000_000,
          actualSpend: 180_000_000,
          conversions: 80,
          periodStart: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
          periodEnd: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        },
      },
    ]);
    const listed = await fetch(`${stack.url}/v1/cases?campaignId=${campaignId}&limit=5`, {
      headers: { authorization: `Bearer ${MANAGER_TOKEN}` },
    });
    const { items } = (await listed.json()) as { items: { caseId: string; level: string; owner?: string }[] };
    const caseId = items[0]?.caseId ?? '';
    expect(items[0]).toMatchObject({ level: 'red', owner: 'ana' });

    // Assess 1: one tier-1 page per audience, to ana only, carrying the catalogue's brand and market.
    await vi.waitFor(async () => expect(await outboxFor(caseId)).toHaveLength(2), {
      timeout: 20_000,
      interval: 100,
    });
    const tierOne = {
      tier: '1',
      brand: brand.toLowerCase(),
      market: 'VN',
      owner: 'ana',
      recipients: named('ana'),
    };
    expect((await outboxFor(caseId)).map(routeOf)).toEqual([
      { lang: 'en', ...tierOne },
      { lang: 'vi', ...tierOne },
    ]);

    // Act 2: nobody acknowledges within the SLA; the scheduled check runs.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await stack.runScheduled('check-sla');

    // Assess 2: tier 2 adds Acme's manager li to the owner.
    await vi.waitFor(async () => expect(await outboxFor(caseId)).toHaveLength(4), {
      timeout: 20_000,
      interval: 100,
    });
    const tierTwo = { ...tierOne, tier: '2', recipients: named('ana', 'li') };
    expect((await outboxFor(caseId)).slice(2).map(routeOf)).toEqual([
      { lang: 'en', ...tierTwo },
      { lang: 'vi', ...tierTwo },
    ]);

    // Act 3: li acknowledges.
    const acknowledged = await fetch(`${stack.url}/v1/cases/${caseId}/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${MANAGER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ note: 'on it' }),
    });
    expect(acknowledged.status).toBe(200);

    // Assess 3: one follow-up per audience, to the tier-2 recipients, saying who acknowledged, linking the case.
    await vi.waitFor(async () => expect(await outboxFor(caseId)).toHaveLength(6), {
      timeout: 20_000,
      interval: 100,
    });
    const followUps = (await outboxFor(caseId)).slice(4);
    expect(followUps.map(routeOf)).toEqual([
      { lang: 'en', ...tierTwo },
      { lang: 'vi', ...tierTwo },
    ]);
    expect(followUps[0]?.Subject).toMatch(/^\[RED\] Acknowledged by [^:]+: budget risk: /);
    expect(followUps[1]?.Subject).toMatch(/^\[ĐỎ\] .+ đã tiếp nhận: /);
    expect(JSON.parse(followUps[1]?.Message ?? '{}').default).toContain(`/cases/${caseId}?lang=vi`);
  });
});

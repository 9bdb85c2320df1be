import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DynamoDbCatalogueStore } from '#shared/adapters/dynamodb-catalogue-store.ts';
import { caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { DynamoDbWorkflowStore } from '#shared/adapters/dynamodb-workflow-store.ts';
import { openCase, subjectOf } from '#shared/domain/case.ts';
import type { Brand, Campaign, CatalogueChange } from '#shared/domain/catalogue.ts';
import { assessment, finding, spendEvent } from '../fixtures/events.ts';
import { testPolicy } from '../fixtures/level-policy.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';

/** The catalogue adapter on DynamoDB Local: keys, indexes, conditions and change lines as README "Data model" says. */

let table: TestTable;
let store: DynamoDbCatalogueStore;

const AT = '2026-11-22T10:00:00.000Z';

const campaign = (campaignId: string, overrides: Partial<Campaign> = {}): Campaign => ({
  campaignId,
  source: 'manager',
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'user:ana',
  version: 1,
  ...overrides,
});

const brand = (name: string, overrides: Partial<Brand> = {}): Brand => ({
  brand: name,
  managers: [],
  createdAt: AT,
  updatedAt: AT,
  updatedBy: 'user:ana',
  version: 1,
  ...overrides,
});

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'catalogue');
  store = new DynamoDbCatalogueStore(table.docClient, table.tableName);
  const campaigns = [
    campaign('acme-vn-1', { brand: 'Acme', market: 'VN', owner: 'ana' }),
    campaign('acme-vn-2', { brand: 'ACME', market: 'VN', owner: 'bo' }),
    campaign('acme-cn-1', { brand: 'acme', market: 'CN', owner: 'ana' }),
    campaign('globex-vn-1', { brand: 'Globex', market: 'VN' }),
    campaign('globex-gb-1', { brand: 'Globex', market: 'GB' }),
    campaign('bare-1', { source: 'event' }),
  ];
  for (const value of campaigns) expect(await store.saveCampaign(value, 'absent')).toBe('saved');
  for (const value of [brand('Acme', { owner: 'ana' }), brand('Globex'), brand('Initech')])
    expect(await store.saveBrand(value, 'absent')).toBe('saved');
});

afterAll(() => table.destroy());

const ids = (items: readonly Campaign[]) => items.map((item) => item.campaignId).sort();

describe('DynamoDbCatalogueStore', () => {
  it('creates once: a second first sight is stale, and a save checks the version read', async () => {
    // Prepare
    const first = campaign('race-1', { source: 'event' });

    // Act
    const created = await store.saveCampaign(first, 'absent');
    const again = await store.saveCampaign({ ...first, channel: 'tiktok' }, 'absent');
    const moved = await store.saveCampaign({ ...first, owner: 'ana', version: 2 }, 1);
    const staleMove = await store.saveCampaign({ ...first, owner: 'bo', version: 2 }, 1);

    // Assess
    expect([created, again, moved, staleMove]).toEqual(['saved', 'stale', 'saved', 'stale']);
    expect(await store.getCampaign('race-1')).toEqual({ ...first, owner: 'ana', version: 2 });
  });

  it('reads many campaigns and brands in one bulk read; brands by their case-folded key, unknown ones absent', async () => {
    // Act
    const found = await store.getMany(['acme-vn-1', 'globex-gb-1', 'nope'], ['ACME', 'Initech', 'Nope']);

    // Assess
    expect([...found.campaigns.keys()].sort()).toEqual(['acme-vn-1', 'globex-gb-1']);
    expect(found.campaigns.get('acme-vn-1')).toEqual(
      campaign('acme-vn-1', { brand: 'Acme', market: 'VN', owner: 'ana' }),
    );
    expect([...found.brands.keys()].sort()).toEqual(['acme', 'initech']);
    expect(found.brands.get('acme')?.owner).toBe('ana');
  });

  it('lists a brand’s campaigns however it is spelt, a market’s, an owner’s, and within a scope', async () => {
    // Act
    const ofBrand = await store.listCampaigns({ brand: 'aCmE', limit: 50 });
    const ofMarket = await store.listCampaigns({ market: 'VN', limit: 50 });
    const ofOwner = await store.listCampaigns({ brand: 'Acme', owner: 'ana', limit: 50 });
    const brandScope = await store.listCampaigns({ brands: ['Globex', 'acme'], markets: ['VN'], limit: 50 });
    const marketScope = await store.listCampaigns({ markets: ['GB'], limit: 50 });
    const outside = await store.listCampaigns({ brand: 'Acme', brands: ['Globex'], limit: 50 });
    const all = await store.listCampaigns({ limit: 50 });

    // Assess: a campaign without a brand is in no brand's list and outside any brand scope.
    expect(ids(ofBrand.items)).toEqual(['acme-cn-1', 'acme-vn-1', 'acme-vn-2']);
    expect(ids(ofMarket.items)).toEqual(['acme-vn-1', 'acme-vn-2', 'globex-vn-1']);
    expect(ids(ofOwner.items)).toEqual(['acme-cn-1', 'acme-vn-1']);
    expect(ids(brandScope.items)).toEqual(['acme-vn-1', 'acme-vn-2', 'globex-vn-1']);
    expect(ids(marketScope.items)).toEqual(['globex-gb-1']);
    expect(outside.items).toEqual([]);
    expect(ids(all.items)).toContain('bare-1');
  });

  it('pages through campaigns in id order with a cursor', async () => {
    // Act
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listCampaigns({ limit: 2, ...(cursor === undefined ? {} : { cursor }) });
      seen.push(...page.items.map((item) => item.campaignId));
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 20);

    // Assess
    expect(seen).toEqual([...seen].sort());
    expect(seen).toEqual(expect.arrayContaining(['acme-cn-1', 'bare-1', 'globex-gb-1']));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('lists brands by key, within a brand scope', async () => {
    // Act
    const all = await store.listBrands({ limit: 10 });
    const scoped = await store.listBrands({ brands: ['GLOBEX'], limit: 10 });

    // Assess
    expect(all.items.map((item) => item.brand)).toEqual(
      expect.arrayContaining(['Acme', 'Globex', 'Initech']),
    );
    expect(scoped.items.map((item) => item.brand)).toEqual(['Globex']);
  });

  it('writes a change with its line, newest first, and not the line when the save is stale', async () => {
    // Prepare
    const line = (version: number, at: string): CatalogueChange => ({
      entity: 'brand',
      id: 'initech',
      at,
      actor: 'user:ana',
      version,
      changes: [{ field: 'owner', ...(version > 2 ? { from: `o${version - 1}` } : {}), to: `o${version}` }],
    });

    // Act
    await store.saveBrand(
      brand('Initech', { owner: 'o2', version: 2 }),
      1,
      line(2, '2026-11-22T11:00:00.000Z'),
    );
    await store.saveBrand(
      brand('Initech', { owner: 'o3', version: 3 }),
      2,
      line(3, '2026-11-22T12:00:00.000Z'),
    );
    const stale = await store.saveBrand(
      brand('Initech', { owner: 'x', version: 3 }),
      2,
      line(3, '2026-11-22T13:00:00.000Z'),
    );
    const changes = await store.changesOf('brand', 'Initech', 10);

    // Assess
    expect(stale).toBe('stale');
    expect(changes).toEqual([line(3, '2026-11-22T12:00:00.000Z'), line(2, '2026-11-22T11:00:00.000Z')]);
    expect((await store.getBrand('initech'))?.owner).toBe('o3');
  });

  it('saves a completed case only at the version read', async () => {
    // Prepare
    const event = spendEvent({ campaignId: 'bare-1' });
    const opened = openCase(
      'case-catalogue-1',
      {
        event,
        assessment: assessment([finding()]),
        riskType: 'budget',
        subject: subjectOf(event),
        now: new Date(AT),
      },
      testPolicy,
    );
    const cases = new DynamoDbWorkflowStore(table.docClient, table.tableName);
    await table.docClient.send(new PutCommand({ TableName: table.tableName, Item: caseToItem(opened) }));
    const completed = { ...opened, subject: { ...opened.subject, brand: 'Acme' }, owner: 'ana', version: 2 };

    // Act
    const saved = await store.saveCompletedCase(completed, 1);
    const stale = await store.saveCompletedCase({ ...completed, owner: 'bo', version: 2 }, 1);

    // Assess
    expect([saved, stale]).toEqual(['saved', 'stale']);
    expect(await cases.getCase('case-catalogue-1')).toMatchObject({
      owner: 'ana',
      subject: { brand: 'Acme' },
    });
  });
});

import { PutCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { brandKey, marketKey } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import {
  type Brand,
  type Campaign,
  type CatalogueChange,
  RECORD_STAMP_FIELDS,
} from '#shared/domain/catalogue.ts';
import type {
  BrandQuery,
  CampaignQuery,
  CatalogueEntries,
  CatalogueStore,
  Page,
  SaveResult,
} from '#shared/ports.ts';
import { invalidCursor } from './cursor.ts';
import { batchGetItems } from './dynamodb-batch-get.ts';
import { catalogueIndexes, type Item, keys } from './dynamodb-items.ts';
import { DynamoDbTable, savedOrStale } from './dynamodb-table.ts';
import { versionCondition, versionedCasePut } from './dynamodb-workflow-store.ts';

/** The attributes a scope filters campaigns and brands on: brand and market as scopes compare them. */
const SCOPE_BRAND = 'scopeBrand';
const SCOPE_MARKET = 'scopeMarket';

const CAMPAIGN_FIELDS = [
  'campaignId',
  'name',
  'brand',
  'market',
  'channel',
  'owner',
  'plan',
  'planSetAt',
  'planSetBy',
  'source',
  ...RECORD_STAMP_FIELDS,
] as const satisfies readonly (keyof Campaign)[];

const BRAND_FIELDS = [
  'brand',
  'owner',
  'managers',
  ...RECORD_STAMP_FIELDS,
] as const satisfies readonly (keyof Brand)[];

const CHANGE_FIELDS = [
  'entity',
  'id',
  'at',
  'actor',
  'version',
  'changes',
] as const satisfies readonly (keyof CatalogueChange)[];

const pick = <T>(item: Item, fields: readonly string[]): T => {
  const value: Item = {};
  for (const field of fields) if (item[field] !== undefined) value[field] = item[field];
  return value as T;
};

export const campaignToItem = (value: Campaign): Item => {
  const { campaigns, campaignsOfBrand, campaignsOfMarket } = catalogueIndexes;
  return {
    ...keys.campaign(value.campaignId),
    entity: 'campaign',
    [campaigns.partitionKey]: campaigns.partition(),
    [campaigns.sortKey]: value.campaignId,
    ...(value.brand === undefined
      ? {}
      : {
          [campaignsOfBrand.partitionKey]: campaignsOfBrand.partition(value.brand),
          [campaignsOfBrand.sortKey]: value.campaignId,
          [SCOPE_BRAND]: brandKey(value.brand),
        }),
    ...(value.market === undefined
      ? {}
      : {
          [campaignsOfMarket.partitionKey]: campaignsOfMarket.partition(value.market),
          [campaignsOfMarket.sortKey]: value.campaignId,
          [SCOPE_MARKET]: marketKey(value.market),
        }),
    ...value,
  };
};

export const itemToCampaign = (item: Item): Campaign => pick<Campaign>(item, CAMPAIGN_FIELDS);

export const brandToItem = (value: Brand): Item => ({
  ...keys.brand(value.brand),
  entity: 'brand',
  [catalogueIndexes.brands.partitionKey]: catalogueIndexes.brands.partition(),
  [catalogueIndexes.brands.sortKey]: brandKey(value.brand),
  [SCOPE_BRAND]: brandKey(value.brand),
  ...value,
});

export const itemToBrand = (item: Item): Brand => pick<Brand>(item, BRAND_FIELDS);

const partitionOf = (entity: CatalogueChange['entity'], id: string): string =>
  entity === 'campaign' ? keys.campaign(id).pk : keys.brand(id).pk;

/** `entity` names the item's kind in the table, so the change's own `entity` is kept as `changeOf`. */
export const changeToItem = ({ entity, ...change }: CatalogueChange): Item => ({
  ...keys.catalogueChange(partitionOf(entity, change.id), change.at, change.version),
  entity: 'catalogue-change',
  changeOf: entity,
  ...change,
});

const itemToChange = (item: Item): CatalogueChange =>
  pick<CatalogueChange>({ ...item, entity: item.changeOf }, CHANGE_FIELDS);

/** Re-exported for the re-allocation store, which guards its catalogue writes the same way. */

/** `#name IN (:p0, :p1, …)` over a list of values, with its placeholders. */
const inList = (name: string, attribute: string, prefix: string, values: readonly string[]) => ({
  expression: `#${name} IN (${values.map((_, i) => `:${prefix}${i}`).join(', ')})`,
  names: { [`#${name}`]: attribute },
  values: Object.fromEntries(values.map((value, i) => [`:${prefix}${i}`, value])),
});

interface Filter {
  readonly expression: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
}

/**
 * The campaign and brand catalogue in the single table (README "Data model"): a campaign or brand item
 * per partition, with its change lines beside it (`AUDIT#<at>#<version>`), written in one transaction.
 */
export class DynamoDbCatalogueStore extends DynamoDbTable implements CatalogueStore {
  async getMany(campaignIds: readonly string[], brands: readonly string[]): Promise<CatalogueEntries> {
    const wanted = [
      ...campaignIds.map((id) => keys.campaign(id)),
      ...brands.map((brand) => keys.brand(brand)),
    ];
    const items = wanted.length === 0 ? [] : await batchGetItems(this.client, this.tableName, wanted);
    const campaigns = new Map<string, Campaign>();
    const found = new Map<string, Brand>();
    for (const item of items) {
      if (item.entity === 'campaign') {
        const campaign = itemToCampaign(item);
        campaigns.set(campaign.campaignId, campaign);
      } else if (item.entity === 'brand') {
        const brand = itemToBrand(item);
        found.set(brandKey(brand.brand), brand);
      }
    }
    return { campaigns, brands: found };
  }

  getCampaign(campaignId: string): Promise<Campaign | undefined> {
    return this.getItem(keys.campaign(campaignId), itemToCampaign);
  }

  getBrand(brand: string): Promise<Brand | undefined> {
    return this.getItem(keys.brand(brand), itemToBrand);
  }

  /**
   * The narrowest index the query allows (a brand, else a market, else the caller's only brand or market,
   * else every campaign), the rest as a filter expression.
   */
  listCampaigns(query: CampaignQuery): Promise<Page<Campaign>> {
    const { campaigns, campaignsOfBrand, campaignsOfMarket } = catalogueIndexes;
    const onlyBrand = query.brand ?? (query.brands?.length === 1 ? query.brands[0] : undefined);
    const onlyMarket = query.market ?? (query.markets?.length === 1 ? query.markets[0] : undefined);
    const [index, partition] =
      onlyBrand !== undefined
        ? [campaignsOfBrand, campaignsOfBrand.partition(onlyBrand)]
        : onlyMarket !== undefined
          ? [campaignsOfMarket, campaignsOfMarket.partition(onlyMarket)]
          : [campaigns, campaigns.partition()];
    // A scope list read through its own index (one brand or market) needs no filter; otherwise it filters.
    const byScopeBrand = index === campaignsOfBrand && query.brand === undefined;
    const byScopeMarket = index === campaignsOfMarket && query.market === undefined;
    const filters: Filter[] = [];
    if (query.brands !== undefined && !byScopeBrand)
      filters.push(inList('sb', SCOPE_BRAND, 'b', query.brands.map(brandKey)));
    if (query.market !== undefined && index !== campaignsOfMarket)
      filters.push(inList('sm', SCOPE_MARKET, 'm', [marketKey(query.market)]));
    if (query.markets !== undefined && !byScopeMarket)
      filters.push(inList('sms', SCOPE_MARKET, 'ms', query.markets.map(marketKey)));
    if (query.owner !== undefined)
      filters.push({
        expression: '#owner = :owner',
        names: { '#owner': 'owner' },
        values: { ':owner': query.owner },
      });
    return this.page(index, partition, filters, query, itemToCampaign);
  }

  listBrands(query: BrandQuery): Promise<Page<Brand>> {
    const index = catalogueIndexes.brands;
    const filters =
      query.brands === undefined ? [] : [inList('sb', SCOPE_BRAND, 'b', query.brands.map(brandKey))];
    return this.page(index, index.partition(), filters, query, itemToBrand);
  }

  saveCampaign(
    next: Campaign,
    expectedVersion: number | 'absent',
    change?: CatalogueChange,
  ): Promise<SaveResult> {
    return this.save(campaignToItem(next), expectedVersion, change);
  }

  saveBrand(next: Brand, expectedVersion: number | 'absent', change?: CatalogueChange): Promise<SaveResult> {
    return this.save(brandToItem(next), expectedVersion, change);
  }

  async changesOf(
    entity: CatalogueChange['entity'],
    id: string,
    limit: number,
  ): Promise<readonly CatalogueChange[]> {
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': partitionOf(entity, id), ':prefix': 'AUDIT#' },
        ScanIndexForward: false,
        Limit: limit,
        ConsistentRead: true,
      }),
    );
    return (output.Items ?? []).map(itemToChange);
  }

  saveCompletedCase(next: RiskCase, expectedVersion: number): Promise<SaveResult> {
    return savedOrStale(
      this.client.send(new PutCommand(versionedCasePut(this.tableName, next, expectedVersion).Put)),
    );
  }

  private save(
    item: Item,
    expectedVersion: number | 'absent',
    change?: CatalogueChange,
  ): Promise<SaveResult> {
    const put = { TableName: this.tableName, Item: item, ...versionCondition(expectedVersion) };
    if (change === undefined) return savedOrStale(this.client.send(new PutCommand(put)));
    return savedOrStale(
      this.client.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: put }, { Put: { TableName: this.tableName, Item: changeToItem(change) } }],
        }),
      ),
    );
  }

  /**
   * One page of an index partition in sort-key order. The cursor names only the partition and the last id
   * (a campaign id or brand key); the start key is rebuilt from them, so a cursor cannot steer the query
   * anywhere else, and one from another query is a 400.
   */
  private async page<T>(
    index: { readonly indexName: string; readonly partitionKey: string; readonly sortKey: string },
    partition: string,
    filters: readonly Filter[],
    request: { readonly limit: number; readonly cursor?: string | undefined },
    map: (item: Item) => T,
  ): Promise<Page<T>> {
    const names: Record<string, string> = { '#pk': index.partitionKey };
    const values: Record<string, unknown> = { ':pk': partition };
    for (const filter of filters) {
      Object.assign(names, filter.names);
      Object.assign(values, filter.values);
    }
    const after = request.cursor === undefined ? undefined : decodePageCursor(request.cursor, partition);
    const output = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: index.indexName,
        KeyConditionExpression: '#pk = :pk',
        ...(filters.length === 0
          ? {}
          : { FilterExpression: filters.map((filter) => filter.expression).join(' AND ') }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ScanIndexForward: true,
        Limit: request.limit,
        ...(after === undefined
          ? {}
          : {
              ExclusiveStartKey: {
                ...(partition.startsWith('BRANDS') ? keys.brand(after) : keys.campaign(after)),
                [index.partitionKey]: partition,
                [index.sortKey]: after,
              },
            }),
      }),
    );
    const items = (output.Items ?? []).map(map);
    const last = output.LastEvaluatedKey?.[index.sortKey];
    return typeof last === 'string' ? { items, cursor: encodePageCursor(partition, last) } : { items };
  }
}

const encodePageCursor = (partition: string, last: string): string =>
  Buffer.from(JSON.stringify({ p: partition, after: last }), 'utf8').toString('base64url');

/** The last id of the previous page, if the cursor is one of this partition's. */
const decodePageCursor = (cursor: string, partition: string): string => {
  let parsed: unknown;
  try {
    parsed = /^[A-Za-z0-9_-]+$/.test(cursor)
      ? JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
      : undefined;
  } catch (error) {
    throw invalidCursor('unknown or tampered cursor', error);
  }
  const { p, after } = (parsed ?? {}) as { p?: unknown; after?: unknown };
  if (p !== partition) throw invalidCursor('the cursor belongs to another query; start again without it');
  if (typeof after !== 'string' || after === '' || after.length > 1024 || !after.isWellFormed())
    throw invalidCursor();
  return after;
};

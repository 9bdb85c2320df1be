import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { covers, isUnscoped, type Scope, UNSCOPED } from '#shared/auth/scope.ts';
import { CASE_STATUSES, type RiskCase } from '#shared/domain/case.ts';
import type { DrillFilter } from '#shared/domain/drill.ts';
import type { CaseDetail, CaseQuery, CaseReader, Page } from '#shared/ports.ts';
import type { RecordedQuery } from '#shared/use-cases/send-digest.ts';
import {
  caseIndexes,
  drillPartition,
  drillRunPartition,
  itemToAudit,
  itemToCase,
  itemToOccurrence,
  itemToReview,
  keys,
} from './dynamodb-items.ts';
import { DynamoDbTable } from './dynamodb-table.ts';
import { mergedQueryPage, queryPage } from './query-page.ts';

const MAX_OCCURRENCES_SHOWN = 100;
/** A drill run opens a case per step: its report reads at most this many. */
const MAX_DRILL_CASES = 200;
const MAX_AUDIT_SHOWN = 200;

type IndexChoice = { readonly indexName: string; readonly partitionKey: string; readonly sortKey: string };

type FilteredIndex = (typeof caseIndexes.filtered)[number];
type FilterField = FilteredIndex['field'];

const indexOf = (field: FilterField): FilteredIndex => {
  const found = caseIndexes.filtered.find((index) => index.field === field);
  if (found === undefined) throw new TypeError(`No case index for ${field}`);
  return found;
};

/** Where a query reads: one or more partitions of one index, and the filters on what it finds there. */
interface CasePlan {
  readonly index: IndexChoice;
  readonly partitions: readonly string[];
  /** The caller's other filters: each compared as its own index files it (`Acme` = `acme`). */
  readonly filters: readonly (readonly [FilteredIndex, string])[];
  /** The scope's brands / markets the index does not already narrow to (any of them). */
  readonly within: readonly (readonly [FilteredIndex, readonly string[]])[];
}

/**
 * The plan for real cases, drill cases (filed under `DRILL#` partitions, dynamodb-items.ts) or both. The
 * `all` index files drill cases by run, so a drill read without a filter reads the status index, which
 * holds every case, one partition per status.
 */
const withDrills = (plan: CasePlan, drill: DrillFilter): CasePlan => {
  if (drill === 'exclude') return plan;
  const status = indexOf('status');
  const base =
    plan.index === caseIndexes.all
      ? { ...plan, index: status, partitions: CASE_STATUSES.map((value) => status.partition(value)) }
      : plan;
  const drills = base.partitions.map(drillPartition);
  return { ...base, partitions: drill === 'only' ? drills : [...base.partitions, ...drills] };
};

/**
 * Reads the case library through the case indexes; never a Scan. The first filter given (most selective
 * first: campaign, owner, brand, level, status, market, risk type) picks the index, the time range narrows
 * its sort key, and the other filters become a filter expression on that index.
 *
 * A scoped caller (`query.scope`) reads only what the scope covers: with a campaign, owner or brand filter,
 * that one partition with the scope as a filter; otherwise the brand index partition of each scoped brand
 * (the markets as a filter), or, scoped to markets only, the market index partition of each market,
 * merged newest first (`mergedQueryPage`). A filter outside the scope is an empty page.
 */
export class DynamoDbCaseReader extends DynamoDbTable implements CaseReader {
  async listCases(query: CaseQuery): Promise<Page<RiskCase>> {
    const scope = query.scope ?? UNSCOPED;
    const planned = isUnscoped(scope) ? this.#plan(query) : this.#scopedPlan(query, scope);
    if (planned === undefined) return { items: [] };
    const drill = query.drill ?? 'exclude';
    const plan = withDrills(planned, drill);
    // A drill case is filed under `DRILL#` partitions in every index: filters compare with those too.
    const filedAs = (partition: string): string[] =>
      drill === 'exclude'
        ? [partition]
        : drill === 'only'
          ? [drillPartition(partition)]
          : [partition, drillPartition(partition)];
    const names: Record<string, string> = { '#pk': plan.index.partitionKey };
    const values: Record<string, unknown> = {};
    const conditions: string[] = [];
    for (const [index, value] of plan.filters) {
      names[`#${index.partitionKey}`] = index.partitionKey;
      const forms = filedAs(index.partition(value));
      if (forms.length === 1) {
        values[`:${index.field}`] = forms[0];
        conditions.push(`#${index.partitionKey} = :${index.field}`);
      } else {
        const placeholders = forms.map((form, n) => {
          values[`:${index.field}f${n}`] = form;
          return `:${index.field}f${n}`;
        });
        conditions.push(`#${index.partitionKey} IN (${placeholders.join(', ')})`);
      }
    }
    for (const [index, allowed] of plan.within) {
      names[`#${index.partitionKey}`] = index.partitionKey;
      const placeholders = [...new Set(allowed.map(index.partition).flatMap(filedAs))].map((partition, n) => {
        values[`:${index.field}${n}`] = partition;
        return `:${index.field}${n}`;
      });
      conditions.push(`#${index.partitionKey} IN (${placeholders.join(', ')})`);
    }
    const range = this.#range(query, plan.index, names, values);
    const input = {
      TableName: this.tableName,
      IndexName: plan.index.indexName,
      ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: names,
      ScanIndexForward: false,
    };
    if (isUnscoped(scope) && plan.partitions.length === 1) {
      return queryPage(
        this.client,
        {
          ...input,
          KeyConditionExpression: `#pk = :pk${range}`,
          ExpressionAttributeValues: { ...values, ':pk': plan.partitions[0] },
        },
        plan.index.partitionKey,
        query,
        itemToCase,
      );
    }
    return mergedQueryPage(
      this.client,
      {
        input: {
          ...input,
          KeyConditionExpression: `#pk = :pk${range}`,
          ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
        },
        index: plan.index,
        partitions: plan.partitions,
        keyOf: (id) => keys.case(id),
      },
      query,
      itemToCase,
    );
  }

  /**
   * Cases of one level recorded (written, `createdAt`) from `from` to `to` inclusive, oldest first: the digest's "new
   * cases", whatever the dates of their events. Served by the recorded index, never a Scan.
   */
  async listRecorded(query: RecordedQuery): Promise<Page<RiskCase>> {
    const index = caseIndexes.recorded;
    return queryPage(
      this.client,
      {
        TableName: this.tableName,
        IndexName: index.indexName,
        // The sort key is `<createdAt>#<caseId>`: a case recorded at `to` sorts before `<to>#\uffff`.
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': index.partitionKey, '#sk': index.sortKey },
        ExpressionAttributeValues: {
          ':pk': index.partition(query.level),
          ':from': query.from,
          ':to': `${query.to}#\uffff`,
        },
        ScanIndexForward: true,
      },
      index.partitionKey,
      query,
      itemToCase,
    );
  }

  /** The cases of one drill run, oldest first (a run opens a handful): the drill report's. */
  async listDrillRun(drillId: string): Promise<readonly RiskCase[]> {
    const index = caseIndexes.all;
    const cases: RiskCase[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage(
        this.client,
        {
          TableName: this.tableName,
          IndexName: index.indexName,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': index.partitionKey },
          ExpressionAttributeValues: { ':pk': drillRunPartition(drillId) },
          ScanIndexForward: true,
        },
        index.partitionKey,
        { limit: 100, cursor },
        itemToCase,
      );
      cases.push(...page.items);
      cursor = page.cursor;
    } while (cursor !== undefined && cases.length < MAX_DRILL_CASES);
    return cases;
  }

  async getCase(caseId: string): Promise<CaseDetail | undefined> {
    const pk = keys.case(caseId).pk;
    const below = (prefix: string, limit: number) =>
      this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': pk, ':prefix': prefix },
          ScanIndexForward: false,
          Limit: limit,
        }),
      );
    const [found, review, occurrences, audit] = await Promise.all([
      this.getItem(keys.case(caseId), itemToCase, false),
      this.getItem(keys.review(caseId), itemToReview, false),
      below(keys.occurrencePrefix, MAX_OCCURRENCES_SHOWN),
      below(keys.auditPrefix, MAX_AUDIT_SHOWN),
    ]);
    if (found === undefined) return undefined;
    return {
      case: found,
      occurrences: (occurrences.Items ?? []).map(itemToOccurrence),
      // Oldest first reads as a story.
      audit: (audit.Items ?? []).map(itemToAudit).reverse(),
      ...(review === undefined ? {} : { review }),
    };
  }

  /** `from`/`to` bound the index's sort key (`<lastSeenAt>#<caseId>`). */
  #range(
    query: CaseQuery,
    index: IndexChoice,
    names: Record<string, string>,
    values: Record<string, unknown>,
  ): string {
    if (query.from === undefined && query.to === undefined) return '';
    // DynamoDB refuses an expression attribute name that no expression uses.
    names['#sk'] = index.sortKey;
    if (query.from !== undefined && query.to !== undefined) {
      values[':from'] = query.from;
      values[':to'] = query.to;
      return ' AND #sk BETWEEN :from AND :to';
    }
    if (query.from !== undefined) {
      values[':from'] = query.from;
      return ' AND #sk >= :from';
    }
    values[':to'] = query.to;
    return ' AND #sk < :to';
  }

  #plan(query: CaseQuery): CasePlan {
    const [chosen, ...others] = this.#given(query);
    if (chosen === undefined)
      return {
        index: caseIndexes.all,
        partitions: [caseIndexes.all.partition()],
        filters: others,
        within: [],
      };
    return { index: chosen[0], partitions: [chosen[0].partition(chosen[1])], filters: others, within: [] };
  }

  /** The filters a query gives, most selective first (`caseIndexes.filtered` order). */
  #given(query: CaseQuery): (readonly [FilteredIndex, string])[] {
    return caseIndexes.filtered.flatMap((index) => {
      const value = query[index.field];
      return value === undefined ? [] : [[index, value] as const];
    });
  }

  /** A scoped caller's plan (see the class), or undefined when a filter lies outside the scope. */
  #scopedPlan(query: CaseQuery, scope: Scope): CasePlan | undefined {
    if (query.brand !== undefined && !covers({ brands: scope.brands }, { brand: query.brand }))
      return undefined;
    if (query.market !== undefined && !covers({ markets: scope.markets }, { market: query.market }))
      return undefined;
    const brand = indexOf('brand');
    const market = indexOf('market');
    const given = this.#given(query);
    const [first, ...others] = given;
    const within = (skip: FilteredIndex) =>
      [
        ...(scope.brands === undefined || skip === brand ? [] : [[brand, scope.brands] as const]),
        ...(scope.markets === undefined || skip === market ? [] : [[market, scope.markets] as const]),
      ] as const;
    // Campaign, owner and brand partitions are smaller than a brand's: read the one given, scope as a filter.
    const rank = (index: FilteredIndex) => caseIndexes.filtered.indexOf(index);
    if (first !== undefined && rank(first[0]) <= rank(brand)) {
      return {
        index: first[0],
        partitions: [first[0].partition(first[1])],
        filters: others,
        within: within(first[0]),
      };
    }
    if (scope.brands !== undefined) {
      return {
        index: brand,
        partitions: scope.brands.map(brand.partition),
        filters: given,
        within: within(brand),
      };
    }
    const markets = query.market === undefined ? (scope.markets ?? []) : [query.market];
    return {
      index: market,
      partitions: markets.map(market.partition),
      filters: given.filter(([index]) => index !== market),
      within: within(market),
    };
  }
}

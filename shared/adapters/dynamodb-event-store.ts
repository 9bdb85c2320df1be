import {
  type CancellationReason,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { PutCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { StoreError } from '#shared/errors.ts';
import {
  type BaselineLearning,
  type EventStore,
  type EventWrite,
  type EventWriteAllResult,
  type EventWriteRequest,
  type EventWriteResult,
  type StoredEvent,
  type SubjectPointers,
  type SubjectRef,
  type SubjectState,
  subjectRefKey,
} from '#shared/ports.ts';
import { baselinePut } from './dynamodb-baseline-store.ts';
import { batchGetCases, batchGetItems } from './dynamodb-batch-get.ts';
import {
  auditSequence,
  auditToItem,
  caseToItem,
  eventToItem,
  type Item,
  itemToEvent,
  keys,
  occurrenceToItem,
} from './dynamodb-items.ts';
import { reviewPut } from './dynamodb-review-store.ts';
import { DynamoDbTable, lostRace } from './dynamodb-table.ts';
import { versionedCasePut } from './dynamodb-workflow-store.ts';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const NOT_EXISTS = 'attribute_not_exists(pk)';
/**
 * Items per shared transaction: TransactWriteItems takes 100, but the more events share one, the more of
 * them a single lost race sends round again (measured on the load suite: 100 lost batches to retries,
 * 25 did not). Bytes stay under its 4 MB (counting attribute JSON).
 */
const TRANSACTION_MAX_ITEMS = 25;
const TRANSACTION_MAX_BYTES = 3_500_000;

/** One write's items, ready to share a transaction with others. */
interface Planned {
  readonly index: number;
  readonly request: EventWriteRequest;
  readonly items: TransactItem[];
  readonly keys: readonly string[];
  readonly bytes: number;
}

/** The writes' groups for one transaction each: within the limits, no item key twice in a group. */
const groupsOf = (planned: readonly Planned[]): Planned[][] => {
  const groups: { members: Planned[]; learns: boolean; items: number; bytes: number; keys: Set<string> }[] =
    [];
  for (const write of planned) {
    const learns = write.request.learning !== undefined;
    const group = groups.find(
      (candidate) =>
        candidate.learns === learns &&
        candidate.items + write.items.length <= TRANSACTION_MAX_ITEMS &&
        candidate.bytes + write.bytes <= TRANSACTION_MAX_BYTES &&
        write.keys.every((key) => !candidate.keys.has(key)),
    );
    if (group === undefined) {
      groups.push({
        members: [write],
        learns,
        items: write.items.length,
        bytes: write.bytes,
        keys: new Set(write.keys),
      });
      continue;
    }
    group.members.push(write);
    group.items += write.items.length;
    group.bytes += write.bytes;
    for (const key of write.keys) group.keys.add(key);
  }
  return groups.map((group) => group.members);
};

const keyOf = (item: TransactItem): string => {
  const stored = item.Put?.Item ?? item.Update?.Key ?? item.ConditionCheck?.Key ?? item.Delete?.Key ?? {};
  return `${String(stored.pk)}\u0000${String(stored.sk)}`;
};

/** True when the last item alone stopped the transaction, by a lost race. */
const onlyLastFailed = (reasons: readonly CancellationReason[]): boolean =>
  lostRace(reasons.at(-1)) && reasons.slice(0, -1).every((reason) => (reason.Code ?? 'None') === 'None');

/**
 * Events and the cases they open or join, in the single table. Every write that must agree (event,
 * case, occurrence, subject pointer, escalation marker) is one transaction whose conditions make
 * concurrent requests safe: the event put fails on a repeated event id (idempotency), the case put fails
 * when someone else moved the case on first (optimistic version), and the subject pointer put fails
 * when a concurrent request opened the subject's case first.
 */
export class DynamoDbEventStore extends DynamoDbTable implements EventStore {
  findEvent(clientId: string, eventId: string): Promise<StoredEvent | undefined> {
    return this.getItem(keys.event(clientId, eventId), itemToEvent);
  }

  findEventsAndPointers(
    clientId: string,
    eventIds: readonly string[],
    subjects: readonly SubjectRef[],
  ): Promise<{ events: ReadonlyMap<string, StoredEvent>; pointers: SubjectPointers }> {
    return this.#read(
      eventIds.map((eventId) => keys.event(clientId, eventId)),
      subjects,
    );
  }

  /** One bulk read of events and subject pointers. */
  async #read(
    eventKeys: readonly { pk: string; sk: string }[],
    subjects: readonly SubjectRef[],
  ): Promise<{ events: ReadonlyMap<string, StoredEvent>; pointers: SubjectPointers }> {
    const subjectKeys = subjects.map((subject) => keys.subject(subject.riskType, subject.subjectKey));
    const items = await batchGetItems(this.client, this.tableName, [...eventKeys, ...subjectKeys]);
    const events = new Map<string, StoredEvent>();
    const caseIdOf = new Map<string, string>();
    const pointerKeys = new Set(subjectKeys.map((key) => key.pk));
    for (const item of items) {
      if (!pointerKeys.has(String(item.pk))) {
        const stored = itemToEvent(item);
        events.set(stored.event.eventId, stored);
      } else if (typeof item.caseId === 'string') caseIdOf.set(String(item.pk), item.caseId);
    }
    const pointers = new Map(
      subjects.map((subject, i) => [subjectRefKey(subject), caseIdOf.get(subjectKeys[i]?.pk ?? '') ?? null]),
    );
    return { events, pointers };
  }

  /** Two bulk reads: the subjects' pointers not read yet, then the cases they point to with their reviews. */
  async subjectStates(
    subjects: readonly SubjectRef[],
    known: SubjectPointers = new Map(),
  ): Promise<ReadonlyMap<string, SubjectState>> {
    const unread = subjects.filter((subject) => !known.has(subjectRefKey(subject)));
    const { pointers } =
      unread.length === 0 ? { pointers: new Map<string, string | null>() } : await this.#read([], unread);
    const caseIdOf = new Map<string, string>();
    for (const subject of subjects) {
      const key = subjectRefKey(subject);
      const caseId = known.get(key) ?? pointers.get(key);
      if (typeof caseId === 'string') caseIdOf.set(key, caseId);
    }
    const caseIds = [...new Set(caseIdOf.values())];
    const found = await batchGetCases(this.client, this.tableName, caseIds);
    const states = new Map<string, SubjectState>();
    for (const subject of subjects) {
      const caseId = caseIdOf.get(subjectRefKey(subject));
      const read = caseId === undefined ? undefined : found.get(caseId);
      if (read === undefined) continue;
      states.set(subjectRefKey(subject), {
        current: read.case,
        ...(read.review === undefined ? {} : { review: read.review }),
      });
    }
    return states;
  }

  async write(write: EventWrite, learning?: BaselineLearning): Promise<EventWriteResult> {
    if (write.kind === 'event-only' && learning === undefined) return this.#putEvent(write.stored);
    // The baseline last, so that a cancellation's last reason is the baseline's.
    const items = this.#itemsOf(learning === undefined ? { write } : { write, learning });
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return { outcome: 'written' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      // Only the baseline moved since it was read: the concurrent writer's update wins, the event goes alone.
      if (learning !== undefined && onlyLastFailed(reasons)) return this.write(write);
      return this.#explainCancellation(write.stored, reasons);
    }
  }

  /**
   * Many writes in few round trips: as many as fit go in one transaction (each write's items are its own
   * all or nothing, so sharing one keeps every condition), the transactions in parallel. When a
   * transaction is cancelled, each write learns from its own items' reasons whether it was a duplicate,
   * lost a race or only stood beside one that did (`not-written`: nothing of it was stored).
   */
  async writeAll(writes: readonly EventWriteRequest[]): Promise<EventWriteAllResult[]> {
    const planned = writes.map((request, index): Planned => {
      const items = this.#itemsOf(request);
      return {
        index,
        request,
        items,
        keys: items.map(keyOf),
        bytes: items.reduce((sum, item) => sum + JSON.stringify(item).length, 0),
      };
    });
    const results: EventWriteAllResult[] = new Array(writes.length);
    await Promise.all(
      groupsOf(planned).map(async (group) => {
        const outcomes = await this.#writeGroup(group);
        for (const [position, member] of group.entries()) {
          const outcome = outcomes[position];
          if (outcome !== undefined) results[member.index] = outcome;
        }
      }),
    );
    return results;
  }

  /** A group alone is `write` (a lone event is a plain put); more share one transaction. */
  async #writeGroup(group: readonly Planned[]): Promise<EventWriteAllResult[]> {
    const [only] = group;
    if (group.length === 1 && only !== undefined)
      return [await this.write(only.request.write, only.request.learning)];
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: group.flatMap((member) => member.items) }),
      );
      return group.map(() => ({ outcome: 'written' }));
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      let start = 0;
      const outcomes: EventWriteAllResult[] = [];
      for (const member of group) {
        const own = reasons.slice(start, start + member.items.length);
        start += member.items.length;
        outcomes.push(await this.#outcomeOf(member, own));
      }
      if (outcomes.every((outcome) => outcome.outcome === 'not-written' && !outcome.baselineMoved))
        throw new StoreError(
          `Event writes cancelled: ${reasons.map((reason) => reason.Code ?? 'None').join(', ')}`,
        );
      return outcomes;
    }
  }

  /** One write's outcome in a cancelled shared transaction, from its own items' reasons. */
  async #outcomeOf(member: Planned, reasons: readonly CancellationReason[]): Promise<EventWriteAllResult> {
    if (reasons.every((reason) => (reason.Code ?? 'None') === 'None'))
      return { outcome: 'not-written', baselineMoved: false };
    if (
      member.request.learning !== undefined &&
      reasons[0]?.Code !== 'ConditionalCheckFailed' &&
      onlyLastFailed(reasons)
    )
      return { outcome: 'not-written', baselineMoved: true };
    return this.#explainCancellation(member.request.write.stored, reasons);
  }

  /** What `write` puts in its transaction, the baseline last. */
  #itemsOf({ write, learning }: EventWriteRequest): TransactItem[] {
    const items = write.kind === 'event-only' ? [this.#eventPut(write.stored)] : this.#caseItems(write);
    if (learning !== undefined) items.push({ Put: baselinePut(this.tableName, learning) });
    return items;
  }

  /** The event, its case (opened with the subject's pointer, or joined at the version read) and the rest. */
  #caseItems(write: Exclude<EventWrite, { kind: 'event-only' }>): TransactItem[] {
    const items: TransactItem[] = [this.#eventPut(write.stored)];
    const caseItem = caseToItem(write.next);
    if (write.kind === 'open-case') {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: {
            ...keys.subject(write.next.riskType, write.next.subject.key),
            entity: 'subject',
            caseId: write.next.caseId,
          },
          ConditionExpression: NOT_EXISTS,
        },
      });
      items.push({ Put: { TableName: this.tableName, Item: caseItem, ConditionExpression: NOT_EXISTS } });
    } else {
      items.push(versionedCasePut(this.tableName, write.next, write.expectedVersion));
    }
    items.push({ Put: { TableName: this.tableName, Item: occurrenceToItem(write.occurrence) } });
    if (write.audit !== undefined) {
      items.push({
        Put: {
          TableName: this.tableName,
          Item: auditToItem(write.audit, auditSequence(write.next.version, write.stored.event.eventId)),
        },
      });
    }
    if (write.review !== undefined)
      items.push(reviewPut(this.tableName, write.review.next, write.review.expectedVersion));
    return items;
  }

  #eventPut(stored: StoredEvent): TransactItem {
    return {
      Put: {
        TableName: this.tableName,
        Item: eventToItem(stored),
        ConditionExpression: NOT_EXISTS,
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  }

  async #putEvent(stored: StoredEvent): Promise<EventWriteResult> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: eventToItem(stored),
          ConditionExpression: NOT_EXISTS,
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { outcome: 'written' };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.#duplicateOf(stored, error.Item === undefined ? undefined : unmarshall(error.Item));
    }
  }

  /** The first reason is the event put: a failed condition there means the event id is taken. */
  async #explainCancellation(
    stored: StoredEvent,
    reasons: readonly CancellationReason[],
  ): Promise<EventWriteResult> {
    const [eventReason, ...others] = reasons;
    if (eventReason?.Code === 'ConditionalCheckFailed') {
      return this.#duplicateOf(
        stored,
        eventReason.Item === undefined ? undefined : unmarshall(eventReason.Item),
      );
    }
    const retryable = others.some(lostRace);
    if (retryable || eventReason?.Code === 'TransactionConflict') return { outcome: 'stale' };
    throw new StoreError(
      `Event write cancelled: ${reasons.map((reason) => reason.Code ?? 'None').join(', ')}`,
    );
  }

  async #duplicateOf(stored: StoredEvent, item: Item | undefined): Promise<EventWriteResult> {
    const original =
      item === undefined ? await this.findEvent(stored.clientId, stored.event.eventId) : itemToEvent(item);
    if (original === undefined) return { outcome: 'stale' };
    return { outcome: 'duplicate', original };
  }
}

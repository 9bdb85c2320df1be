import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { type ActionChange, actionChangeOf } from '#shared/adapters/action-record.ts';
import { systemClock } from '#shared/ports.ts';
import { requestDueActions } from '#shared/use-cases/actions.ts';
import { carryOutAction } from '#shared/use-cases/carry-out-action.ts';
import { actionDelivery, actionStore, actionsPolicyInForce } from './dependencies/actions.ts';
import { levelsInForce } from './dependencies/levels.ts';
import { logger } from './logger.ts';

/**
 * How long an executor holds a claimed request: above the function's timeout (CARRY_OUT_TIMEOUT_SECONDS in
 * infra/catalog.ts), so a claim outlives the invocation that made it and a crashed one's is taken over.
 */
export const ACTION_LEASE_MS = 90_000;

const handle = async (change: ActionChange): Promise<void> => {
  if (change.kind === 'case') {
    const { policy } = await levelsInForce();
    const made = await requestDueActions(change.before, change.after, {
      actions: actionStore(),
      clock: systemClock,
      policy: await actionsPolicyInForce(),
      rank: (level) => policy.rank(level),
    });
    for (const request of made)
      logger.info('Action requested', { actionId: request.actionId, state: request.state });
    return;
  }
  const result = await carryOutAction(change.actionId, {
    actions: actionStore(),
    delivery: actionDelivery(),
    clock: systemClock,
    leaseMs: ACTION_LEASE_MS,
  });
  logger.info('Action carried out', { actionId: change.actionId, result });
};

/**
 * Guarded actions from the table stream (the outbox, like escalations): a case change makes the requests its
 * level calls for (manual ones wait for a manager, automatic ones are approved at once), and an approved
 * request is carried out on the customer's webhook, once. Records are handled in order; from the first that
 * fails, the batch is reported in `batchItemFailures` so the stream delivers it and those after it again.
 */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse, Error, Context>()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async (event) => {
    for (const record of event.Records) {
      const change = actionChangeOf(record);
      if (change === undefined) continue;
      try {
        await handle(change);
      } catch (error) {
        logger.error('Action record not handled', { error, change: change.kind });
        const sequenceNumber = record.dynamodb?.SequenceNumber;
        if (sequenceNumber === undefined) throw error;
        return { batchItemFailures: [{ itemIdentifier: sequenceNumber }] };
      }
    }
    return { batchItemFailures: [] };
  });

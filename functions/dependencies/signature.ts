import { clientSecretsFrom } from '#shared/adapters/client-secrets.ts';
import { DynamoDbReplayGuard } from '#shared/adapters/dynamodb-replay-guard.ts';
import { systemClock } from '#shared/ports.ts';
import type { SignatureDependencies } from '../middleware.ts';
import { config } from './config.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

/** Where pushers' secrets come from, decided at cold start (a missing setting fails the start). */
const secrets = clientSecretsFrom(config);

export const signatureDependencies = once(
  (): SignatureDependencies => ({
    secrets,
    replays: new DynamoDbReplayGuard(dynamoDocumentClient(), tableName()),
    clock: systemClock,
  }),
);

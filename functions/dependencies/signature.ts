import { clientSecretsFromEnv } from '#shared/adapters/client-secrets.ts';
import { DynamoDbReplayGuard } from '#shared/adapters/dynamodb-replay-guard.ts';
import { systemClock } from '#shared/ports.ts';
import type { SignatureDependencies } from '../middleware.ts';
import { once } from './once.ts';
import { dynamoDocumentClient, tableName } from './table.ts';

export const signatureDependencies = once(
  (): SignatureDependencies => ({
    secrets: clientSecretsFromEnv(),
    replays: new DynamoDbReplayGuard(dynamoDocumentClient(), tableName()),
    clock: systemClock,
  }),
);

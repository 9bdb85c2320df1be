import type { TestProject } from 'vitest/node';
import { startDynamoDbLocal } from '#infra/local/dynamodb-local.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the DynamoDB Local shared by the whole integration run. */
    dynamoEndpoint: string;
  }
}

/**
 * Starts one in-memory DynamoDB Local on a free port for the whole integration run (Java takes seconds to
 * start; once per run keeps the suite fast) and stops it afterwards. Test files isolate themselves with
 * their own table (test/support/dynamo.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Same process group as vitest: if the run is interrupted without teardown, Java gets the signal too.
  const dynamo = await startDynamoDbLocal({ ownProcessGroup: false });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}

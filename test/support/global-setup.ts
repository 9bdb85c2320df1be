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
  // A busy machine (a CI runner beside other jobs) can take Java well past the 30 s that `npm start`
  // waits; a test run waits longer rather than fail before its first test.
  const dynamo = await startDynamoDbLocal({ ownProcessGroup: false, startTimeoutMs: 120_000 });
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}

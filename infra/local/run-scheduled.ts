/**
 * `npm run digest` (`node infra/local/run-scheduled.ts send-digest`): runs one scheduled function now
 * against the running local stack — the same handler, environment and table as `npm start` uses — as
 * `aws lambda invoke` would in AWS, without waiting for its schedule. `npm run digest -- check-sla` runs
 * the SLA check. Options: `--data-dir <dir>` when `npm start` was given one.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { FUNCTIONS } from '#infra/catalog.ts';
import { ENV } from '#shared/config.ts';
import { createLambdaContext } from './lambda-context.ts';
import { loadHandler } from './load-handlers.ts';
import { scheduledEvent } from './scheduler.ts';
import { readStackState, stackStateFile } from './stack-state.ts';

const { values, positionals } = parseArgs({
  options: { 'data-dir': { type: 'string' } },
  allowPositionals: true,
});
const id = positionals[0] ?? 'send-digest';
const scheduledFunctions = FUNCTIONS.flatMap((candidate) => ('schedule' in candidate ? [candidate] : []));
const definition = scheduledFunctions.find((candidate) => candidate.id === id);
if (definition === undefined) {
  const scheduled = scheduledFunctions.map((candidate) => candidate.id);
  console.error(`${id} is not a scheduled function; one of: ${scheduled.join(', ')}`);
  process.exit(2);
}

const file = stackStateFile(values['data-dir']);
const state = await readStackState(file);
if (state === undefined) {
  console.error(`No local stack is running (${file}): start it with npm start, then run this again.`);
  process.exit(1);
}
Object.assign(process.env, state.env);
const handler = await loadHandler(definition.id);
const region = state.env[ENV.region] ?? 'us-east-1';
const result = await handler(
  scheduledEvent(definition.id, region, new Date()),
  createLambdaContext({ functionName: definition.id, awsRequestId: randomUUID(), timeoutMs: 60_000, region }),
);
console.log(`${definition.id} (${definition.schedule}) ran now: ${JSON.stringify(result)}`);

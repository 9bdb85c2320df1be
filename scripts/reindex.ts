/**
 * `npm run reindex`: writes the search index's postings of every case already in the table (README
 * "Search") — after the first deploy of search, after postings were lost, or for the cases of a batch the
 * indexer gave up on (IndexFailures queue, `stream-dead-letter.index-cases.jsonl` locally).
 *
 *   npm run reindex                          the running local stack (npm start)
 *   npm run reindex -- --table <name>        a table in AWS (the usual credential chain and AWS_REGION)
 *   npm run reindex -- --cases id1,id2       only these cases
 *   npm run reindex -- --restart             start over instead of resuming
 *
 * Reads the cases newest first through the case index (a Query, never a Scan), 100 at a time, and puts
 * every posting each case and its review are indexed under: idempotent, so a run stopped half-way resumes
 * from its checkpoint file (`--checkpoint`, default `.data/reindex-<table>.json`) and running it twice is
 * harmless. It only puts: a posting of a word a case no longer holds stays until the case changes again,
 * and search never shows it (each case shown is checked as it is now).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { readStackState, stackStateFile } from '#infra/local/stack-state.ts';
import { toDocumentClient } from '#shared/adapters/clients.ts';
import { DynamoDbCaseReader } from '#shared/adapters/dynamodb-case-reader.ts';
import { DynamoDbSearchIndex } from '#shared/adapters/dynamodb-search-index.ts';
import { ENV } from '#shared/config.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { indexChange } from '#shared/use-cases/index-cases.ts';

const PAGE = 100;
/** Cases indexed at once: each is a few hundred postings in batches of 25. */
const CONCURRENCY = 4;

const { values } = parseArgs({
  options: {
    table: { type: 'string' },
    cases: { type: 'string' },
    checkpoint: { type: 'string' },
    restart: { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

/** The table and client: the running local stack's, or the named table in AWS. */
const target = async (): Promise<{ tableName: string; client: DynamoDBClient }> => {
  if (values.table !== undefined) return { tableName: values.table, client: new DynamoDBClient({}) };
  const file = stackStateFile(values['data-dir']);
  const state = await readStackState(file);
  if (state === undefined) {
    console.error(
      `No local stack is running (${file}): start it with npm start, or pass --table <name> for AWS.`,
    );
    process.exit(1);
  }
  const tableName = state.env[ENV.tableName];
  const endpoint = state.env[ENV.dynamodbEndpoint];
  if (tableName === undefined || endpoint === undefined) {
    console.error(`The local stack's state (${file}) names no table or endpoint.`);
    process.exit(1);
  }
  Object.assign(process.env, state.env);
  return {
    tableName,
    client: new DynamoDBClient({ endpoint, region: state.env[ENV.region] ?? 'us-east-1' }),
  };
};

const { tableName, client } = await target();
const documents = toDocumentClient(client);
const reader = new DynamoDbCaseReader(documents, tableName);
const index = new DynamoDbSearchIndex(documents, tableName);
const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const checkpointFile = values.checkpoint ?? join(repositoryRoot, '.data', `reindex-${tableName}.json`);

let cases = 0;
let postings = 0;
const started = Date.now();

/** Indexes some cases as if each were new: every posting of the case and of its review is put. */
const indexAll = async (batch: readonly RiskCase[]): Promise<void> => {
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const value = batch[next];
      next += 1;
      if (value === undefined) continue;
      const changes = await indexChange({ kind: 'case', caseId: value.caseId, after: value }, index);
      postings += changes.put.length;
      cases += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
};

const progress = (note = '') => {
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `${cases} case(s), ${postings} posting(s) in ${seconds.toFixed(1)} s (${(cases / Math.max(seconds, 0.001)).toFixed(1)} cases/s)${note}`,
  );
};

if (values.cases !== undefined) {
  const ids = values.cases
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  const found = (await index.loadCases(ids)).values();
  await indexAll([...found].map((entry) => entry.case));
  progress(` — ${ids.length - cases} of the ids named no case`);
} else {
  const saved = values.restart ? undefined : await readFile(checkpointFile, 'utf8').catch(() => undefined);
  let cursor = saved === undefined ? undefined : (JSON.parse(saved) as { cursor?: string }).cursor;
  if (cursor !== undefined) console.log(`Resuming from ${checkpointFile} (--restart to start over)`);
  await mkdir(dirname(checkpointFile), { recursive: true });
  for (;;) {
    const page = await reader.listCases({ limit: PAGE, ...(cursor === undefined ? {} : { cursor }) });
    await indexAll(page.items);
    cursor = page.cursor;
    if (cursor === undefined) break;
    await writeFile(checkpointFile, JSON.stringify({ tableName, cursor }));
    progress();
  }
  await rm(checkpointFile, { force: true });
  progress(' — done');
}
client.destroy();

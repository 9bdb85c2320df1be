import { randomUUID } from 'node:crypto';
import { clearCaches } from '@aws-lambda-powertools/parameters';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretsManagerClientSecrets, secretsIn } from '#shared/adapters/client-secrets.ts';
import { type HttpHandler, postEvents, signedHeaders } from '../fixtures/api-gateway.ts';
import { spendEvent } from '../fixtures/events.ts';
import { answerAsEmptyTable } from '../support/document-mock.ts';

/**
 * Pushers' secrets as AWS serves them: Secrets Manager through Powertools' cache. A rotation or a new
 * client must work at once on a warm function, not after the cache expires; a flood of bad signatures must
 * not become a flood of Secrets Manager calls.
 */

const SECRET_ARN = 'arn:aws:secretsmanager:us-east-1:000000000000:secret:radar-clients';
vi.stubEnv('TABLE_NAME', 'radar-test');
vi.stubEnv('AWS_REGION', 'us-east-1');
vi.stubEnv('CLIENT_SECRETS_ARN', SECRET_ARN);

const secretsManager = mockClient(SecretsManagerClient);
const ddb = mockClient(DynamoDBDocumentClient);

/** Secrets Manager answers with these client secrets, one JSON document, as the deploy guide writes it. */
const serve = (...versions: Record<string, unknown>[]) => {
  const mock = secretsManager.on(GetSecretValueCommand, { SecretId: SECRET_ARN });
  for (const version of versions) mock.resolvesOnce({ SecretString: JSON.stringify(version) });
  const last = versions.at(-1);
  if (last !== undefined) mock.resolves({ SecretString: JSON.stringify(last) });
};
const reads = () => secretsManager.commandCalls(GetSecretValueCommand).length;

beforeEach(() => {
  clearCaches();
  secretsManager.reset();
  ddb.reset();
  answerAsEmptyTable(ddb);
});

afterEach(() => {
  vi.useRealTimers();
});

describe('Function: secretsIn', () => {
  it.each([
    ['one secret', 's1', ['s1']],
    ['the pair of a rotation, new first', ['new', 'old'], ['new', 'old']],
    ['no more than two', ['a', 'b', 'c'], ['a', 'b']],
    ['nothing for an empty string', '', []],
    ['nothing for a number', 42, []],
    ['nothing for an unknown client', undefined, []],
    ['only the strings of a list', ['a', 7, ''], ['a']],
  ])('reads %s', (_name, entry, expected) => {
    expect(secretsIn(entry)).toEqual(expected);
  });
});

describe('Class: SecretsManagerClientSecrets', () => {
  it('reads the secret JSON once and answers from the cache afterwards', async () => {
    serve({ 'meta-ads': 'one', tiktok: ['new', 'old'] });
    const secrets = new SecretsManagerClientSecrets(SECRET_ARN);
    expect(await secrets.secretsOf('meta-ads')).toEqual(['one']);
    expect(await secrets.secretsOf('tiktok')).toEqual(['new', 'old']);
    expect(await secrets.secretsOf('nobody')).toEqual([]);
    expect(reads()).toBe(1);
  });

  it('reads anew when asked for fresh secrets, at most once in 30 seconds', async () => {
    serve({ 'meta-ads': 'old' }, { 'meta-ads': 'new' }, { 'meta-ads': 'newer' });
    let now = 1_000_000;
    const secrets = new SecretsManagerClientSecrets(SECRET_ARN, { now: () => now });
    expect(await secrets.secretsOf('meta-ads')).toEqual(['old']);
    expect(await secrets.secretsOf('meta-ads', { fresh: true })).toEqual(['new']);
    now += 29_999;
    expect(await secrets.secretsOf('meta-ads', { fresh: true })).toEqual(['new']);
    expect(reads()).toBe(2);
    now += 1;
    expect(await secrets.secretsOf('meta-ads', { fresh: true })).toEqual(['newer']);
    expect(reads()).toBe(3);
  });
});

describe('Signature authentication against Secrets Manager', () => {
  let ingest: HttpHandler;
  beforeAll(async () => {
    ({ handler: ingest } = await import('#functions/ingest-events.ts'));
  });
  // One warm function serves every test, so each starts a minute after the last: its limit on fresh
  // reads (one in 30 s) is then as it would be for a new rotation.
  let clock = Date.now();
  beforeEach(() => {
    clock += 60_000;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(clock);
  });

  const post = (client: { id: string; secret: string }) => {
    const body = JSON.stringify({ ...spendEvent(), eventId: `e-${randomUUID()}` });
    return postEvents(ingest, body, { headers: signedHeaders(body, new Date(), client) });
  };

  it('accepts a secret rotated in after a warm function cached the old one, without a 401', async () => {
    serve({ 'meta-ads': 'old-secret-0123456789' }, { 'meta-ads': 'new-secret-0123456789' });
    expect((await post({ id: 'meta-ads', secret: 'old-secret-0123456789' })).statusCode).toBe(200);
    expect((await post({ id: 'meta-ads', secret: 'new-secret-0123456789' })).statusCode).toBe(200);
    expect(reads()).toBe(2);
  });

  it('accepts both secrets of a client that rotates, from the cache', async () => {
    serve({ 'meta-ads': ['new-secret-0123456789', 'old-secret-0123456789'] });
    expect((await post({ id: 'meta-ads', secret: 'new-secret-0123456789' })).statusCode).toBe(200);
    expect((await post({ id: 'meta-ads', secret: 'old-secret-0123456789' })).statusCode).toBe(200);
    expect(reads()).toBe(1);
  });

  it('accepts a client added after the secret was cached', async () => {
    serve(
      { 'meta-ads': 'meta-secret-0123456789' },
      { 'meta-ads': 'meta-secret-0123456789', tiktok: 'tt-0123456789' },
    );
    expect((await post({ id: 'meta-ads', secret: 'meta-secret-0123456789' })).statusCode).toBe(200);
    expect((await post({ id: 'tiktok', secret: 'tt-0123456789' })).statusCode).toBe(200);
  });

  it('refuses a wrong signature with 401 and asks Secrets Manager again at most once for a flood of them', async () => {
    serve({ 'meta-ads': 'meta-secret-0123456789' });
    expect((await post({ id: 'meta-ads', secret: 'meta-secret-0123456789' })).statusCode).toBe(200);
    const writes = ddb.commandCalls(TransactWriteCommand).length;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => post({ id: 'meta-ads', secret: 'guessed-0123456789' })),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(401));
    expect(JSON.parse(responses[0]?.body ?? '{}')).toMatchObject({
      detail: expect.stringContaining('Signature does not match the request'),
    });
    expect(reads()).toBe(2);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(writes);
  });
});

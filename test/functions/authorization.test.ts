import {
  DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FUNCTIONS, type FunctionDefinition } from '#infra/catalog.ts';
import {
  apiEvent,
  type HttpHandler,
  lambdaContext,
  signedHeaders,
  stubHandlerEnv,
} from '../fixtures/api-gateway.ts';

stubHandlerEnv();

const ddb = mockClient(DynamoDBDocumentClient);
type Handler = HttpHandler;

/** Who may call each people route: the product's role model in one table. */
const ALLOWED: Record<string, readonly string[]> = {
  'list-cases': ['manager', 'legal'],
  'get-case': ['manager', 'legal'],
  'acknowledge-case': ['manager'],
  'resolve-case': ['manager'],
  'list-reviews': ['legal'],
  'decide-review': ['legal'],
  'list-exceptions': ['legal'],
  'revoke-exception': ['legal'],
  'list-rules': ['legal'],
  // Both reach the policies; which of them may change one is the policy's owner (below).
  'read-policies': ['manager', 'legal'],
  'change-policy': ['manager', 'legal'],
  'reassign-case': ['manager'],
  'read-catalogue': ['manager', 'legal'],
  'change-catalogue': ['manager'],
  'read-reallocations': ['manager', 'legal'],
  'change-reallocations': ['manager'],
  'read-overviews': ['manager', 'legal'],
  // A CSV export answers the roles of the list it exports (the function serves all three).
  'GET /v1/exports/cases.csv': ['manager', 'legal'],
  'GET /v1/exports/reviews.csv': ['legal'],
  'GET /v1/exports/exceptions.csv': ['legal'],
  'export-evidence': ['manager', 'legal'],
  'start-drill': ['manager'],
  'get-drill': ['manager', 'legal'],
  // Guarded actions: everyone who reads the case sees its requests; managers decide them.
  'list-actions': ['manager', 'legal'],
  'decide-action': ['manager'],
};

/** A route's entry: its own (`<METHOD> <path>`) when its function serves routes with different roles. */
const allowedOf = (route: { readonly id: string; readonly method: string; readonly path: string }) =>
  ALLOWED[`${route.method} ${route.path}`] ?? ALLOWED[route.id];

const catalog: readonly FunctionDefinition[] = FUNCTIONS;
const peopleRoutes = catalog.flatMap((fn) =>
  fn.routes.filter((route) => route.auth === 'cognito').map((route) => ({ id: fn.id, ...route })),
);
const handlers = new Map<string, Handler>();

beforeAll(async () => {
  for (const { id } of peopleRoutes)
    handlers.set(id, (await import(`#functions/${id}.ts`)).handler as Handler);
});

afterEach(() => {
  ddb.reset();
});

const call = (
  route: (typeof peopleRoutes)[number],
  options: { groups?: readonly string[]; headers?: Record<string, string>; body?: string },
) => {
  const handler = handlers.get(route.id);
  if (handler === undefined) throw new Error(`no handler ${route.id}`);
  const url = route.path.replace('{id}', 'abc').replace('{brand}', 'Acme');
  return handler(
    apiEvent({
      method: route.method,
      url,
      resource: route.path,
      pathParameters: {
        ...(route.path.includes('{id}') ? { id: 'abc' } : {}),
        ...(route.path.includes('{brand}') ? { brand: 'Acme' } : {}),
      },
      ...(options.body === undefined ? {} : { body: options.body }),
      headers: {
        ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...options.headers,
      },
      ...(options.groups === undefined ? {} : { groups: options.groups }),
    }),
    lambdaContext(route.id),
  );
};

describe('Authorization of every people route', () => {
  it('covers every people route of the catalog', () => {
    expect(peopleRoutes.filter((route) => allowedOf(route) === undefined)).toEqual([]);
    const used = new Set(peopleRoutes.flatMap((route) => [route.id, `${route.method} ${route.path}`]));
    expect(Object.keys(ALLOWED).filter((key) => !used.has(key))).toEqual([]);
  });

  describe.each(peopleRoutes)('$method $path', (route) => {
    it('answers 401 without credentials, and to a pusher with a valid signature', async () => {
      expect((await call(route, {})).statusCode).toBe(401);
      expect((await call(route, { headers: signedHeaders('{}'), body: '{}' })).statusCode).toBe(401);
      expect(ddb.calls()).toHaveLength(0);
    });

    it.each(['manager', 'legal'])('lets a %s through only if the role model allows it', async (role) => {
      ddb.on(GetCommand).resolves({});
      ddb.on(QueryCommand).resolves({ Items: [] });
      const response = await call(route, { groups: [role], body: '{}' });
      if (allowedOf(route)?.includes(role)) {
        expect([401, 403]).not.toContain(response.statusCode);
      } else {
        expect(response.statusCode).toBe(403);
        expect(ddb.calls()).toHaveLength(0);
      }
    });
  });
});

describe('Nobody sets level, status or actor through a body', () => {
  const route = (id: string) => {
    const found = peopleRoutes.find((candidate) => candidate.id === id);
    if (found === undefined) throw new Error(id);
    return found;
  };

  it.each([
    ['acknowledge-case', 'manager', { note: 'x', status: 'resolved' }, 'status'],
    ['acknowledge-case', 'manager', { actor: 'user:ceo' }, 'actor'],
    [
      'resolve-case',
      'manager',
      { whys: ['a'], measures: ['b'], improvementPlan: 'c', level: 'green' },
      'level',
    ],
    ['decide-review', 'legal', { decision: 'approved', note: 'ok', by: 'user:ceo' }, 'by'],
  ])('%s refuses a body with %j', async (id, role, body, field) => {
    const response = await call(route(id), { groups: [role], body: JSON.stringify(body) });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).errors).toEqual([expect.objectContaining({ path: field })]);
    expect(ddb.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('refuses a resolution without a single why', async () => {
    const response = await call(route('resolve-case'), {
      groups: ['manager'],
      body: JSON.stringify({ whys: [], measures: ['b'], improvementPlan: 'c' }),
    });
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body).errors[0].path).toBe('whys');
  });
});

describe('Only the owner role changes a policy', () => {
  const writes = peopleRoutes.filter((route) => route.id === 'change-policy');
  const cases = writes.flatMap((route) =>
    (
      [
        ['claims', 'legal', 'manager'],
        ['matrix', 'manager', 'legal'],
        ['spend', 'manager', 'legal'],
        ['sentiment', 'manager', 'legal'],
      ] as const
    ).map(([policy, owner, other]) => ({ ...route, policy, owner, other })),
  );

  it('covers the four write routes', () => {
    expect(writes.map((route) => `${route.method} ${route.path}`).sort()).toEqual([
      'POST /v1/policies/{id}/draft/test',
      'POST /v1/policies/{id}/publish',
      'POST /v1/policies/{id}/rollback',
      'PUT /v1/policies/{id}/draft',
    ]);
  });

  it.each(cases)('$method $path on $policy: 403 for $other, nothing read or written', async (route) => {
    // Act
    const response = await writeAs(route, route.policy, route.other);

    // Assess
    expect(response.statusCode).toBe(403);
    expect(JSON.parse(response.body).detail).toContain(`needs the ${route.owner} role`);
    expect(ddb.calls()).toHaveLength(0);
  });

  it.each(cases)('$method $path on $policy: $owner passes the role check', async (route) => {
    // Prepare
    ddb.on(GetCommand).resolves({});
    ddb.on(QueryCommand).resolves({ Items: [] });

    // Act
    const response = await writeAs(route, route.policy, route.owner);

    // Assess
    expect([401, 403]).not.toContain(response.statusCode);
  });
});

const writeAs = (route: (typeof peopleRoutes)[number], policy: string, role: string) => {
  const handler = handlers.get(route.id);
  if (handler === undefined) throw new Error(`no handler ${route.id}`);
  return handler(
    apiEvent({
      method: route.method,
      url: route.path.replace('{id}', policy),
      resource: route.path,
      pathParameters: { id: policy },
      body: '{}',
      headers: { 'content-type': 'application/json' },
      groups: [role],
    }),
    lambdaContext(route.id),
  );
};

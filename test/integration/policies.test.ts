import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { signRequest } from '#shared/auth/signature.ts';
import { customRule, TABOO_PHRASE } from '../fixtures/policies.ts';
import { startTestStack } from '../support/test-stack.ts';

/**
 * Policies against the real local stack over HTTP (docs/policies.md): legal publishes a custom rule and it
 * flags copy within a minute, stamped; a rollback clears it; a draft whose example fails cannot be published;
 * a disabled shipped rule stops firing; a manager's 5×5 matrix places new assessments; the non-owner and a
 * pusher cannot write. The functions read the active versions every POLICY_REFRESH_SECONDS (default 5 s).
 */

let stack: LocalStack;
let dataDir: string;
const LEGAL = 'dev-legal-token';
const MANAGER = 'dev-manager-token';
const run = randomUUID().slice(0, 8);

interface Finding {
  ruleId: string;
  level: string;
  probability: string;
  impact: string;
}
interface Assessment {
  level: string;
  probability: string;
  impact: string;
  findings: Finding[];
  engine: { rulesVersion: string; matrixVersion: string };
}

const as = async (
  token: string | undefined,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> => {
  const response = await fetch(`${stack.url}/v1${path}`, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

const signed = async (path: '/v1/evaluate' | '/v1/events', payload: unknown) => {
  const body = JSON.stringify(payload);
  const response = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-radar-client': stack.credentials.clientId,
      'x-radar-signature': signRequest(
        stack.credentials.clientSecret,
        { method: 'POST', path, body },
        new Date(),
      ),
    },
    body,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

let seq = 0;
const copyEvent = (text: string, copy: Record<string, string> = {}) => {
  seq += 1;
  return {
    eventId: `pol-${run}-${seq}`,
    type: 'ad-copy',
    occurredAt: new Date().toISOString(),
    source: 'cms',
    copy: {
      copyId: `copy-${run}-${seq}`,
      text,
      lang: 'zh',
      market: 'CN',
      category: 'general',
      brand: 'Acme',
      ...copy,
    },
  };
};

const evaluate = async (text: string, copy: Record<string, string> = {}): Promise<Assessment> => {
  const answer = await signed('/v1/evaluate', copyEvent(text, copy));
  expect(answer.status).toBe(200);
  return answer.body.assessment as Assessment;
};

/** Polls until `ok` holds; fails after 60 s, the promise docs/policies.md makes. */
const within60s = async <T>(
  probe: () => Promise<T>,
  ok: (value: T) => boolean,
): Promise<{ value: T; ms: number }> => {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (ok(value)) return { value, ms: Date.now() - started };
    if (Date.now() - started > 60_000) throw new Error(`Not in force after 60 s: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
};

const TABOO = TABOO_PHRASE;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('policies'));
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

// A draft's test compiles its pack's rules: seconds on a busy machine.
describe('Policies: claims (legal)', { timeout: 240_000 }, () => {
  it('lists the five policies at version 0, the shipped defaults', async () => {
    // Act
    const answer = await as(MANAGER, 'GET', '/policies');

    // Assess
    expect(answer.status).toBe(200);
    expect(answer.body.policies).toEqual([
      expect.objectContaining({ id: 'claims', owner: 'legal', activeVersion: 0, stamp: 'shipped' }),
      expect.objectContaining({ id: 'matrix', owner: 'manager', activeVersion: 0 }),
      expect.objectContaining({ id: 'spend', owner: 'manager', activeVersion: 0 }),
      expect.objectContaining({ id: 'sentiment', owner: 'manager', activeVersion: 0 }),
      expect.objectContaining({ id: 'actions', owner: 'manager', activeVersion: 0, base: 'actions@1' }),
    ]);
  });

  it('refuses an invalid draft with a 400 naming every bad path, and stores nothing', async () => {
    // Act
    const answer = await as(LEGAL, 'PUT', '/policies/claims/draft', {
      document: {
        rules: [
          { ...customRule({ positive: ['采用国家级秘方'], negative: ['独家配方'] }), id: 'xx.custom.a' },
        ],
        extend: { 'cn.no-such-rule': { patterns: ['x'] } },
        disable: { 'cn.also-missing': { reason: 'noise' } },
      },
    });
    const draft = await as(LEGAL, 'GET', '/policies/claims/draft');

    // Assess
    expect(answer.status).toBe(400);
    expect((answer.body.errors as { path: string }[]).map((issue) => issue.path)).toEqual(
      expect.arrayContaining([
        'document.rules.0.id',
        'document.extend.cn.no-such-rule',
        'document.disable.cn.also-missing',
      ]),
    );
    expect(draft.status).toBe(404);
  });

  it('publishes a custom rule: copy with its phrase is flagged within 60 s, stamped; a rollback clears it', async () => {
    // Prepare
    const before = await evaluate(`本品采用${TABOO}，口感醇厚`);
    const saved = await as(LEGAL, 'PUT', '/policies/claims/draft', {
      document: { rules: [customRule({ positive: [`采用${TABOO}`], negative: ['采用独家配方'] })] },
    });

    // Act
    const tested = await as(LEGAL, 'POST', '/policies/claims/draft/test', {});
    const published = await as(LEGAL, 'POST', '/policies/claims/publish', { note: 'Acme taboo word' });
    const flagged = await within60s(
      () => evaluate(`本品采用${TABOO}，口感醇厚`),
      (assessment) => assessment.findings.some((finding) => finding.ruleId === 'cn.custom.secret-formula'),
    );

    // Assess
    expect(before.findings.map((finding) => finding.ruleId)).not.toContain('cn.custom.secret-formula');
    expect(saved.status).toBe(200);
    expect(tested.body).toMatchObject({ ok: true, examples: { failures: [] } });
    expect((tested.body.examples as { total: number }).total).toBeGreaterThan(300);
    expect(published.status).toBe(201);
    expect(published.body).toMatchObject({
      version: 1,
      stamp: 'claims-policy@1',
      author: 'user:local-legal',
    });
    expect(flagged.value.level).toBe('red');
    expect(flagged.value.engine.rulesVersion).toContain('+claims-policy@1');
    expect(flagged.ms).toBeLessThan(60_000);

    // Act: roll back to the shipped packs
    const rolledBack = await as(LEGAL, 'POST', '/policies/claims/rollback', {
      version: 0,
      note: 'Guideline withdrawn',
    });
    const cleared = await within60s(
      () => evaluate(`本品采用${TABOO}，口感醇厚`),
      (assessment) => !assessment.findings.some((finding) => finding.ruleId === 'cn.custom.secret-formula'),
    );

    // Assess
    expect(rolledBack.status).toBe(201);
    expect(rolledBack.body).toMatchObject({ version: 2, action: 'rollback', restored: 0 });
    expect(cleared.value.engine.rulesVersion).toContain('+claims-policy@2');
  });

  it('refuses to publish a draft whose own example fails (409), naming the example', async () => {
    // Prepare: the positive example lacks the phrase
    await as(LEGAL, 'PUT', '/policies/claims/draft', {
      document: { rules: [customRule({ positive: ['完全无关的文字'], negative: ['采用独家配方'] })] },
    });

    // Act
    const answer = await as(LEGAL, 'POST', '/policies/claims/publish', { note: 'Broken example' });
    const policies = await as(LEGAL, 'GET', '/policies');

    // Assess
    expect(answer.status).toBe(409);
    expect((answer.body.current as { failures: { ruleId: string; text: string }[] }).failures).toEqual([
      expect.objectContaining({
        ruleId: 'cn.custom.secret-formula',
        text: '完全无关的文字',
        expected: 'flagged',
      }),
    ]);
    expect(policies.body.policies as { id: string; activeVersion: number }[]).toContainEqual(
      expect.objectContaining({ id: 'claims', activeVersion: 2 }),
    );
  });

  it('disables a shipped rule: it no longer fires; a rejected copy it flagged shows as a regression first', async () => {
    // Prepare: a shipped rule that fires on copy, and legal's rejection of that copy
    const text = '这款保温杯销量第一';
    const pushed = await signed('/v1/events', copyEvent(text));
    const caseId = String(pushed.body.caseId);
    const ruleId = String((pushed.body.assessment as Assessment).findings[0]?.ruleId);
    const decided = await as(LEGAL, 'POST', `/reviews/${caseId}/decision`, {
      decision: 'rejected',
      note: 'Unsubstantiated superlative',
    });
    const document = { disable: { [ruleId]: { reason: 'Reviewed: too broad for our catalogue' } } };

    // Act
    await as(LEGAL, 'PUT', '/policies/claims/draft', { document });
    const tested = await as(LEGAL, 'POST', '/policies/claims/draft/test', {});
    const diff = await as(LEGAL, 'GET', '/policies/claims/diff');
    const published = await as(LEGAL, 'POST', '/policies/claims/publish', { note: 'Disable a noisy rule' });
    const after = await within60s(
      () => evaluate(text),
      (assessment) => assessment.engine.rulesVersion.includes('claims-policy@3'),
    );

    // Assess
    expect(decided.status).toBe(200);
    const changes = (tested.body.regression as { changes: Record<string, unknown>[] }).changes;
    const mine = changes.find((change) => change.caseId === caseId);
    expect((pushed.body.assessment as Assessment).findings).toHaveLength(1);
    expect(mine).toMatchObject({
      decision: 'rejected',
      verdict: 'newly-cleared',
      regression: true,
      after: 'green',
    });
    expect(tested.body.ok).toBe(false);
    expect(diff.body.changes).toEqual([
      { path: ['disable', ruleId], op: 'added', after: document.disable[ruleId] },
    ]);
    expect(published.status).toBe(201);
    expect(after.value.findings.map((finding) => finding.ruleId)).not.toContain(ruleId);
  });

  it('stores a draft as large as a request body may be (DynamoDB items hold 400 KB)', async () => {
    // Prepare: ~240 KB of phrases, the most a 256 KB body leaves room for
    const patterns = Array.from({ length: 9_000 }, (_, n) => `品牌禁用语${String(n).padStart(5, '0')}号`);
    const document = {
      rules: [{ ...customRule({ positive: [patterns[0] ?? ''], negative: ['独家配方'] }), patterns }],
    };

    // Act
    const saved = await as(LEGAL, 'PUT', '/policies/claims/draft', { document });
    const read = await as(LEGAL, 'GET', '/policies/claims/draft');

    // Assess
    expect(Buffer.byteLength(JSON.stringify({ document }))).toBeGreaterThan(200_000);
    expect(saved.status).toBe(200);
    expect((read.body.document as { rules: { patterns: string[] }[] }).rules[0]?.patterns).toHaveLength(
      9_000,
    );
  });

  it('keeps the history: every publish and rollback, newest first, each version readable', async () => {
    // Act
    const versions = await as(MANAGER, 'GET', '/policies/claims/versions');
    const first = await as(MANAGER, 'GET', '/policies/claims/versions/1');

    // Assess
    expect(
      (versions.body.items as { version: number; action: string }[]).map((v) => [v.version, v.action]),
    ).toEqual([
      [3, 'publish'],
      [2, 'rollback'],
      [1, 'publish'],
    ]);
    expect(first.body).toMatchObject({ version: 1, note: 'Acme taboo word', stamp: 'claims-policy@1' });
  });
});

const FIVE = {
  probabilities: ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'],
  impacts: ['negligible', 'minor', 'moderate', 'major', 'severe'],
  levels: [
    { id: 'green', label: 'normal', rank: 0 },
    { id: 'yellow', label: 'needs attention', rank: 1 },
    { id: 'red', label: 'urgent', rank: 2 },
  ],
  cells: Object.fromEntries(
    ['rare', 'unlikely', 'possible', 'likely', 'almost-certain'].map((p, pi) => [
      p,
      Object.fromEntries(
        ['negligible', 'minor', 'moderate', 'major', 'severe'].map((i, ii) => [
          i,
          pi + ii >= 6 ? 'red' : pi + ii >= 3 ? 'yellow' : 'green',
        ]),
      ),
    ]),
  ),
};

describe('Policies: matrix (managers)', { timeout: 240_000 }, () => {
  it('refuses a 5×5 matrix with a missing cell at that cell', async () => {
    // Prepare
    const { severe: _dropped, ...row } = FIVE.cells.rare as Record<string, string>;

    // Act
    const answer = await as(MANAGER, 'PUT', '/policies/matrix/draft', {
      document: { ...FIVE, cells: { ...FIVE.cells, rare: row } },
    });

    // Assess
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toContainEqual(
      expect.objectContaining({ path: 'document.cells.rare.severe' }),
    );
  });

  it('publishes a 5×5 matrix: new assessments carry its version and a cell of it', async () => {
    // Act
    const saved = await as(MANAGER, 'PUT', '/policies/matrix/draft', { document: FIVE });
    const tested = await as(MANAGER, 'POST', '/policies/matrix/draft/test', {});
    const published = await as(MANAGER, 'POST', '/policies/matrix/publish', {
      note: 'Group risk standard 5×5',
    });
    const placed = await within60s(
      () => evaluate('本品效果全国第一，销量最高'),
      (assessment) => assessment.engine.matrixVersion === 'matrix-policy@1',
    );
    const policy = await as(LEGAL, 'GET', '/policies/matrix');

    // Assess
    expect(saved.status).toBe(200);
    expect(tested.status).toBe(200);
    expect(tested.body.stamp).toEqual({ active: 'matrix-3x3@1', draft: 'matrix-policy@1' });
    expect(published.status).toBe(201);
    expect(FIVE.probabilities).toContain(placed.value.probability);
    expect(FIVE.impacts).toContain(placed.value.impact);
    for (const finding of placed.value.findings) expect(FIVE.probabilities).toContain(finding.probability);
    expect(policy.body.effective).toEqual(FIVE);
  });
});

describe('Policies: who may write', () => {
  const writes = (id: string) =>
    [
      ['PUT', `/policies/${id}/draft`, { document: {} }],
      ['POST', `/policies/${id}/draft/test`, {}],
      ['POST', `/policies/${id}/publish`, { note: 'x' }],
      ['POST', `/policies/${id}/rollback`, { version: 0, note: 'x' }],
    ] as const;

  it.each([
    ['claims', MANAGER],
    ['matrix', LEGAL],
    ['spend', LEGAL],
    ['sentiment', LEGAL],
    ['actions', LEGAL],
  ])('the %s policy refuses the non-owner (403) on every write', async (id, token) => {
    for (const [method, path, body] of writes(id)) {
      const answer = await as(token, method, path, body);
      expect(answer.status, `${method} ${path}`).toBe(403);
    }
  });

  it('a pusher with a valid signature cannot write (401: people routes need a bearer token)', async () => {
    for (const [method, path, payload] of writes('claims')) {
      const body = JSON.stringify(payload);
      const response = await fetch(`${stack.url}/v1${path}`, {
        method,
        headers: {
          'content-type': 'application/json',
          'x-radar-client': stack.credentials.clientId,
          'x-radar-signature': signRequest(
            stack.credentials.clientSecret,
            { method, path: `/v1${path}`, body },
            new Date(),
          ),
        },
        body,
      });
      expect(response.status, `${method} ${path}`).toBe(401);
    }
  });
});

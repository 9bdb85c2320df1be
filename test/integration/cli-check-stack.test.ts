import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { CaseListSchema } from '#shared/schemas/cases.ts';
import { runCli } from '../../cli/main.ts';
import { realIo } from '../cli/fake-io.ts';
import { startCliStack } from '../support/cli-stack.ts';

/**
 * `risk-radar check --url` against the real local stack: the real evaluate handler, signature checks with
 * replay protection, legal's exceptions read from DynamoDB Local. The copy is judged by the policies in
 * force there, and nothing is stored.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'radar-cli-check-'));
let stack: LocalStack;

beforeAll(async () => {
  stack = await startCliStack('cli-check', dataDir);
});

afterAll(async () => {
  await stack?.stop();
});

/** The real clock, network and delays; output kept for the assertions. */
const run = async (args: readonly string[], env: Record<string, string> = {}) => {
  const { io, stdout, stderr } = realIo(dataDir, env);
  const code = await runCli(['check', ...args], io);
  return { code, out: stdout.text(), err: stderr.text() };
};

const CN = ['--market', 'CN', '--lang', 'zh', '--category', 'cosmetics'];
const credentials = () => [
  '--client',
  stack.credentials.clientId,
  '--secret',
  stack.credentials.clientSecret,
];
const COPY = '全网最佳美白精华，三天见效';

/** A call as a person (bearer token) to the API. */
const api = async (method: 'GET' | 'PUT' | 'POST', path: string, token: string, body?: unknown) => {
  const response = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe('Command: check --url (local stack)', () => {
  it("reports the server's findings and rules version, and stores nothing", async () => {
    // Prepare
    writeFileSync(join(dataDir, 'launch.txt'), `${COPY}\n`);
    const shipped = createRiskEngine();

    // Act
    const result = await run(['launch.txt', '--url', stack.url, ...credentials(), ...CN]);

    // Assess
    expect(result.err).toBe('');
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/^launch\.txt: RED — 2 findings/);
    expect(result.out).toMatch(/RED {2}cn\.time-bound-efficacy/);
    expect(result.out).toMatch(/YELLOW {2}cn\.absolute\.best/);
    const { rulesVersion } = shipped.evaluate(
      {
        eventId: 'e',
        type: 'ad-copy',
        occurredAt: new Date().toISOString(),
        source: 't',
        copy: { copyId: 'c', text: COPY, lang: 'zh', market: 'CN', category: 'cosmetics', brand: 'x' },
      },
      { now: new Date() },
    ).engine;
    expect(result.out).toContain(`rules: in force on ${stack.url}: ${rulesVersion} · matrix matrix-3x3@1`);
    const cases = await api('GET', '/v1/cases?limit=100', stack.credentials.managerToken);
    expect(CaseListSchema.parse(cases.body).items).toEqual([]);
  });

  it("applies legal's exception for the brand, which the shipped packs alone do not know", async () => {
    // Prepare: the copy is pushed, flagged, and legal approves '最佳' for brand Lumi with an exception
    const pushed = join(dataDir, 'lumi.jsonl');
    writeFileSync(
      pushed,
      `${JSON.stringify({
        eventId: `lumi-${randomUUID()}`,
        type: 'ad-copy',
        occurredAt: new Date().toISOString(),
        source: 'cms',
        copy: {
          copyId: 'lumi-1',
          text: '全网最佳美白精华',
          lang: 'zh',
          market: 'CN',
          category: 'cosmetics',
          brand: 'Lumi',
        },
      })}\n`,
    );
    const { io } = realIo(dataDir);
    expect(await runCli(['push', pushed, '--url', stack.url, ...credentials()], io)).toBe(0);
    // Reviews are queued from the table's stream: wait for it.
    let review: { reviewId: string } | undefined;
    for (let attempt = 0; attempt < 100 && review === undefined; attempt += 1) {
      const reviews = await api('GET', '/v1/reviews?status=pending&limit=100', stack.credentials.legalToken);
      review = (reviews.body.items as { reviewId: string; copy: { brand: string } }[]).find(
        (item) => item.copy.brand === 'Lumi',
      );
      if (review === undefined) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(review).toBeDefined();
    const decided = await api(
      'POST',
      `/v1/reviews/${review?.reviewId}/decision`,
      stack.credentials.legalToken,
      {
        decision: 'approved',
        note: 'backed by the 2026 market report',
        exception: {
          ruleId: 'cn.absolute.best',
          phrase: '最佳',
          evidence: 'Nielsen 2026-Q3',
          expiresAt: '2099-01-01T00:00:00Z',
        },
      },
    );
    expect(decided.status).toBe(200);
    writeFileSync(join(dataDir, 'lumi.txt'), '全网最佳美白精华\n');

    // Act
    const server = await run(['lumi.txt', '--url', stack.url, ...credentials(), ...CN, '--brand', 'Lumi']);
    const shipped = await run(['lumi.txt', ...CN, '--brand', 'Lumi']);

    // Assess
    expect(server.code).toBe(0);
    expect(server.out).toMatch(/Allowed by exception/);
    expect(shipped.code).toBe(1);
    expect(shipped.out).toMatch(/rules: shipped packs /);
  });

  it('records a baseline from the server and passes the next run with every finding known', async () => {
    writeFileSync(join(dataDir, 'launch.txt'), `${COPY}\n`);
    const args = [
      'launch.txt',
      '--url',
      stack.url,
      ...credentials(),
      ...CN,
      '--baseline',
      'radar-baseline.json',
    ];

    const first = await run(args);
    const second = await run(args);

    expect(first.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dataDir, 'radar-baseline.json'), 'utf8')).findings).toHaveLength(2);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/0 new · 2 known · 0 fixed/);
  });

  it("flags copy with legal's published custom rule, names the policy in the rules line, and fails a baseline on it", async () => {
    // Prepare: a baseline recorded before legal publishes the rule
    const taboo = '国家级秘方';
    writeFileSync(join(dataDir, 'formula.txt'), `本品采用${taboo}，口感醇厚\n`);
    const args = ['formula.txt', '--url', stack.url, ...credentials(), ...CN];
    expect((await run([...args, '--baseline', 'formula-baseline.json'])).code).toBe(0);
    const saved = await api('PUT', '/v1/policies/claims/draft', stack.credentials.legalToken, {
      document: {
        rules: [
          {
            id: 'cn.custom.secret-formula',
            markets: ['CN'],
            languages: ['zh'],
            categories: 'all',
            patterns: [taboo],
            probability: 'high',
            impact: 'moderate',
            basis: 'Lumi brand guideline 4.2',
            message: {
              en: 'Lumi does not claim a state-level secret formula.',
              'zh-CN': 'Lumi 不宣称“国家级秘方”。',
              vi: 'Lumi không tuyên bố “bí phương cấp quốc gia”.',
            },
            suggestion: {
              en: 'Name the formula without "secret" or "state-level".',
              'zh-CN': '介绍配方时不要使用“秘方”或“国家级”。',
              vi: 'Nêu tên công thức mà không dùng “bí phương” hay “cấp quốc gia”.',
            },
            examples: { positive: [`采用${taboo}`], negative: ['采用独家配方'] },
          },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const published = await api('POST', '/v1/policies/claims/publish', stack.credentials.legalToken, {
      note: 'taboo',
    });
    expect(published.status).toBe(201);

    // Act: the functions read the active version every few seconds
    let result = await run(args);
    for (
      let waited = 0;
      !result.out.includes('cn.custom.secret-formula') && waited < 60_000;
      waited += 1000
    ) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      result = await run(args);
    }
    const shipped = await run(['formula.txt', ...CN]);
    const gated = await run([...args, '--baseline', 'formula-baseline.json']);

    // Assess
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/RED {2}cn\.custom\.secret-formula/);
    expect(result.out).toContain(`rules: in force on ${stack.url}: `);
    expect(result.out).toMatch(/\+claims-policy@1 · matrix matrix-3x3@1\n$/);
    expect(shipped.out).not.toContain('cn.custom.secret-formula');
    expect(gated.code).toBe(1);
    expect(gated.out).toMatch(/NEW {4}formula\.txt {2}cn\.custom\.secret-formula {2}“国家级秘方”/);
    expect(gated.out).toMatch(
      /note: the baseline was recorded with rules [^ ]*: a finding a rule change added is new/,
    );
    expect(gated.out).not.toMatch(/recorded with rules [^ ]*claims-policy/);
  });

  it('exits 3 with what to check when the secret is wrong', async () => {
    const result = await run([
      'launch.txt',
      '--url',
      stack.url,
      '--client',
      stack.credentials.clientId,
      '--secret',
      'wrong',
      ...CN,
    ]);

    expect(result.code).toBe(3);
    expect(result.err).toMatch(/HTTP 401 from .*\/v1\/evaluate: .*\(check --client and --secret/);
    expect(result.out).toBe('');
  });
});

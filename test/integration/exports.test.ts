import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createLambdaContext } from '#infra/local/lambda-context.ts';
import type { AdCopyEvent } from '#shared/domain/event.ts';
import {
  apiEvent,
  type HttpHandler,
  importEventHandlers,
  postEvents,
  stubHandlerEnv,
} from '../fixtures/api-gateway.ts';
import { adCopyEvent } from '../fixtures/events.ts';
import { createTestTable, type TestTable } from '../support/dynamo.ts';
import { pdfPageTexts } from '../support/pdf-text.ts';

/**
 * The export routes on DynamoDB Local through their real handlers: CSV of what the caller's scope covers
 * and nothing else, the evidence pack of a decided review as a PDF, an out-of-scope review answered as a
 * missing one, and the roles of the matching list routes.
 */

const ZH_COPY = {
  text: '本品是全网最佳美白精华，三天见效',
  brand: 'Acme',
  market: 'CN',
  lang: 'zh',
} as const;
const VI_COPY = {
  text: 'Kem trắng da tốt nhất Việt Nam, cam kết hiệu quả 100% sau 3 ngày',
  brand: 'Bravo',
  market: 'VN',
  lang: 'vi',
  category: 'cosmetics',
} as const;

/** A function's context with its catalog timeout (28 s), not the 10 s default: a busy machine compiles packs slowly. */
const patientContext = (functionName: string) =>
  createLambdaContext({ functionName, awsRequestId: randomUUID(), timeoutMs: 28_000, region: 'us-east-1' });

let table: TestTable;
let exportRecords: HttpHandler;
let exportEvidence: HttpHandler;
const caseOf: Record<'zh' | 'vi', string> = { zh: '', vi: '' };

type Person = readonly string[];
const UNSCOPED_LEGAL: Person = ['legal'];
const ACME_LEGAL: Person = ['legal', 'brand:Acme'];
const BRAVO_LEGAL: Person = ['legal', 'brand:Bravo'];
const MANAGER: Person = ['manager'];

const download = (handler: HttpHandler, groups: Person, url: string, resource: string, id?: string) =>
  handler(
    apiEvent({
      method: 'GET',
      url,
      resource,
      groups,
      ...(id === undefined ? {} : { pathParameters: { id } }),
    }),
    patientContext(handler === exportRecords ? 'export-records' : 'export-evidence'),
  );

const exportCsv = (groups: Person, name: string, query = '') =>
  download(exportRecords, groups, `/v1/exports/${name}.csv${query}`, `/v1/exports/${name}.csv`);

const evidence = (groups: Person, id: string, query = '') =>
  download(
    exportEvidence,
    groups,
    `/v1/reviews/${id}/evidence.pdf${query}`,
    '/v1/reviews/{id}/evidence.pdf',
    id,
  );

/** The rows of a CSV answer under its header, as objects by column name. */
const rowsOf = (answer: APIGatewayProxyResult): Record<string, string>[] =>
  parse(answer.body, { bom: true, columns: true });

const ingestCopy = (ingest: HttpHandler, key: string, copy: Partial<AdCopyEvent['copy']>) =>
  postEvents(ingest, JSON.stringify(adCopyEvent({ ...copy, copyId: `c-${key}` }, `e-${key}`)), {
    context: patientContext('ingest-events'),
  });

beforeAll(async () => {
  table = await createTestTable(inject('dynamoEndpoint'), 'exports');
  stubHandlerEnv({ tableName: table.tableName, endpoint: inject('dynamoEndpoint') });
  const { ingest } = await importEventHandlers();
  exportRecords = (await import('#functions/export-records.ts')).handler;
  exportEvidence = (await import('#functions/export-evidence.ts')).handler;
  const decide = (await import('#functions/decide-review.ts')).handler;
  for (const [key, copy] of [
    ['zh', ZH_COPY],
    ['vi', VI_COPY],
  ] as const) {
    // A busy machine may answer 503 "busy": again, as a pusher does (the event is recognised by its id).
    let answer = await ingestCopy(ingest, key, copy);
    for (let attempt = 1; answer.statusCode === 503 && attempt < 5; attempt += 1) {
      await new Promise((done) => setTimeout(done, 1_000 * attempt));
      answer = await ingestCopy(ingest, key, copy);
    }
    const body = JSON.parse(answer.body) as { caseId?: string };
    if (body.caseId === undefined) throw new Error(`The ${key} copy was not flagged: ${answer.body}`);
    caseOf[key] = body.caseId;
  }
  // Legal approves the Chinese copy with an exception and rejects the Vietnamese one.
  const decideAs = (id: string, body: object) =>
    decide(
      apiEvent({
        method: 'POST',
        url: `/v1/reviews/${id}/decision`,
        resource: '/v1/reviews/{id}/decision',
        pathParameters: { id },
        groups: UNSCOPED_LEGAL,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }),
      patientContext('decide-review'),
    );
  const ruleId = await (async () => {
    const detail = await exportCsv(UNSCOPED_LEGAL, 'reviews');
    return (
      rowsOf(detail)
        .find((row) => row['Case ID'] === caseOf.zh)
        ?.['Rule IDs']?.split('\n')[0] ?? ''
    );
  })();
  const approved = await decideAs(caseOf.zh, {
    decision: 'approved',
    note: '有市场份额报告为证',
    exception: {
      ruleId,
      evidence: 'Market-share report 2026-Q3',
      expiresOn: '2099-03-01',
      timeZone: 'Asia/Shanghai',
    },
  });
  if (approved.statusCode !== 200) throw new Error(`Approval failed: ${approved.body}`);
  const rejected = await decideAs(caseOf.vi, {
    decision: 'rejected',
    note: 'Không có bằng chứng cho "tốt nhất"',
  });
  if (rejected.statusCode !== 200) throw new Error(`Rejection failed: ${rejected.body}`);
});

afterAll(() => {
  vi.unstubAllEnvs();
  table.destroy();
});

describe('GET /v1/exports/{cases,reviews,exceptions}.csv', () => {
  it('exports only the cases a brand-scoped reviewer may see', async () => {
    // Act
    const acme = await exportCsv(ACME_LEGAL, 'cases');
    const everyone = await exportCsv(UNSCOPED_LEGAL, 'cases');

    // Assess
    expect(acme.statusCode).toBe(200);
    expect(acme.headers?.['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(acme.headers?.['content-disposition'])).toMatch(
      /^attachment; filename="risk-radar-cases-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    expect(rowsOf(acme).map((row) => [row['Case ID'], row.Brand])).toEqual([[caseOf.zh, 'Acme']]);
    expect(acme.headers?.['x-export-rows']).toBe('1');
    expect(
      rowsOf(everyone)
        .map((row) => row.Brand)
        .sort(),
    ).toEqual(['Acme', 'Bravo']);
  });

  it('keeps the list route’s filters', async () => {
    // Act
    const vietnam = await exportCsv(UNSCOPED_LEGAL, 'cases', '?market=VN');
    const refused = await exportCsv(UNSCOPED_LEGAL, 'cases', '?market=Vietnam');

    // Assess
    expect(rowsOf(vietnam).map((row) => row['Case ID'])).toEqual([caseOf.vi]);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers?.['content-type']).toBe('application/problem+json');
  });

  it('writes headers and findings in the reader’s language, the copy as written', async () => {
    // Act
    const answer = await exportCsv(UNSCOPED_LEGAL, 'reviews', '?status=rejected&lang=vi');

    // Assess
    const [row, ...others] = rowsOf(answer);
    expect(others).toEqual([]);
    expect(row?.['Mã thẩm định']).toBe(caseOf.vi);
    expect(row?.['Trạng thái']).toBe('Từ chối');
    expect(row?.['Nội dung quảng cáo']).toBe(VI_COPY.text);
    expect(row?.['Ghi chú quyết định']).toBe('Không có bằng chứng cho "tốt nhất"');
    expect(answer.body.startsWith('\uFEFF')).toBe(true);
  });

  it('exports only the exceptions of the reviewer’s brands', async () => {
    // Act
    const acme = await exportCsv(ACME_LEGAL, 'exceptions', '?lang=zh-CN');
    const bravo = await exportCsv(BRAVO_LEGAL, 'exceptions');

    // Assess
    expect(rowsOf(acme).map((row) => [row.品牌, row.状态, row.证明材料])).toEqual([
      ['Acme', '有效', 'Market-share report 2026-Q3'],
    ]);
    expect(rowsOf(bravo)).toEqual([]);
  });

  it('lets only legal export reviews and exceptions, as their lists', async () => {
    // Act
    const reviews = await exportCsv(MANAGER, 'reviews');
    const exceptions = await exportCsv(MANAGER, 'exceptions');
    const cases = await exportCsv(MANAGER, 'cases');

    // Assess
    expect([reviews.statusCode, exceptions.statusCode, cases.statusCode]).toEqual([403, 403, 200]);
  });
});

describe('GET /v1/reviews/{id}/evidence.pdf', () => {
  it('answers the evidence pack of a decided review as a PDF download in the reader’s language', async () => {
    // Act
    const answer = await evidence(MANAGER, caseOf.zh, '?lang=zh-CN');

    // Assess
    expect(answer.statusCode).toBe(200);
    expect(answer.isBase64Encoded).toBe(true);
    expect(answer.headers?.['content-type']).toBe('application/pdf');
    expect(answer.headers?.['content-disposition']).toBe(
      `attachment; filename="evidence-pack-${caseOf.zh}.pdf"`,
    );
    const pdf = Buffer.from(answer.body, 'base64');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = (await pdfPageTexts(pdf)).join('').replace(/\s+/g, '');
    for (const expected of [
      '证据包',
      ZH_COPY.text,
      '已批准',
      '有市场份额报告为证',
      'Market-share report 2026-Q3',
    ])
      expect(text).toContain(expected.replace(/\s+/g, ''));
  });

  it('answers a review outside the caller’s brands exactly as a missing one', async () => {
    // Act
    const outside = await evidence(BRAVO_LEGAL, caseOf.zh);
    const missing = await evidence(BRAVO_LEGAL, 'no-such-review');

    // Assess
    expect(outside.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const detail = (answer: APIGatewayProxyResult) => (JSON.parse(answer.body) as { detail: string }).detail;
    expect(detail(outside)).toBe(`No review ${caseOf.zh}`);
    expect(detail(missing)).toBe('No review no-such-review');
  });

  it('writes the Vietnamese copy and the rejection for a reviewer of its brand', async () => {
    // Act
    const answer = await evidence(BRAVO_LEGAL, caseOf.vi, '?lang=vi');

    // Assess
    const text = (await pdfPageTexts(Buffer.from(answer.body, 'base64'))).join('').replace(/\s+/g, '');
    for (const expected of [
      'Hồ sơ bằng chứng',
      VI_COPY.text,
      'Từ chối',
      'Không có bằng chứng cho "tốt nhất"',
    ])
      expect(text).toContain(expected.replace(/\s+/g, ''));
  });
});

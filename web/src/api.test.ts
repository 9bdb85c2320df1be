import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, createApi, filenameOf } from './api.ts';

/** A response whose body arrives in `chunks`, as a slow download does. */
const streamed = (chunks: readonly string[], headers: Record<string, string>): Response => {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, { status: 200, headers });
};

afterEach(() => vi.unstubAllGlobals());

describe('filenameOf', () => {
  it('reads the RFC 5987 name first, then the quoted or bare one', () => {
    // Prepare
    const headers = [
      `attachment; filename="cases.csv"; filename*=UTF-8''h%E1%BB%93-s%C6%A1.csv`,
      'attachment; filename="risk-radar-cases-2026-12-01.csv"',
      'attachment; filename=evidence-pack-r1.pdf',
      'attachment',
      null,
    ];

    // Act
    const names = headers.map(filenameOf);

    // Assess
    expect(names).toEqual([
      'hồ-sơ.csv',
      'risk-radar-cases-2026-12-01.csv',
      'evidence-pack-r1.pdf',
      undefined,
      undefined,
    ]);
  });
});

describe('api.download', () => {
  it('fetches with the token and the reader’s language, reports progress and keeps the bytes and name', async () => {
    // Prepare
    const chunks = ['caseId,level\n', 'c-1,红色\n'];
    const [first, second] = chunks.map((chunk) => new TextEncoder().encode(chunk).byteLength) as [
      number,
      number,
    ];
    const total = first + second;
    const fetch = vi.fn(async () =>
      streamed(chunks, {
        'content-type': 'text/csv; charset=utf-8',
        'content-length': String(total),
        'content-disposition': 'attachment; filename="risk-radar-cases.csv"',
      }),
    );
    vi.stubGlobal('fetch', fetch);
    const api = createApi({ baseUrl: '', token: () => 'tok', locale: () => 'zh-CN' });
    const progress: [number, number | undefined][] = [];

    // Act
    const file = await api.download('/exports/cases.csv', { owner: 'me', q: '' }, (received, total) =>
      progress.push([received, total]),
    );

    // Assess
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/v1/exports/cases.csv?owner=me');
    expect(init.headers).toMatchObject({ authorization: 'Bearer tok', 'accept-language': 'zh-CN' });
    expect(await file.blob.text()).toBe('caseId,level\nc-1,红色\n');
    expect(file.filename).toBe('risk-radar-cases.csv');
    expect(progress).toEqual([
      [first, total],
      [total, total],
    ]);
  });

  it('turns a refusal into an ApiError with the problem’s words, and a 401 signs out', async () => {
    // Prepare
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ title: 'Not Found', detail: 'No review r-9', status: 404 }), {
            status: 404,
            headers: { 'content-type': 'application/problem+json' },
          }),
      ),
    );
    const onUnauthorized = vi.fn();
    const api = createApi({ baseUrl: '', token: () => 'tok', onUnauthorized });

    // Act
    const refusal = await api.download('/reviews/r-9/evidence.pdf').catch((error: unknown) => error);
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('', { status: 401 })),
    );
    const expired = await api.download('/exports/reviews.csv').catch((error: unknown) => error);

    // Assess
    expect(refusal).toBeInstanceOf(ApiError);
    expect((refusal as ApiError).status).toBe(404);
    expect((refusal as ApiError).detail).toBe('No review r-9');
    expect((expired as ApiError).status).toBe(401);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });
});

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.ts';
import { runCli } from '../../cli/main.ts';
import { type FakeApi, fakeIo, problemReply, startFakeApi } from './fake-io.ts';

const saved = (id: string, version: number, extra: Record<string, unknown> = {}) => ({
  campaignId: id,
  source: 'cli',
  createdAt: '2026-11-22T09:00:00.000Z',
  updatedAt: '2026-11-22T09:00:00.000Z',
  updatedBy: 'user:local-manager',
  version,
  ...extra,
});

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const fileWith = async (name: string, text: string): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'campaigns-'));
  const path = join(dir, name);
  await writeFile(path, text, 'utf8');
  return path;
};

describe('risk-radar campaigns push', () => {
  it('sends each row of the sample file as a PUT with the manager token; an empty cell leaves the field', async () => {
    // Prepare
    api = await startFakeApi((request, count) => ({
      status: count === 0 ? 201 : 200,
      body: saved(decodeURIComponent(request.url.split('/').pop() ?? ''), count + 1),
    }));
    const io = fakeIo({ env: { RADAR_MANAGER_TOKEN: 'mgr-token' } });

    // Act
    const code = await runCli(['campaigns', 'push', 'docs/samples/campaigns.csv', '--url', api.url], io);

    // Assess
    expect(code).toBe(EXIT.ok);
    expect(api.requests.map((request) => `${request.method} ${decodeURIComponent(request.url)}`)).toEqual([
      'PUT /v1/campaigns/tet-2027-vn',
      'PUT /v1/campaigns/spring-serum-cn',
      'PUT /v1/campaigns/uk-winter-care',
      'PUT /v1/campaigns/acme-brand-always-on',
    ]);
    expect(api.requests[0]?.headers.authorization).toBe('Bearer mgr-token');
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({
      source: 'cli',
      name: 'Tết 2027 launch',
      brand: 'Lumière',
      market: 'VN',
      channel: 'tiktok',
      owner: 'vy.nguyen',
      plan: { budget: 250_000_000, currency: 'VND', periodStart: '2027-01-10', periodEnd: '2027-02-15' },
    });
    expect(JSON.parse(api.requests[3]?.body ?? '')).toEqual({
      source: 'cli',
      brand: 'Acme',
      market: 'US',
      channel: 'google',
    });
    expect(io.stdout.text()).toContain('tet-2027-vn: created (version 1)');
    expect(io.stdout.text()).toContain('4 of 4 campaigns saved');
  });

  it('names the row, column and what was expected for every bad row, and sends nothing', async () => {
    // Prepare
    api = await startFakeApi(() => ({ status: 200, body: saved('x', 1) }));
    const path = await fileWith(
      'bad.csv',
      [
        'campaignId,brand,market,budget,currency,periodStart,periodEnd',
        'ok-1,Acme,VN,100,USD,2026-11-01,2026-11-30',
        'bad-1,Acme,Vietnam,,,,',
        'bad-2,Acme,VN,100,,2026-11-01,2026-11-30',
        ',Acme,VN,,,,',
      ].join('\n'),
    );
    const io = fakeIo();

    // Act
    const code = await runCli(['campaigns', 'push', path, '--url', api.url], io);

    // Assess
    expect(code).toBe(EXIT.usage);
    expect(api.requests).toEqual([]);
    const errors = io.stderr.text();
    expect(errors).toContain('line 3 (bad-1): market: market must be an ISO 3166-1 alpha-2 country code');
    expect(errors).toContain('line 4 (bad-2): currency: required with budget, periodStart, periodEnd');
    expect(errors).toContain('line 5: campaignId: required');
  });

  it('refuses an unknown column before anything is sent', async () => {
    // Prepare
    const path = await fileWith('cols.csv', 'campaignId,brnad\ncmp-1,Acme\n');
    const io = fakeIo();

    // Act
    const code = await runCli(['campaigns', 'push', path], io);

    // Assess
    expect(code).toBe(EXIT.usage);
    expect(io.stderr.text()).toContain('unknown columns brnad');
  });

  it('reads YAML, reports a campaign the server refuses (exit 1) and retries a 503', async () => {
    // Prepare
    api = await startFakeApi((request, count) => {
      if (count === 0) return problemReply(503, 'Busy', 'retry', { headers: { 'retry-after': '1' } });
      if (request.url.endsWith('/other')) return problemReply(404, 'Not found', 'No campaign other');
      return { status: 200, body: saved('mine', 3) };
    });
    const path = await fileWith(
      'c.yaml',
      '- campaignId: mine\n  owner: ana\n- campaignId: other\n  brand: Globex\n',
    );
    const io = fakeIo();

    // Act
    const code = await runCli(['campaigns', 'push', path, '--url', api.url], io);

    // Assess
    expect(code).toBe(EXIT.attention);
    expect(api.requests).toHaveLength(3);
    expect(io.sleeps[0]).toBeGreaterThanOrEqual(1000);
    expect(io.stdout.text()).toContain('mine: saved (version 3)');
    expect(io.stderr.text()).toContain('entry 2 (other): refused: HTTP 404: No campaign other');
  });
});

describe('risk-radar campaigns list', () => {
  it('follows every page with the filters and prints one line per campaign', async () => {
    // Prepare
    api = await startFakeApi((request) =>
      request.url.includes('cursor=')
        ? { status: 200, body: { items: [saved('b-1', 1, { brand: 'Acme', owner: 'ana' })] } }
        : {
            status: 200,
            body: {
              items: [
                saved('a-1', 2, {
                  brand: 'Acme',
                  market: 'VN',
                  plan: { budget: 100, currency: 'USD', periodStart: '2026-11-01', periodEnd: '2026-11-30' },
                }),
              ],
              cursor: 'next',
            },
          },
    );
    const io = fakeIo();

    // Act
    const code = await runCli(
      ['campaigns', 'list', '--brand', 'Acme', '--owner', 'me', '--url', api.url],
      io,
    );

    // Assess
    expect(code).toBe(EXIT.ok);
    expect(api.requests.map((request) => request.url)).toEqual([
      '/v1/campaigns?limit=100&brand=Acme&owner=me',
      '/v1/campaigns?limit=100&brand=Acme&owner=me&cursor=next',
    ]);
    const lines = io.stdout.text().trim().split('\n');
    expect(lines[0]).toMatch(/^campaignId\s+name\s+brand\s+market\s+channel\s+owner\s+plan$/);
    expect(lines[1]).toMatch(/^a-1\s+—\s+Acme\s+VN\s+—\s+—\s+100 USD 2026-11-01\.\.2026-11-30$/);
    expect(lines[3]).toBe('2 campaigns');
  });
});

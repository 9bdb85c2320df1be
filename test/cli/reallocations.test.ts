import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../cli/exit-codes.ts';
import { runCli } from '../../cli/main.ts';
import { type FakeApi, fakeIo, problemReply, startFakeApi } from './fake-io.ts';

const reallocation = (extra: Record<string, unknown> = {}) => ({
  reallocationId: 'ra-1',
  from: { campaignId: 'cmp-spring' },
  to: { campaignId: 'cmp-summer' },
  amount: 2000,
  currency: 'EUR',
  reason: 'Summer converts at half the CPA',
  state: 'requested',
  requestedBy: 'user:ana',
  requestedAt: '2026-12-02T09:00:00.000Z',
  version: 1,
  ...extra,
});

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('risk-radar reallocations', () => {
  it('requests a re-allocation with the manager token and the body the API takes', async () => {
    // Prepare
    api = await startFakeApi(() => ({ status: 201, body: reallocation() }));
    const io = fakeIo({ env: { RADAR_MANAGER_TOKEN: 'mgr-token' } });

    // Act
    const code = await runCli(
      [
        'reallocations',
        'request',
        '--from',
        'cmp-spring',
        '--to',
        'cmp-summer',
        '--to-channel',
        'google',
        '--amount',
        '2000',
        '--currency',
        'eur',
        '--reason',
        'Summer converts at half the CPA',
        '--url',
        api.url,
      ],
      io,
    );

    // Assess
    expect(code).toBe(EXIT.ok);
    const [sent] = api.requests;
    expect([sent?.method, sent?.url, sent?.headers.authorization]).toEqual([
      'POST',
      '/v1/reallocations',
      'Bearer mgr-token',
    ]);
    expect(JSON.parse(sent?.body ?? '')).toEqual({
      from: { campaignId: 'cmp-spring' },
      to: { campaignId: 'cmp-summer', channel: 'google' },
      amount: 2000,
      currency: 'EUR',
      reason: 'Summer converts at half the CPA',
    });
    expect(io.stdout.text()).toContain('ra-1: requested 2000 EUR from cmp-spring to cmp-summer');
  });

  it('refuses a request without a reason before sending anything', async () => {
    // Prepare
    api = await startFakeApi(() => ({ status: 201, body: reallocation() }));
    const io = fakeIo();

    // Act
    const code = await runCli(
      [
        'reallocations',
        'request',
        '--from',
        'a',
        '--to',
        'b',
        '--amount',
        '5',
        '--currency',
        'EUR',
        '--url',
        api.url,
      ],
      io,
    );

    // Assess
    expect(code).toBe(EXIT.usage);
    expect(io.stderr.text()).toContain('needs --reason');
    expect(api.requests).toHaveLength(0);
  });

  it('says why the server refused a decision (own request) and exits 1', async () => {
    // Prepare
    api = await startFakeApi(() =>
      problemReply(
        403,
        'Forbidden',
        'You requested re-allocation ra-1: another manager approves or rejects it',
      ),
    );
    const io = fakeIo();

    // Act
    const code = await runCli(
      ['reallocations', 'decide', 'ra-1', '--approve', '--note', 'ok', '--url', api.url],
      io,
    );

    // Assess
    expect(code).toBe(EXIT.attention);
    expect(api.requests[0]?.url).toBe('/v1/reallocations/ra-1/decision');
    expect(JSON.parse(api.requests[0]?.body ?? '')).toEqual({ decision: 'approved', note: 'ok' });
    expect(io.stderr.text()).toContain('HTTP 403: You requested re-allocation ra-1');
  });

  it('lists a campaign’s re-allocations with who requested and decided, when and why', async () => {
    // Prepare
    api = await startFakeApi(() => ({
      status: 200,
      body: {
        items: [
          reallocation({
            state: 'approved',
            decidedBy: 'user:li',
            decidedAt: '2026-12-02T10:00:00.000Z',
            note: 'Agreed',
            version: 2,
          }),
        ],
        you: 'user:ana',
      },
    }));
    const io = fakeIo();

    // Act
    const code = await runCli(['reallocations', 'list', 'cmp-spring', '--url', api.url], io);

    // Assess
    expect(code).toBe(EXIT.ok);
    expect(api.requests[0]?.url).toBe('/v1/campaigns/cmp-spring/reallocations');
    expect(io.stdout.text()).toBe(
      'ra-1  approved  2000 EUR cmp-spring → cmp-summer  requested by user:ana at 2026-12-02T09:00:00.000Z: Summer converts at half the CPA; approved by user:li at 2026-12-02T10:00:00.000Z: Agreed\n1 re-allocations of cmp-spring\n',
    );
  });

  it('needs exactly one of --approve and --reject', async () => {
    // Prepare
    const io = fakeIo();

    // Act
    const code = await runCli(['reallocations', 'decide', 'ra-1', '--note', 'x'], io);

    // Assess
    expect(code).toBe(EXIT.usage);
    expect(io.stderr.text()).toContain('exactly one of --approve or --reject');
  });
});

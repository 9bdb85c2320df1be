import { afterEach, describe, expect, it } from 'vitest';
import { asSentimentBaseline, type SentimentBaseline } from '#shared/domain/baselines.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { RiskEventSchema } from '#shared/schemas/events.ts';
import { demoScenario } from '../../cli/demo/scenario.ts';
import { runCli } from '../../cli/main.ts';
import { acceptAll, closedPort, type FakeApi, fakeIo, startFakeApi } from './fake-io.ts';

const NOW = new Date('2026-11-22T09:30:00Z');
let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('Function: demoScenario', () => {
  const parts = demoScenario(NOW, 'run1');
  const engine = createRiskEngine();
  const levelsOf = (index: number) =>
    (parts[index]?.events ?? []).map((event) => engine.evaluate(event, { now: NOW }).level);

  it('is made of events the API accepts, with unique ids carrying the run id', () => {
    const events = parts.flatMap((part) => part.events);
    for (const event of events) expect(RiskEventSchema.safeParse(event).success).toBe(true);
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
    expect(events.every((event) => event.eventId.startsWith('demo-run1-'))).toBe(true);
  });

  it('has a campaign ending more than 25 % over plan, red, after days of spend', () => {
    // Prepare
    const spend = (parts[0]?.events ?? []).flatMap((event) => (event.type === 'spend' ? [event] : []));
    const drifting = spend.filter((event) => event.spend.campaignId === 'cmp-demo-spring-launch');
    const last = drifting.at(-1);

    // Assess
    expect(new Set(drifting.map((event) => event.occurredAt.slice(0, 10))).size).toBeGreaterThanOrEqual(4);
    expect((last?.spend.actualSpend ?? 0) / (last?.spend.plannedBudget ?? 1)).toBeGreaterThan(1.25);
    expect(levelsOf(0).at(-2)).toBe('red');
    expect(levelsOf(0).at(-1)).toBe('green');
  });

  it('has a sentiment spike: calm windows, then yellow, then red, judged against the baseline it builds', () => {
    // Prepare
    const events = parts[1]?.events ?? [];
    let sentiment: SentimentBaseline | undefined;

    // Act: as ingest does, each window is judged against the baseline the earlier ones taught
    const levels = events.map((event) => {
      const level = engine.evaluate(event, { now: NOW, baselines: { sentiment } }).level;
      sentiment = asSentimentBaseline(engine.nextBaseline(event, sentiment)) ?? sentiment;
      return level;
    });

    // Assess
    expect(levels.slice(0, -2).every((level) => level === 'green')).toBe(true);
    expect(levels.slice(-2)).toEqual(['yellow', 'red']);
  });

  it('has ad copy in three languages, some compliant, some yellow, some red', () => {
    // Prepare
    const copies = (parts[2]?.events ?? []).flatMap((event) => (event.type === 'ad-copy' ? [event] : []));
    const levels = levelsOf(2);

    // Assess
    expect(new Set(copies.map((event) => event.copy.lang))).toEqual(new Set(['zh', 'vi', 'en']));
    for (const lang of ['zh', 'vi', 'en']) {
      const own = levels.filter((_, index) => copies[index]?.copy.lang === lang);
      expect(own).toContain('green');
      expect(own.some((level) => level !== 'green')).toBe(true);
    }
    expect(levels).toContain('red');
    expect(levels).toContain('yellow');
  });
});

describe('Command: demo', () => {
  it('pushes the scenario, lists the cases and shows how to look', async () => {
    // Prepare
    api = await startFakeApi((request) => {
      if (request.url === '/v1/health') return { status: 200, body: { status: 'ok' } };
      if (request.url.startsWith('/v1/cases')) {
        const at = '2026-11-22T09:00:00Z';
        return {
          status: 200,
          body: {
            items: [
              {
                caseId: 'case-1',
                riskType: 'budget',
                level: 'red',
                probability: 'high',
                impact: 'severe',
                status: 'open',
                subject: { key: 'k', label: 'campaign cmp-demo-spring-launch on tiktok' },
                occurrences: 3,
                firstSeenAt: at,
                lastSeenAt: at,
                createdAt: at,
                updatedAt: at,
                findings: [],
                escalationCount: 1,
                version: 1,
              },
            ],
          },
        };
      }
      return acceptAll(request);
    });
    const io = fakeIo({ now: NOW });

    // Act
    const code = await runCli(['demo', '--url', api.url], io);

    // Assess
    const out = io.stdout.text();
    expect(code).toBe(0);
    const total = demoScenario(NOW, 'any').flatMap((part) => part.events).length;
    expect(out).toContain(`${total} of ${total} events accepted`);
    expect(out).toContain('Kem dưỡng trắng da tốt nhất');
    expect(out).toMatch(/RED\s+budget\s+campaign cmp-demo-spring-launch on tiktok\s+3 occurrences · case-1/);
    expect(out).toContain(
      `curl -s '${api.url}/v1/cases?level=red' -H 'authorization: Bearer dev-manager-token'`,
    );
    expect(out).toContain(`${api.url}/v1/cases/case-1`);
    const cases = api.requests.find((request) => request.url.startsWith('/v1/cases'));
    expect(cases?.headers.authorization).toBe('Bearer dev-manager-token');
  });

  it('says how to start the stack when nothing listens, exiting 3', async () => {
    // Prepare
    const port = await closedPort();
    const io = fakeIo();

    // Act
    const code = await runCli(['demo', '--url', `http://127.0.0.1:${port}`], io);

    // Assess
    expect(code).toBe(3);
    expect(io.stderr.text()).toMatch(
      /nothing is listening at http:\/\/127\.0\.0\.1:\d+\.\nStart the local stack .* `npm start`/,
    );
  });

  it('refuses stray arguments', async () => {
    const io = fakeIo();
    expect(await runCli(['demo', 'now'], io)).toBe(2);
    expect(io.stderr.text()).toMatch(/Unexpected argument: now/);
  });
});

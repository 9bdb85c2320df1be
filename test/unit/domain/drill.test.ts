import { describe, expect, it } from 'vitest';
import { caseIndexes, caseToItem } from '#shared/adapters/dynamodb-items.ts';
import { escalationPublishInput, followUpPublishInput } from '#shared/adapters/escalation-publish.ts';
import type { Principal } from '#shared/auth/principal.ts';
import { baselineKeyOf } from '#shared/domain/baselines.ts';
import { acknowledgeCase, type RiskCase, resolveCase, subjectOf } from '#shared/domain/case.ts';
import { DRILL_KINDS, drillIdOf, drillReportOf, drillScenario, drillStepOf } from '#shared/domain/drill.ts';
import { NotFoundError } from '#shared/errors.ts';
import { CASE_COLUMNS } from '#shared/export/records.ts';
import { subjectText } from '#shared/i18n/vocabulary.ts';
import type { CaseQuery, FollowUpMessage } from '#shared/ports.ts';
import { RiskEventSchema } from '#shared/schemas/events.ts';
import { checkSla } from '#shared/use-cases/check-sla.ts';
import { drillReportFor, drillTargetFor, startDrill } from '#shared/use-cases/drill.ts';
import { indexChange } from '#shared/use-cases/index-cases.ts';
import { type IngestDependencies, ingestEvents } from '#shared/use-cases/ingest-events.ts';
import { spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';
import { MemoryEventStore } from '../../fixtures/memory-event-store.ts';
import { MemorySearchIndex } from '../../fixtures/memory-search-index.ts';
import { scriptedEngine } from '../../fixtures/scripted-engine.ts';

const NOW = new Date('2026-12-02T03:00:00Z');
const HOUR = 3_600_000;
const links = { webUrl: 'https://radar.example.com' };

const manager = (
  scope: Principal extends infer P ? (P extends { scope: infer S } ? S : never) : never = {},
) =>
  ({
    kind: 'person',
    id: 'sub-ana',
    username: 'ana',
    name: 'Ana',
    roles: ['manager'],
    scope,
  }) as Principal;

const deps = (store = new MemoryEventStore()): IngestDependencies & { store: MemoryEventStore } => {
  let ids = 0;
  return {
    store,
    exceptions: { forBrand: async () => [] },
    engine: scriptedEngine,
    policy: testPolicy,
    clock: { now: () => NOW },
    sleep: async () => {},
    newCaseId: () => {
      ids += 1;
      return `case-${ids}`;
    },
  };
};

const drilled = <E extends ReturnType<typeof spendEvent>>(event: E, drillId = 'drill-1'): E => ({
  ...event,
  drill: { drillId },
});

/** A red drill case opened through ingest, as the store holds it. */
const drillCase = async (): Promise<RiskCase> => {
  const d = deps();
  const [result] = await ingestEvents(
    'pusher',
    [{ index: 0, ok: true, event: drilled(spendEvent({ actualSpend: 20_000, brand: 'Acme' })) }],
    d,
  );
  const caseId = result !== undefined && 'caseId' in result ? result.caseId : undefined;
  const found = caseId === undefined || caseId === null ? undefined : d.store.cases.get(caseId);
  if (found === undefined) throw new Error('no drill case');
  return found;
};

describe('The drill marker in the event contract', () => {
  it('admits an event with a drill marker and keeps it', () => {
    // Prepare
    const event = drilled(spendEvent(), 'drill-20261202t030000z-abc');

    // Act
    const parsed = RiskEventSchema.safeParse(event);

    // Assess
    expect(parsed.success).toBe(true);
    expect(parsed.success && parsed.data.drill).toEqual({ drillId: 'drill-20261202t030000z-abc' });
  });

  it.each([
    ['an empty drill id', { drillId: '' }],
    ['a drill id with a space', { drillId: 'drill 1' }],
    ['an unknown field in the marker', { drillId: 'drill-1', real: false }],
    ['a marker without its id', {}],
  ])('refuses %s, naming the path', (_, drill) => {
    // Act
    const parsed = RiskEventSchema.safeParse({ ...spendEvent(), drill });

    // Assess
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.some((issue) => issue.path[0] === 'drill')).toBe(true);
  });
});

describe('A drill case stays apart from real cases of the same subject', () => {
  it('has its own subject key and baseline key', () => {
    // Prepare
    const real = spendEvent();

    // Act / Assess
    expect(subjectOf(drilled(real)).key).not.toBe(subjectOf(real).key);
    expect(subjectOf(drilled(real, 'drill-1')).key).not.toBe(subjectOf(drilled(real, 'drill-2')).key);
    expect(baselineKeyOf(drilled(real))?.key).not.toBe(baselineKeyOf(real)?.key);
  });

  it('opens its own case (drill id space, marked), and a real event never joins it nor it a real one', async () => {
    // Prepare: a real red case on cmp-1/facebook.
    const d = deps();
    const [real] = await ingestEvents(
      'pusher',
      [{ index: 0, ok: true, event: spendEvent({ actualSpend: 20_000 }, 'e-real-1') }],
      d,
    );

    // Act: a drill event on the same campaign and channel, then another real event.
    const [drill] = await ingestEvents(
      'pusher',
      [{ index: 0, ok: true, event: drilled(spendEvent({ actualSpend: 20_000 }, 'e-drill-1')) }],
      d,
    );
    const [realAgain] = await ingestEvents(
      'pusher',
      [{ index: 0, ok: true, event: spendEvent({ actualSpend: 21_000 }, 'e-real-2') }],
      d,
    );

    // Assess
    const realId = real && 'caseId' in real ? real.caseId : undefined;
    const drillId = drill && 'caseId' in drill ? drill.caseId : undefined;
    expect(drillId).toMatch(/^drill-case-\d+$/);
    expect(drillId).not.toBe(realId);
    expect(realAgain && 'caseId' in realAgain ? realAgain.caseId : undefined).toBe(realId);
    expect(d.store.cases.get(String(drillId))?.drill).toEqual({ drillId: 'drill-1' });
    expect(d.store.cases.get(String(realId))?.drill).toBeUndefined();
    expect(d.store.cases.get(String(realId))?.occurrences).toBe(2);
    expect(d.store.cases.get(String(drillId))?.occurrences).toBe(1);
  });

  it('is a spend subject like the real one: it takes the brand the event names, its owner, and its words', async () => {
    // Prepare: the catalogue knows brand Acme, owned by ana.
    const acme = {
      brand: 'Acme',
      owner: 'ana',
      managers: [],
      createdAt: '',
      updatedAt: '',
      updatedBy: '',
      version: 1,
    };
    const d = {
      ...deps(),
      catalogue: {
        getMany: async () => ({ campaigns: new Map(), brands: new Map([['acme', acme]]) }),
        saveCampaign: async () => 'saved' as const,
        saveBrand: async () => 'saved' as const,
      },
    } as unknown as IngestDependencies & { store: MemoryEventStore };
    const event = drilled(spendEvent({ actualSpend: 20_000, brand: 'Acme' }, 'e-owned'));

    // Act
    const [result] = await ingestEvents('pusher', [{ index: 0, ok: true, event }], d);

    // Assess
    const opened = d.store.cases.get(String(result && 'caseId' in result ? result.caseId : ''));
    expect(opened).toMatchObject({ owner: 'ana', subject: { brand: 'Acme', campaignId: 'cmp-1' } });
    expect(subjectText('zh-CN', opened?.subject ?? subjectOf(event))).toBe(
      subjectText('zh-CN', subjectOf(spendEvent())),
    );
  });

  it('records no catalogue sighting and no review for legal', async () => {
    // Prepare
    const saved: string[] = [];
    const d = {
      ...deps(),
      catalogue: {
        getMany: async () => ({ campaigns: new Map(), brands: new Map() }),
        saveCampaign: async (campaign: { campaignId: string }) => {
          saved.push(campaign.campaignId);
          return 'saved' as const;
        },
        saveBrand: async (brand: { brand: string }) => {
          saved.push(brand.brand);
          return 'saved' as const;
        },
      },
    } as unknown as IngestDependencies & { store: MemoryEventStore };
    const claim = drillScenario('claim', 'drill-9', NOW, { brand: 'Acme' });

    // Act
    await ingestEvents(
      'pusher',
      [
        ...claim.map((event, index) => ({ index, ok: true as const, event })),
        { index: 1, ok: true, event: drilled(spendEvent({ actualSpend: 20_000, brand: 'Acme' }, 'e-d')) },
      ],
      d,
    );

    // Assess
    expect(saved).toEqual([]);
    expect(d.store.reviews.size).toBe(0);
  });
});

describe('A drill case is left out of every figure', () => {
  it('is filed under drill partitions only, never under a partition real cases are read from', async () => {
    // Prepare
    const drill = await drillCase();
    const real: RiskCase = { ...drill, caseId: 'case-9', drill: undefined } as RiskCase;
    const { drill: _, ...realCase } = real;

    // Act
    const drillItem = caseToItem(drill);
    const realItem = caseToItem(realCase as RiskCase);

    // Assess: every index attribute of the drill case (all, filtered, recorded: lists, heat map, board
    // counts, campaign overviews, exports, digest) differs from the real case's.
    const partitionKeys = [
      caseIndexes.all.partitionKey,
      caseIndexes.recorded.partitionKey,
      ...caseIndexes.filtered.map((index) => index.partitionKey),
    ];
    const filed = partitionKeys.filter((key) => realItem[key] !== undefined);
    expect(filed.length).toBeGreaterThan(3);
    for (const key of filed) {
      expect(drillItem[key], key).toMatch(/^DRILL#/);
      expect(drillItem[key], key).not.toBe(realItem[key]);
    }
    expect(drillItem[caseIndexes.all.partitionKey]).toBe('DRILL#CASES#RUN#drill-1');
  });

  it('is marked in a CSV export that asks for it: the drill column holds its drill id', async () => {
    // Prepare
    const drill = await drillCase();
    const { drill: _, ...real } = drill;
    const column = CASE_COLUMNS.find((candidate) => candidate.header === 'column.drill');

    // Act / Assess
    expect(column?.value(drill, 'en')).toBe('drill-1');
    expect(column?.value(real as RiskCase, 'en')).toBeUndefined();
  });

  it('never reaches the search index', async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const drill = await drillCase();

    // Act
    const changes = await indexChange({ kind: 'case', caseId: drill.caseId, after: drill }, index);

    // Assess
    expect(changes.put).toEqual([]);
  });

  it('still runs on the SLA clock: the SLA check reads drill cases with the real ones', async () => {
    // Prepare
    const drill = await drillCase();
    const queries: CaseQuery[] = [];
    const saved: RiskCase[] = [];

    // Act: five hours later, nobody acknowledged.
    const report = await checkSla(
      {
        reader: {
          listCases: async (query) => {
            queries.push(query);
            return { items: query.drill === 'include' ? [drill] : [] };
          },
        },
        cases: {
          getCase: async () => drill,
          saveTransition: async (next) => {
            saved.push(next);
            return 'saved';
          },
        },
        catalogue: { getMany: async () => ({ campaigns: new Map(), brands: new Map() }) },
        policy: testPolicy,
        clock: { now: () => new Date(NOW.getTime() + 5 * HOUR) },
        slaHours: 4,
      },
      ['red'],
    );

    // Assess
    expect(report.escalated).toEqual([drill.caseId]);
    expect(saved[0]?.escalation?.tier).toBe(2);
  });
});

describe('A drill pages as [DRILL]', () => {
  it('prefixes the subject, body and SMS and carries the drill id, within SNS’s 10 attributes', async () => {
    // Prepare
    const drill = await drillCase();
    const escalation = drill.escalation;
    if (escalation === undefined) throw new Error('the drill case did not page');

    // Act
    const input = escalationPublishInput('arn:topic', { case: drill, escalation }, links);

    // Assess
    const message = JSON.parse(String(input.Message)) as { default: string; sms: string };
    expect(input.Subject).toMatch(/^\[DRILL\] /);
    expect(message.default).toMatch(/^\[DRILL\] /);
    expect(message.sms).toMatch(/^\[DRILL\] /);
    expect(input.MessageAttributes?.drill).toEqual({ DataType: 'String', StringValue: 'drill-1' });
    expect(Object.keys(input.MessageAttributes ?? {}).length).toBeLessThanOrEqual(10);
  });

  it('prefixes its follow-ups too, and a real case’s page carries neither', async () => {
    // Prepare
    const drill = await drillCase();
    const acknowledged = acknowledgeCase(drill, 'user:ana', new Date(NOW.getTime() + HOUR));
    if (!acknowledged.ok || acknowledged.next.followUp === undefined) throw new Error('no follow-up');
    const { drill: _, ...real } = drill;
    const escalation = drill.escalation;
    if (escalation === undefined) throw new Error('no page');

    // Act
    const followUp = followUpPublishInput(
      'arn:topic',
      { case: acknowledged.next, followUp: acknowledged.next.followUp } as FollowUpMessage,
      links,
    );
    const realPage = escalationPublishInput('arn:topic', { case: real as RiskCase, escalation }, links);

    // Assess
    expect(followUp.Subject).toMatch(/^\[DRILL\] /);
    expect(followUp.MessageAttributes?.drill?.StringValue).toBe('drill-1');
    expect(realPage.Subject).not.toContain('[DRILL]');
    expect(realPage.MessageAttributes?.drill).toBeUndefined();
  });
});

describe('The drill report', () => {
  it('times acknowledgement and resolution from the opening, names who acted, and misses nothing', async () => {
    // Prepare: acknowledged 25 min 30 s after opening, resolved 2 h later.
    const opened = await drillCase();
    const ack = acknowledgeCase(opened, 'user:ana', new Date(NOW.getTime() + 1_530_000));
    if (!ack.ok) throw new Error(ack.reason);
    const resolved = resolveCase(
      ack.next,
      {
        whys: ['Spend cap missing', 'No launch checklist'],
        measures: ['Cap set'],
        improvementPlan: 'Checklist',
      },
      'user:li',
      new Date(NOW.getTime() + 2 * HOUR),
    );
    if (!resolved.ok) throw new Error(resolved.reason);

    // Act
    const step = drillStepOf(resolved.next, new Date(NOW.getTime() + 3 * HOUR), 4);

    // Assess
    expect(step).toMatchObject({
      secondsToAcknowledge: 1_530,
      acknowledgedBy: 'user:ana',
      secondsToResolve: 7_200,
      resolvedBy: 'user:li',
      rootCause: 'No launch checklist',
      missed: [],
    });
  });

  it('says what was missed: the SLA, the resolution, the root cause', async () => {
    // Prepare
    const opened = await drillCase();
    const late = acknowledgeCase(opened, 'user:ana', new Date(NOW.getTime() + 5 * HOUR));
    if (!late.ok) throw new Error(late.reason);
    const noCause = resolveCase(
      opened,
      { whys: ['  '], measures: [], improvementPlan: '' },
      'user:ana',
      new Date(NOW.getTime() + HOUR),
    );
    if (!noCause.ok) throw new Error(noCause.reason);

    // Act
    const untouchedEarly = drillStepOf(opened, new Date(NOW.getTime() + HOUR), 4);
    const untouchedLate = drillStepOf(opened, new Date(NOW.getTime() + 4 * HOUR), 4);
    const acknowledgedLate = drillStepOf(late.next, new Date(NOW.getTime() + 6 * HOUR), 4);
    const resolvedWithoutCause = drillStepOf(noCause.next, new Date(NOW.getTime() + 6 * HOUR), 4);

    // Assess
    expect(untouchedEarly.missed).toEqual(['not-resolved']);
    expect(untouchedLate.missed).toEqual(['not-acknowledged-within-sla', 'not-resolved']);
    expect(acknowledgedLate.missed).toEqual(['not-acknowledged-within-sla', 'not-resolved']);
    expect(acknowledgedLate.secondsToAcknowledge).toBe(5 * 3_600);
    // Resolved within the hour without an acknowledgement: the resolution answered the page in time.
    expect(resolvedWithoutCause.missed).toEqual(['no-root-cause']);
    expect(resolvedWithoutCause.secondsToAcknowledge).toBe(3_600);
  });

  it('orders steps by opening and passes only when every step missed nothing', async () => {
    // Prepare
    const first = await drillCase();
    const second = {
      ...first,
      caseId: 'drill-case-2',
      createdAt: new Date(NOW.getTime() + 60_000).toISOString(),
    };
    const done = (riskCase: RiskCase) => {
      const resolved = resolveCase(
        riskCase,
        { whys: ['Cause'], measures: ['Fix'], improvementPlan: 'Plan' },
        'user:ana',
        new Date(NOW.getTime() + 2 * HOUR),
      );
      if (!resolved.ok) throw new Error(resolved.reason);
      return resolved.next;
    };

    // Act
    const partly = drillReportOf('drill-1', [second, done(first)], new Date(NOW.getTime() + 3 * HOUR), 4);
    const fully = drillReportOf(
      'drill-1',
      [done(second), done(first)],
      new Date(NOW.getTime() + 3 * HOUR),
      4,
    );

    // Assess
    expect(partly.steps.map((step) => step.caseId)).toEqual([first.caseId, 'drill-case-2']);
    expect(partly.startedAt).toBe(first.createdAt);
    expect(partly.passed).toBe(false);
    expect(fully.passed).toBe(true);
    expect(drillReportOf('drill-1', [], NOW, 4).passed).toBe(false);
  });
});

describe('Starting a drill and reading its report', () => {
  it.each(DRILL_KINDS)(
    'a %s drill opens a red drill case through the ingest use case',
    async (kind) => {
      // Prepare: the real engine judges the scenario, with no history (the drill's own baseline).
      const { createRiskEngine } = await import('#shared/domain/risk-engine.ts');
      const { levelPolicyOf } = await import('#shared/domain/level-policy.ts');
      const engine = createRiskEngine();
      const d = { ...deps(), engine, policy: levelPolicyOf(engine.matrix), random: () => 'k3x9' };

      // Act
      const started = await startDrill(manager(), { kind }, d);

      // Assess
      expect(started.drillId).toBe('drill-20261202t030000z-k3x9');
      expect(started.caseIds).toHaveLength(1);
      const opened = d.store.cases.get(started.caseIds[0] ?? '');
      expect(opened).toMatchObject({ level: 'red', drill: { drillId: started.drillId } });
      expect(opened?.escalation?.tier).toBe(1);
    },
    60_000,
  );

  it('plays on a brand and market of the caller’s scope, and answers any other as a missing one', () => {
    // Prepare
    const vn = manager({ markets: ['VN'] });
    const acme = manager({ brands: ['Acme'] });

    // Act / Assess
    expect(drillTargetFor(vn, 'Bolt', undefined)).toEqual({ brand: 'Bolt', market: 'VN' });
    expect(drillTargetFor(acme, undefined, undefined)).toEqual({ brand: 'Acme' });
    expect(drillTargetFor(manager(), undefined, undefined)).toEqual({ brand: 'Drill brand' });
    expect(() => drillTargetFor(vn, 'Bolt', 'CN')).toThrow(NotFoundError);
    expect(() => drillTargetFor(acme, 'Bolt', undefined)).toThrow(
      'No such brand or market to run a drill on',
    );
  });

  it('reports only the drill cases the caller’s scope covers; none is a 404', async () => {
    // Prepare
    const drill = await drillCase();
    const acmeCase = { ...drill, subject: { ...drill.subject, brand: 'Acme' } };
    const cases = { listDrillRun: async (id: string) => (id === 'drill-1' ? [acmeCase] : []) };
    const read = (principal: Principal, id: string) =>
      drillReportFor(principal, id, { cases, clock: { now: () => NOW }, slaHours: 4 });

    // Act / Assess
    expect((await read(manager({ brands: ['Acme'] }), 'drill-1')).steps).toHaveLength(1);
    await expect(read(manager({ brands: ['Bolt'] }), 'drill-1')).rejects.toThrow(NotFoundError);
    await expect(read(manager(), 'drill-2')).rejects.toThrow('No drill drill-2');
  });

  it('names each run apart: the time and a random suffix', () => {
    expect(drillIdOf(NOW, 'AB-9')).toBe('drill-20261202t030000z-ab9');
    expect(drillIdOf(NOW, 'x')).not.toBe(drillIdOf(NOW, 'y'));
  });
});

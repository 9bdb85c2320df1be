import { describe, expect, it } from 'vitest';
import { duration, reportLines } from '../../cli/drill/report.ts';
import { runCli } from '../../cli/main.ts';
import { fakeIo } from './fake-io.ts';

describe('Command: drill', () => {
  it.each([
    [['drill'], '--kind must be one of sentiment, budget, claim'],
    [['drill', '--kind', 'flood'], '--kind must be one of sentiment, budget, claim'],
    [['drill', '--kind', 'claim', '--market', 'cn'], '--market must be a country code'],
    [['drill', 'report'], 'drill report needs a drill id'],
    [['drill', 'again', '--kind', 'budget'], 'Unexpected argument: again'],
  ])('refuses %j as a usage error (exit 2) before sending anything', async (args, message) => {
    // Prepare
    const io = fakeIo();

    // Act
    const code = await runCli(args, io);

    // Assess
    expect(code).toBe(2);
    expect(io.stderr.text()).toContain(message);
  });

  it('says durations as a person does', () => {
    expect([duration(42), duration(725), duration(6_000)]).toEqual(['42 s', '12 min 5 s', '1 h 40 min']);
  });

  it('prints each step with its times, actors and misses, then the verdict', () => {
    // Act
    const lines = reportLines({
      drillId: 'drill-1',
      startedAt: '2026-12-02T03:00:00.000Z',
      slaHours: 4,
      passed: false,
      steps: [
        {
          caseId: 'drill-c1',
          riskType: 'budget',
          level: 'red',
          subject: 'campaign cmp-1 on tiktok',
          status: 'acknowledged',
          openedAt: '2026-12-02T03:00:00.000Z',
          acknowledgedAt: '2026-12-02T08:00:00.000Z',
          acknowledgedBy: 'user:ana',
          secondsToAcknowledge: 18_000,
          escalations: 2,
          missed: ['not-acknowledged-within-sla', 'not-resolved'],
        },
      ],
    }).join('\n');

    // Assess
    expect(lines).toContain('Step 1: RED budget — campaign cmp-1 on tiktok  (drill-c1, acknowledged)');
    expect(lines).toContain('acknowledged: after 5 h 0 min by ana');
    expect(lines).toContain('resolved:     not yet');
    expect(lines).toContain('missed:       not acknowledged within the SLA; not resolved');
    expect(lines).toContain('Not passed yet');
  });
});

import { describe, expect, it } from 'vitest';
import { openCase, type RiskCase, subjectOf } from '#shared/domain/case.ts';
import type { Brand } from '#shared/domain/catalogue.ts';
import type { CaseQuery, SaveResult } from '#shared/ports.ts';
import { checkSla } from '#shared/use-cases/check-sla.ts';
import { assessment, finding, spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';

const openedAt = new Date('2026-11-22T10:00:00Z');
const redCase = (caseId: string, brand: string | undefined, owner?: string): RiskCase => {
  const event = spendEvent({ campaignId: caseId });
  return openCase(
    caseId,
    {
      event,
      assessment: assessment([finding({ level: 'red' })]),
      riskType: 'budget',
      subject: { ...subjectOf(event), ...(brand === undefined ? {} : { brand }) },
      now: openedAt,
      ...(owner === undefined ? {} : { owner }),
    },
    testPolicy,
  );
};
const brandOf = (brand: string, managers: readonly string[]): Brand => ({
  brand,
  managers,
  createdAt: openedAt.toISOString(),
  updatedAt: openedAt.toISOString(),
  updatedBy: 'user:test',
  version: 1,
});

/** The SLA check over one page of open red cases, with the catalogue's brands; what it saved and read. */
const run = async (cases: readonly RiskCase[], brands: readonly Brand[]) => {
  const saved: RiskCase[] = [];
  const brandReads: (readonly string[])[] = [];
  const report = await checkSla(
    {
      reader: { listCases: async (query: CaseQuery) => ({ items: query.level === 'red' ? cases : [] }) },
      cases: {
        getCase: async () => undefined,
        saveTransition: async (next: RiskCase): Promise<SaveResult> => {
          saved.push(next);
          return 'saved';
        },
      },
      catalogue: {
        getMany: async (_campaigns, names) => {
          brandReads.push(names);
          return {
            campaigns: new Map(),
            brands: new Map(brands.map((brand) => [brand.brand.toLowerCase(), brand])),
          };
        },
      },
      policy: testPolicy,
      clock: { now: () => new Date(openedAt.getTime() + 5 * 3_600_000) },
      slaHours: 4,
    },
    ['red'],
  );
  return { report, saved, brandReads };
};

describe('Function: checkSla', () => {
  it("pages each lapsed case's owner and its brand's managers at tier 2, reading the brands once per page", async () => {
    // Prepare: two Acme cases (spelt two ways), one Beta case, one without a brand.
    const cases = [
      redCase('c-1', 'Acme', 'ana'),
      redCase('c-2', 'ACME', 'bo'),
      redCase('c-3', 'Beta', 'ana'),
      redCase('c-4', undefined, 'ana'),
    ];

    // Act
    const { report, saved, brandReads } = await run(cases, [
      brandOf('Acme', ['li', 'lan']),
      brandOf('Beta', []),
    ]);

    // Assess
    expect(report).toEqual({ checked: 4, escalated: ['c-1', 'c-2', 'c-3', 'c-4'] });
    expect(brandReads).toEqual([['Acme', 'Beta']]);
    expect(saved.map((next) => [next.caseId, next.escalation?.tier, next.escalation?.recipients])).toEqual([
      ['c-1', 2, ['ana', 'li', 'lan']],
      ['c-2', 2, ['bo', 'li', 'lan']],
      // No managers, or no brand: nobody else to escalate to, so every subscribed manager.
      ['c-3', 2, undefined],
      ['c-4', 2, undefined],
    ]);
  });

  it('reads no brand when no case has lapsed', async () => {
    const fresh = { ...redCase('c-5', 'Acme', 'ana') };
    const notYet = {
      ...fresh,
      escalation: fresh.escalation && {
        ...fresh.escalation,
        at: new Date(openedAt.getTime() + 3 * 3_600_000).toISOString(),
      },
    };

    const { report, brandReads } = await run([notYet], [brandOf('Acme', ['li'])]);

    expect(report).toEqual({ checked: 1, escalated: [] });
    expect(brandReads).toEqual([]);
  });
});

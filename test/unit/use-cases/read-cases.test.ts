import { describe, expect, it } from 'vitest';
import type { Principal } from '#shared/auth/principal.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import { NotFoundError } from '#shared/errors.ts';
import type { CaseDetail, CaseQuery } from '#shared/ports.ts';
import { caseFor, listCasesFor } from '#shared/use-cases/read-cases.ts';

/** The case library as a person sees it: their scope goes to the reader, `owner=me` is their username. */

const agency: Principal = {
  kind: 'person',
  id: 'sub-lan',
  username: 'lan',
  name: 'Lan',
  roles: ['legal'],
  scope: { brands: ['Acme'] },
};

const detailOf = (brand: string): CaseDetail => ({
  case: { caseId: 'c-1', subject: { key: 'k', label: 'l', brand, market: 'VN' } } as unknown as RiskCase,
  occurrences: [],
  audit: [],
});

describe('Function: listCasesFor', () => {
  it("asks the reader with the caller's scope and their username for owner=me", async () => {
    // Prepare
    const asked: CaseQuery[] = [];
    const reader = {
      listCases: async (query: CaseQuery) => {
        asked.push(query);
        return { items: [] };
      },
    };

    // Act
    await listCasesFor(agency, { limit: 10, owner: 'me', level: 'red' }, reader);
    await listCasesFor(agency, { limit: 10, owner: 'ana' }, reader);

    // Assess
    expect(asked).toEqual([
      { limit: 10, owner: 'lan', level: 'red', scope: { brands: ['Acme'] } },
      { limit: 10, owner: 'ana', scope: { brands: ['Acme'] } },
    ]);
  });
});

describe('Function: caseFor', () => {
  it('answers a case outside the scope exactly as a missing one', async () => {
    // Prepare
    const other = { getCase: async () => detailOf('Bolt') };
    const missing = { getCase: async () => undefined };
    const own = { getCase: async () => detailOf('acme') };

    // Act
    const outside = await caseFor(agency, 'c-1', other).catch((error: unknown) => error);
    const absent = await caseFor(agency, 'c-1', missing).catch((error: unknown) => error);

    // Assess
    expect(outside).toBeInstanceOf(NotFoundError);
    expect(outside).toEqual(absent);
    expect((outside as Error).message).toBe((absent as Error).message);
    expect((await caseFor(agency, 'c-1', own)).case.caseId).toBe('c-1');
  });
});

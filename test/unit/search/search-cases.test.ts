import { describe, expect, it } from 'vitest';
import type { RiskCase } from '#shared/domain/case.ts';
import { ValidationError } from '#shared/errors.ts';
import { indexChange } from '#shared/use-cases/index-cases.ts';
import {
  FIRST_READ,
  MAX_POSTINGS_PER_TERM,
  POSTINGS_PER_READ,
  searchCases,
} from '#shared/use-cases/search-cases.ts';
import { MemorySearchIndex } from '../../fixtures/memory-search-index.ts';
import { brandCase } from '../../fixtures/search-cases.ts';

const at = (n: number) => new Date(Date.UTC(2026, 10, 1) + n * 3_600_000).toISOString();

const seeded = async (cases: readonly RiskCase[]): Promise<MemorySearchIndex> => {
  const index = new MemorySearchIndex();
  for (const value of cases) {
    index.cases.set(value.caseId, value);
    await indexChange({ kind: 'case', caseId: value.caseId, after: value }, index);
  }
  return index;
};

const ids = (page: { items: readonly RiskCase[] }) => page.items.map((value) => value.caseId);

describe('Function: searchCases', () => {
  it('finds the case whose root cause holds every word, newest first', async () => {
    // Prepare
    const index = await seeded([
      brandCase('c-1', { at: at(1), whys: ['The agency reused an old influencer brief'] }),
      brandCase('c-2', { at: at(2), whys: ['Influencer posted before approval'] }),
      brandCase('c-3', { at: at(3), whys: ['An influencer brief was missing'] }),
    ]);

    // Act
    const page = await searchCases({ q: 'Influencer BRIEF', filters: {}, scope: {}, limit: 10 }, index);

    // Assess
    expect(ids(page)).toEqual(['c-3', 'c-1']);
    expect(page.partial).toBeUndefined();
  });

  it('shows a scoped person no case of another brand, and combines filters', async () => {
    // Prepare
    const index = await seeded([
      brandCase('c-acme', { brand: 'Acme', at: at(1), whys: ['supplier fraud'] }),
      brandCase('c-bolt', { brand: 'Bolt', at: at(2), whys: ['supplier fraud'] }),
      brandCase('c-acme-open', { brand: 'ACME', at: at(3), message: 'supplier fraud suspected' }),
    ]);

    // Act
    const scoped = await searchCases(
      { q: 'supplier', filters: {}, scope: { brands: ['acme'] }, limit: 10 },
      index,
    );
    const resolved = await searchCases(
      { q: 'supplier', filters: { status: 'resolved', brand: 'Acme' }, scope: {}, limit: 10 },
      index,
    );

    // Assess
    expect(ids(scoped)).toEqual(['c-acme-open', 'c-acme']);
    expect(ids(resolved)).toEqual(['c-acme']);
  });

  it('pages with a cursor that resumes where the last page ended', async () => {
    // Prepare
    const index = await seeded(
      Array.from({ length: 7 }, (_, n) => brandCase(`c-${n}`, { at: at(n), whys: ['fraud'] })),
    );

    // Act
    const first = await searchCases({ q: 'fraud', filters: {}, scope: {}, limit: 3 }, index);
    const second = await searchCases(
      { q: 'fraud', filters: {}, scope: {}, limit: 3, ...(first.cursor ? { cursor: first.cursor } : {}) },
      index,
    );
    const third = await searchCases(
      { q: 'fraud', filters: {}, scope: {}, limit: 3, ...(second.cursor ? { cursor: second.cursor } : {}) },
      index,
    );

    // Assess
    expect([ids(first), ids(second), ids(third)]).toEqual([
      ['c-6', 'c-5', 'c-4'],
      ['c-3', 'c-2', 'c-1'],
      ['c-0'],
    ]);
    expect(third.cursor).toBeUndefined();
  });

  it('refuses the cursor of another search', async () => {
    // Prepare
    const index = await seeded(
      Array.from({ length: 3 }, (_, n) => brandCase(`c-${n}`, { at: at(n), whys: ['fraud agency'] })),
    );
    const first = await searchCases({ q: 'fraud', filters: {}, scope: {}, limit: 1 }, index);

    // Act
    const other = searchCases(
      { q: 'agency', filters: {}, scope: {}, limit: 1, ...(first.cursor ? { cursor: first.cursor } : {}) },
      index,
    );

    // Assess
    await expect(other).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a search with no word to look for', async () => {
    // Act
    const search = searchCases({ q: 'the of', filters: {}, scope: {}, limit: 10 }, new MemorySearchIndex());

    // Assess
    await expect(search).rejects.toThrow(/no word/);
  });

  it('does not show a case whose postings lag behind it (the case no longer holds the word)', async () => {
    // Prepare
    const index = await seeded([brandCase('c-1', { at: at(1), whys: ['supplier fraud'] })]);
    index.cases.set('c-1', brandCase('c-1', { at: at(1), whys: ['agency error'] }));

    // Act
    const page = await searchCases({ q: 'supplier', filters: {}, scope: {}, limit: 10 }, index);

    // Assess
    expect(page.items).toEqual([]);
  });

  it('lets the rare word drive: the common word is read one short page and checked by key', async () => {
    // Prepare
    const common = Array.from({ length: POSTINGS_PER_READ + 500 }, (_, n) =>
      brandCase(`c-${n}`, { at: at(n) }),
    );
    const rare = brandCase('c-rare', { at: at(1), whys: ['counterfeit reseller'] });
    const index = await seeded([...common, rare]);

    // Act
    const page = await searchCases({ q: 'negative counterfeit', filters: {}, scope: {}, limit: 10 }, index);

    // Assess
    expect(ids(page)).toEqual(['c-rare']);
    expect(index.reads.get('negative')).toBe(FIRST_READ);
    expect(index.membershipChecks).toBe(1);
  });

  it('says partial, with a hint, when every word is in more cases than it reads', async () => {
    // Prepare
    const index = await seeded(
      Array.from({ length: MAX_POSTINGS_PER_TERM + 10 }, (_, n) => brandCase(`c-${n}`, { at: at(n) })),
    );

    // Act
    const page = await searchCases({ q: 'negative', filters: {}, scope: {}, limit: 5 }, index);

    // Assess
    expect(page.partial).toBe(true);
    expect(page.hint).toMatch(/filter/);
    expect(page.items).toHaveLength(5);
    expect(index.reads.get('negative')).toBe(MAX_POSTINGS_PER_TERM);
  });
});

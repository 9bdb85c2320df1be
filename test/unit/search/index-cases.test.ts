import { describe, expect, it } from 'vitest';
import { acknowledgeCase } from '#shared/domain/case.ts';
import { reviewFor } from '#shared/domain/review.ts';
import { diffPostings, postingAttributes } from '#shared/search/postings.ts';
import { indexBatch, indexChange } from '#shared/use-cases/index-cases.ts';
import { adCopyEvent } from '../../fixtures/events.ts';
import { MemorySearchIndex } from '../../fixtures/memory-search-index.ts';
import { brandCase } from '../../fixtures/search-cases.ts';

const terms = (index: MemorySearchIndex, caseId: string, source: 'case' | 'review') =>
  index
    .termsOf(caseId)
    .filter((entry) => entry.endsWith(`/${source}`))
    .map((entry) => entry.split('/')[0]);

describe('Function: diffPostings', () => {
  const attributes = postingAttributes(brandCase('c-1'));

  it('deletes the terms an item lost and puts only those it gained', () => {
    // Act
    const changes = diffPostings(
      'c-1',
      'case',
      { terms: ['a', 'b'], attributes },
      { terms: ['b', 'c'], attributes },
    );

    // Assess
    expect(changes.remove).toEqual([{ term: 'a', caseId: 'c-1', source: 'case' }]);
    expect(changes.put.map((posting) => posting.term)).toEqual(['c']);
  });

  it('puts every term again when a filter field changed', () => {
    // Act
    const changes = diffPostings(
      'c-1',
      'case',
      { terms: ['a', 'b'], attributes },
      { terms: ['a', 'b'], attributes: { ...attributes, status: 'resolved' } },
    );

    // Assess
    expect(changes.put.map((posting) => [posting.term, posting.status])).toEqual([
      ['a', 'resolved'],
      ['b', 'resolved'],
    ]);
    expect(changes.remove).toEqual([]);
  });

  it.each([
    ['later the same day', '2026-11-22T23:00:00.000Z', 0],
    ['on another day', '2026-11-23T00:30:00.000Z', 2],
  ])('rewrites the postings of a case seen again %s: %i put', (_when, lastSeenAt, puts) => {
    // Act
    const changes = diffPostings(
      'c-1',
      'case',
      { terms: ['a', 'b'], attributes },
      { terms: ['a', 'b'], attributes: { ...attributes, lastSeenAt } },
    );

    // Assess
    expect(changes.put).toHaveLength(puts);
  });
});

describe('Function: indexChange', () => {
  it('indexes a new case under the words of its findings in every language and of its subject', async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const value = brandCase('c-1', { brand: 'Lumière' });

    // Act
    await indexChange({ kind: 'case', caseId: 'c-1', after: value }, index);

    // Assess
    const indexed = terms(index, 'c-1', 'case');
    expect(indexed).toEqual(expect.arrayContaining(['lumiere', 'sentiment', 'negative', 'share', 'weibo']));
    const posting = [...index.postings.values()][0];
    expect(posting).toMatchObject({ caseId: 'c-1', brand: 'lumière', status: 'open', level: 'yellow' });
  });

  it('adds the root cause words when the case is resolved, and marks every posting resolved', async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const before = brandCase('c-1');
    const after = brandCase('c-1', { whys: ['Một đối tác giả mạo số liệu'] });
    await indexChange({ kind: 'case', caseId: 'c-1', after: before }, index);

    // Act
    await indexChange({ kind: 'case', caseId: 'c-1', before, after }, index);

    // Assess
    expect(terms(index, 'c-1', 'case')).toEqual(
      expect.arrayContaining(['doi', 'tac', 'gia', 'mao', 'paused']),
    );
    expect(new Set([...index.postings.values()].map((posting) => posting.status))).toEqual(
      new Set(['resolved']),
    );
  });

  it('ends in the same index when a record is handled twice', async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const before = brandCase('c-1');
    const after = brandCase('c-1', { whys: ['supplier fraud'] });
    await indexChange({ kind: 'case', caseId: 'c-1', after: before }, index);
    await indexChange({ kind: 'case', caseId: 'c-1', before, after }, index);
    const once = index.termsOf('c-1');

    // Act
    await indexChange({ kind: 'case', caseId: 'c-1', before, after }, index);

    // Assess
    expect(index.termsOf('c-1')).toEqual(once);
  });

  it('deletes the words of a note that was edited away, and only those', async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const open = brandCase('c-1');
    const first = acknowledgeCase(
      open,
      'user:m',
      new Date('2026-11-22T10:00:00Z'),
      'looking at influencer posts',
    );
    if (!first.ok) throw new Error(first.reason);
    await indexChange({ kind: 'case', caseId: 'c-1', after: first.next }, index);
    const edited = {
      ...first.next,
      acknowledgement: {
        ...first.next.acknowledgement,
        by: 'user:m',
        at: first.next.updatedAt,
        note: 'looking at agency',
      },
    };

    // Act
    const changes = await indexChange(
      { kind: 'case', caseId: 'c-1', before: first.next, after: edited },
      index,
    );

    // Assess
    expect(changes.remove.map((key) => key.term).sort()).toEqual(['influencer', 'posts']);
    expect(changes.put.map((posting) => posting.term)).toEqual(['agency']);
  });

  it("indexes legal's decision note under its case, with the case's filter fields", async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const value = brandCase('c-1', { brand: 'Acme', market: 'VN' });
    index.cases.set('c-1', value);
    const pending = reviewFor(undefined, {
      caseId: 'c-1',
      copy: adCopyEvent().copy,
      eventId: 'e-1',
      level: 'yellow',
      findings: [],
      now: new Date('2026-11-22T09:00:00Z'),
    });
    const decided = {
      ...pending,
      status: 'rejected' as const,
      decision: {
        decision: 'rejected' as const,
        note: 'Thiếu bằng chứng lâm sàng',
        by: 'user:legal',
        at: '2026-11-22T11:00:00Z',
      },
    };

    // Act
    await indexChange({ kind: 'review', caseId: 'c-1', before: pending, after: decided }, index);

    // Assess
    expect(terms(index, 'c-1', 'review').sort()).toEqual(['bang', 'chung', 'lam', 'sang', 'thieu']);
    expect([...index.postings.values()][0]).toMatchObject({ brand: 'acme', market: 'VN', status: 'open' });
  });

  it("rewrites the review's postings when the case's status changes", async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const before = brandCase('c-1');
    const after = brandCase('c-1', { whys: ['root'] });
    const review = {
      ...reviewFor(undefined, {
        caseId: 'c-1',
        copy: adCopyEvent().copy,
        eventId: 'e-1',
        level: 'yellow',
        findings: [],
        now: new Date(),
      }),
      decision: {
        decision: 'approved' as const,
        note: 'substantiated claim',
        by: 'user:legal',
        at: '2026-11-22T11:00:00Z',
      },
    };
    index.reviews.set('c-1', review);
    await indexChange({ kind: 'case', caseId: 'c-1', after: before }, index);

    // Act
    await indexChange({ kind: 'case', caseId: 'c-1', before, after }, index);

    // Assess
    const reviewPostings = [...index.postings.values()].filter((posting) => posting.source === 'review');
    expect(reviewPostings.map((posting) => [posting.term, posting.status])).toEqual([
      ['substantiated', 'resolved'],
      ['claim', 'resolved'],
    ]);
  });
});

describe('Function: indexBatch', () => {
  it("indexes each case's changes in order, and names the first change that failed", async () => {
    // Prepare
    const index = new MemorySearchIndex();
    const applied: string[] = [];
    const failing = Object.assign(Object.create(index) as MemorySearchIndex, {
      apply: async (changes: Parameters<MemorySearchIndex['apply']>[0]) => {
        const caseId = changes.put[0]?.caseId ?? changes.remove[0]?.caseId ?? '';
        if (caseId === 'c-b') throw new Error('throttled');
        applied.push(`${caseId}:${changes.put.length}`);
        await index.apply(changes);
      },
    });
    const a0 = brandCase('c-a');
    const a1 = brandCase('c-a', { whys: ['supplier fraud'] });
    const changes = [
      { kind: 'case' as const, caseId: 'c-a', after: a0 },
      undefined,
      { kind: 'case' as const, caseId: 'c-b', after: brandCase('c-b') },
      { kind: 'case' as const, caseId: 'c-a', before: a0, after: a1 },
      {
        kind: 'case' as const,
        caseId: 'c-b',
        before: brandCase('c-b'),
        after: brandCase('c-b', { whys: ['x'] }),
      },
    ];
    const errors: string[] = [];

    // Act
    const failed = await indexBatch(changes, failing, (change) => errors.push(change.caseId));

    // Assess
    expect(failed).toBe(2);
    expect(errors).toEqual(['c-b']);
    expect(applied.map((entry) => entry.split(':')[0])).toEqual(['c-a', 'c-a']);
    expect(terms(index, 'c-a', 'case')).toEqual(expect.arrayContaining(['supplier', 'fraud']));
  });
});

import { describe, expect, it } from 'vitest';
import type { Scope } from '#shared/auth/scope.ts';
import type { RiskCase } from '#shared/domain/case.ts';
import type { ClaimException } from '#shared/domain/claim-exception.ts';
import type { Review } from '#shared/domain/review.ts';
import { NotFoundError } from '#shared/errors.ts';
import { type EvidenceDependencies, type EvidencePack, evidencePack } from '#shared/export/evidence.ts';
import { renderEvidencePdf } from '#shared/export/evidence-pdf.ts';
import { domainWord } from '#shared/i18n/vocabulary.ts';
import type { StoredEvent } from '#shared/ports.ts';
import { adCopyEvent, assessment, finding } from '../../fixtures/events.ts';
import { pdfPageTexts } from '../../support/pdf-text.ts';

const TEXT = '本品是全国第一的婴儿奶粉，效果最好！Sữa tốt nhất Việt Nam.';
const span = (text: string) => ({ text, start: TEXT.indexOf(text), end: TEXT.indexOf(text) + text.length });

const REVIEW: Review = {
  reviewId: 'case-7',
  caseId: 'case-7',
  status: 'approved',
  round: 1,
  eventId: 'e-7',
  level: 'red',
  copy: { copyId: 'c-7', text: TEXT, lang: 'zh', market: 'CN', category: 'infant-formula', brand: 'Acme' },
  findings: [
    finding({
      ruleId: 'cn.absolute-terms',
      riskType: 'compliance',
      message: 'Absolute claim banned',
      basis: '《广告法》第九条第三项',
      evidence: [span('全国第一'), span('最好')],
    }),
    finding({
      ruleId: 'vn.superlatives',
      riskType: 'compliance',
      level: 'yellow',
      message: 'Superlative needs proof',
      basis: 'Luật Quảng cáo 2012 Điều 8 khoản 9',
      evidence: [span('tốt nhất')],
    }),
  ],
  createdAt: '2026-11-30T08:00:00Z',
  updatedAt: '2026-12-01T09:00:00Z',
  version: 2,
  decision: {
    decision: 'approved',
    note: 'Báo cáo thị phần 2026 — 市场份额报告',
    by: 'user:linh',
    at: '2026-12-01T09:00:00Z',
    exceptionId: 'ex-7',
  },
};

const EXCEPTION: ClaimException = {
  exceptionId: 'ex-7',
  brand: 'Acme',
  ruleId: 'cn.absolute-terms',
  phrase: '全国第一',
  evidence: 'Market-share report 2026-Q3',
  grantedBy: 'user:linh',
  grantedAt: '2026-12-01T09:00:00Z',
  reviewId: 'case-7',
  expiresOn: '2027-03-01',
  timeZone: 'Asia/Shanghai',
  expiresAt: '2027-03-01T16:00:00.000Z',
};

/** The stores of one decided review, its case (whose occurrence names the pusher) and its stored event. */
const stores = (review: Review | undefined = REVIEW): EvidenceDependencies => ({
  reviews: { getReview: async (id) => (id === review?.reviewId ? review : undefined) },
  cases: {
    getCase: async (id) =>
      id === REVIEW.caseId
        ? {
            case: { caseId: id, subject: { brand: 'Acme', market: 'CN', campaignId: 'cmp-9' } } as RiskCase,
            occurrences: [
              {
                caseId: id,
                eventId: 'e-7',
                clientId: 'cms',
                type: 'ad-copy',
                source: 'cms',
                occurredAt: '2026-11-30T08:00:00Z',
                receivedAt: '2026-11-30T08:00:01Z',
                level: 'red',
                ruleIds: [],
              },
            ],
            audit: [],
          }
        : undefined,
  },
  events: {
    findEvent: async (clientId, eventId): Promise<StoredEvent | undefined> =>
      clientId === 'cms' && eventId === 'e-7'
        ? {
            clientId,
            event: adCopyEvent({}, eventId),
            assessment: {
              ...assessment([]),
              engine: { rulesVersion: 'cn@3.4.1+vn@3.4.1', matrixVersion: 'matrix-3x3@1' },
            },
            caseId: REVIEW.caseId,
            receivedAt: '2026-11-30T08:00:01Z',
          }
        : undefined,
  },
  exceptions: { getException: async (id) => (id === EXCEPTION.exceptionId ? EXCEPTION : undefined) },
});

const NOW = new Date('2026-12-01T23:30:00Z');

describe('Function: evidencePack', () => {
  it('gathers the review, its case, the exception it granted and the rules version that assessed the copy', async () => {
    // Act
    const pack = await evidencePack('case-7', {}, stores(), NOW);

    // Assess
    expect(pack.review).toBe(REVIEW);
    expect(pack.case?.subject.campaignId).toBe('cmp-9');
    expect(pack.exception).toBe(EXCEPTION);
    expect(pack.engine).toEqual({ rulesVersion: 'cn@3.4.1+vn@3.4.1', matrixVersion: 'matrix-3x3@1' });
    expect(pack.generatedAt).toBe(NOW.toISOString());
  });

  it.each<[string, Scope]>([
    ['another brand', { brands: ['Bravo'] }],
    ['another market', { markets: ['VN'] }],
  ])('answers a review of %s exactly as a missing one', async (_what, scope) => {
    // Act
    const outOfScope = evidencePack('case-7', scope, stores(), NOW);
    const missing = evidencePack('case-8', scope, stores(), NOW);

    // Assess
    await expect(outOfScope).rejects.toThrow(NotFoundError);
    await expect(outOfScope).rejects.toThrow('No review case-7');
    await expect(missing).rejects.toThrow('No review case-8');
  });

  it('shows a review in the scope of a person scoped to its brand, whatever the case of the name', async () => {
    await expect(
      evidencePack('case-7', { brands: ['acme'], markets: ['CN'] }, stores(), NOW),
    ).resolves.toBeDefined();
  });
});

describe('Function: renderEvidencePdf', () => {
  const pack: EvidencePack = {
    review: REVIEW,
    exception: EXCEPTION,
    engine: { rulesVersion: 'cn@3.4.1+vn@3.4.1', matrixVersion: 'matrix-3x3@1' },
    generatedAt: NOW.toISOString(),
  };

  it.each([
    [
      'en',
      'Evidence pack: legal review of ad copy',
      'Rules (packs) version',
      (n: number) => `page ${n} of ${n}`,
    ],
    ['zh-CN', '证据包：广告文案法务审核', '规则（规则包）版本', (n: number) => `第 ${n} 页，共 ${n} 页`],
    [
      'vi',
      'Hồ sơ bằng chứng: thẩm định pháp lý nội dung quảng cáo',
      'Phiên bản quy tắc',
      (n: number) => `trang ${n}/${n}`,
    ],
  ] as const)(
    'writes a %s pack whose text a reader can search and copy',
    async (locale, title, versionLabel, footer) => {
      // Act
      const pdf = await renderEvidencePdf(pack, locale);
      const pages = await pdfPageTexts(pdf);

      // Assess
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(pages.length).toBeGreaterThan(0);
      // Every page ends with its footer: the last one names itself the last.
      expect(pages.at(-1)?.replace(/\s+/g, '')).toContain(footer(pages.length).replace(/\s+/g, ''));
      const text = pages.join('').replace(/\s+/g, '');
      const has = (expected: string) => expect(text).toContain(expected.replace(/\s+/g, ''));
      for (const expected of [
        title,
        versionLabel,
        `[${domainWord(locale, 'level', 'red')}]`,
        '本品是全国第一的婴儿奶粉',
        'Sữa tốt nhất Việt Nam',
        'cn.absolute-terms',
        '《广告法》第九条第三项',
        'Luật Quảng cáo 2012 Điều 8 khoản 9',
        'cn@3.4.1+vn@3.4.1',
        'user:linh',
        'Báo cáo thị phần 2026 — 市场份额报告',
        'ex-7',
        'Market-share report 2026-Q3',
      ])
        has(expected);
    },
  );

  it('embeds its fonts, subset, so it stays small', async () => {
    // Act
    const pdf = await renderEvidencePdf(pack, 'zh-CN');

    // Assess
    const raw = pdf.toString('latin1');
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    expect(pdf.length).toBeLessThan(200_000);
  });
});

import { describe, expect, it } from 'vitest';
import {
  applyExceptions,
  type ClaimException,
  expiryAt,
  expiryOn,
  isActive,
  withExpiryDay,
} from '#shared/domain/claim-exception.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { localizeFinding, sentence } from '#shared/i18n/findings.ts';
import { assessment, finding } from '../../fixtures/events.ts';

const exceptionUntil = (expiresOn: string, timeZone: string): ClaimException => ({
  exceptionId: 'x-1',
  brand: 'Acme',
  ruleId: 'cn.absolute-terms',
  evidence: 'Nielsen 2026-Q3',
  ...expiryOn(expiresOn, timeZone),
  grantedBy: 'user:lena',
  grantedAt: '2026-11-01T00:00:00.000Z',
  reviewId: 'case-0',
});

const claim = finding({
  ruleId: 'cn.absolute-terms',
  riskType: 'compliance',
  level: 'yellow',
  probability: 'medium',
  impact: 'moderate',
  message: '"第一" is an absolute term',
  texts: {
    message: {
      en: '"第一" is an absolute term',
      'zh-CN': '“第一”属于绝对化用语',
      vi: '"第一" là từ ngữ tuyệt đối',
    },
  },
  evidence: [{ text: '第一', start: 0, end: 2 }],
});

describe('Function: expiryOn', () => {
  it.each([
    ['America/Los_Angeles', '2027-03-02T08:00:00.000Z'],
    ['UTC', '2027-03-02T00:00:00.000Z'],
    ['Asia/Ho_Chi_Minh', '2027-03-01T17:00:00.000Z'],
    ['Asia/Shanghai', '2027-03-01T16:00:00.000Z'],
  ])('keeps 1 March as legal wrote it in %s and ends it at %s', (zone, end) => {
    // Act
    const expiry = expiryOn('2027-03-01', zone);

    // Assess
    expect(expiry).toEqual({ expiresOn: '2027-03-01', timeZone: zone, expiresAt: end });
  });

  it('is active until the end of its day in its zone, and not from that instant on', () => {
    // Prepare
    const exception = exceptionUntil('2027-03-01', 'Asia/Ho_Chi_Minh');
    const lastMoment = new Date('2027-03-01T16:59:59.999Z'); // 23:59:59.999 in Hồ Chí Minh City
    const end = new Date('2027-03-01T17:00:00.000Z'); // 00:00 on 2 March there

    // Act
    const states = [isActive(exception, lastMoment), isActive(exception, end)];

    // Assess
    expect(states).toEqual([true, false]);
  });
});

describe('Function: expiryAt (the deprecated instant)', () => {
  it('keeps the instant and reads its day in UTC', () => {
    expect(expiryAt('2027-03-01T23:59:59Z')).toEqual({
      expiresOn: '2027-03-01',
      timeZone: 'UTC',
      expiresAt: '2027-03-01T23:59:59.000Z',
    });
    expect(expiryAt('2027-03-02T00:00:00+07:00').expiresOn).toBe('2027-03-01');
  });

  it('gives an exception stored before calendar dates its UTC day, and leaves a dated one alone', () => {
    // Prepare
    const { expiresOn: _day, timeZone: _zone, ...stored } = exceptionUntil('2027-03-01', 'UTC');
    const old = { ...stored, expiresAt: '2027-03-01T23:59:59.000Z' };
    const dated = exceptionUntil('2027-03-01', 'Asia/Shanghai');

    // Act and assess
    expect(withExpiryDay(old)).toMatchObject({ expiresOn: '2027-03-01', timeZone: 'UTC' });
    expect(withExpiryDay(dated)).toBe(dated);
  });
});

describe('Function: applyExceptions (the allowed finding)', () => {
  it('names the calendar date in every locale, the same day whatever the zone, with the claim in each', () => {
    // Prepare
    const exception = exceptionUntil('2027-03-01', 'Asia/Shanghai');
    const now = new Date('2027-02-01T00:00:00Z');

    // Act
    const allowed = applyExceptions(DEFAULT_MATRIX, assessment([claim]), 'Acme', [exception], now)
      .findings[0];
    if (allowed === undefined) throw new Error('no finding');
    const [en, zh, vi] = (['en', 'zh-CN', 'vi'] as const).map((locale) => localizeFinding(allowed, locale));

    // Assess
    expect(allowed.exception).toEqual({
      id: 'x-1',
      expiresOn: '2027-03-01',
      expiresAt: '2027-03-01T16:00:00.000Z',
    });
    expect(allowed.message).toBe(
      'Allowed by exception x-1 until Mar 1, 2027 (Nielsen 2026-Q3): "第一" is an absolute term',
    );
    expect(en?.message).toBe(allowed.message);
    expect(zh?.message).toBe(
      '已获例外 x-1 许可，有效期至 2027年3月1日（Nielsen 2026-Q3）：“第一”属于绝对化用语',
    );
    expect(vi?.message).toMatch(
      /^Được phép theo ngoại lệ x-1 đến hết ngày 1 thg 3, 2027 .*"第一" là từ ngữ tuyệt đối$/,
    );
  });

  it('renders a catalogue sentence of the covered finding in each locale, and falls back to its message', () => {
    // Prepare
    const exception = exceptionUntil('2027-03-01', 'UTC');
    const now = new Date('2027-02-01T00:00:00Z');
    const nested = {
      ...claim,
      texts: {
        message: sentence('exception.allowed', {
          id: 'inner',
          expiresOn: { date: '2027-01-31' },
          evidence: 'e',
          message: 'm',
        }),
      },
    };
    const plain = { ...claim, texts: undefined };

    // Act
    const [fromSentence, fromMessage] = [nested, plain].map(
      (covered) =>
        applyExceptions(DEFAULT_MATRIX, assessment([covered]), 'Acme', [exception], now).findings[0],
    );

    // Assess
    expect(localizeFinding(fromSentence ?? claim, 'zh-CN').message).toContain(
      '有效期至 2027年3月1日（Nielsen 2026-Q3）：已获例外 inner 许可，有效期至 2027年1月31日',
    );
    expect(localizeFinding(fromMessage ?? claim, 'vi').message).toMatch(/: "第一" is an absolute term$/);
  });
});

import { describe, expect, it } from 'vitest';
import { audienceKey, DEFAULT_AUDIENCE, isTimeZone, parseAudiences } from '#shared/i18n/audiences.ts';

describe('Function: parseAudiences', () => {
  it('reads lang@timeZone pairs, distinct, in order; a language alone is UTC', () => {
    // Act
    const audiences = parseAudiences('zh-CN@Asia/Shanghai, vi@Asia/Ho_Chi_Minh,en,zh-CN@Asia/Shanghai');

    // Assess
    expect(audiences.map(audienceKey)).toEqual(['zh-CN@Asia/Shanghai', 'vi@Asia/Ho_Chi_Minh', 'en@UTC']);
  });

  it('means English in UTC when nothing is set', () => {
    expect(parseAudiences(undefined)).toEqual([DEFAULT_AUDIENCE]);
    expect(parseAudiences(' ')).toEqual([DEFAULT_AUDIENCE]);
  });

  it('refuses an unknown language or zone, naming each', () => {
    expect(() => parseAudiences('fr@UTC,vi@Asia/Hanoi_City')).toThrow(
      /unknown language fr.*unknown time zone Asia\/Hanoi_City/,
    );
  });
});

describe('Function: isTimeZone', () => {
  it('accepts the IANA zones Intl knows, not made-up ones or padded ones', () => {
    expect(isTimeZone('Asia/Ho_Chi_Minh')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone(' Asia/Shanghai')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

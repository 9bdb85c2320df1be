import { describe, expect, it } from 'vitest';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import {
  endOfDay,
  isCalendarDate,
  isTimeZone,
  lastUtcDayBefore,
  MARKET_TIME_ZONES,
  marketTimeZone,
  spelledTimeZone,
} from '#shared/domain/time-zones.ts';

describe('Function: endOfDay', () => {
  it.each([
    ['America/Los_Angeles', 'UTC−8', '2027-03-02T08:00:00.000Z'],
    ['UTC', 'UTC', '2027-03-02T00:00:00.000Z'],
    ['Asia/Ho_Chi_Minh', 'UTC+7', '2027-03-01T17:00:00.000Z'],
    ['Asia/Shanghai', 'UTC+8', '2027-03-01T16:00:00.000Z'],
  ])('ends 1 March 2027 in %s (%s) at the next midnight there', (zone, _offset, expected) => {
    // Act
    const end = endOfDay('2027-03-01', zone);

    // Assess
    expect(end).toBe(expected);
  });

  it.each([
    // US summer time starts 14 March 2027 at 02:00: that day has 23 hours, the next midnight is at UTC−7.
    ['America/Los_Angeles', '2027-03-13', '2027-03-14T08:00:00.000Z'],
    ['America/Los_Angeles', '2027-03-14', '2027-03-15T07:00:00.000Z'],
    // UK summer time ends 31 October 2027 at 02:00 BST: that day has 25 hours.
    ['Europe/London', '2027-10-30', '2027-10-30T23:00:00.000Z'],
    ['Europe/London', '2027-10-31', '2027-11-01T00:00:00.000Z'],
  ])('follows summer time in %s: %s ends at %s', (zone, date, expected) => {
    // Act
    const end = endOfDay(date, zone);

    // Assess
    expect(end).toBe(expected);
  });

  it('ends a day at the clock change when the change skips the next midnight (Havana, 14 March 2027)', () => {
    // Prepare: Cuba moves from 00:00 straight to 01:00 (UTC−5 to UTC−4), so 14 March starts at 05:00 UTC.

    // Act
    const end = endOfDay('2027-03-13', 'America/Havana');

    // Assess
    expect(end).toBe('2027-03-14T05:00:00.000Z');
  });

  it('ends a day at the second midnight when the clock goes back over it (Santiago, 4 April 2026)', () => {
    // Prepare: Chile goes back from 00:00 (UTC−3) to 23:00 (UTC−4): 5 April starts only at 04:00 UTC.

    // Act
    const end = endOfDay('2026-04-04', 'America/Santiago');

    // Assess
    expect(end).toBe('2026-04-05T04:00:00.000Z');
  });

  it('refuses a zone Intl does not know and a date that is not a calendar date', () => {
    // Act and assess
    expect(() => endOfDay('2027-03-01', 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => endOfDay('2027-02-30', 'UTC')).toThrow(RangeError);
    expect(() => endOfDay('1 March 2027', 'UTC')).toThrow(RangeError);
  });
});

describe('Function: isTimeZone', () => {
  it('accepts IANA zone names and refuses offsets, unknown names and other values', () => {
    // Prepare
    const names: unknown[] = ['Asia/Ho_Chi_Minh', 'UTC', 'Etc/GMT+8', 'America/Argentina/Buenos_Aires'];
    const others: unknown[] = ['+07:00', 'GMT+7 ', 'Asia/Atlantis', '', 42, undefined, 'A'.repeat(65)];

    // Act
    const accepted = names.map(isTimeZone);
    const refused = others.map(isTimeZone);

    // Assess
    expect(accepted).toEqual(names.map(() => true));
    expect(refused).toEqual(others.map(() => false));
  });

  it('spells a zone as given, or as Intl does when only the case differs', () => {
    expect(spelledTimeZone('utc')).toBe('UTC');
    expect(spelledTimeZone('Asia/Ho_Chi_Minh')).toBe('Asia/Ho_Chi_Minh');
    expect(() => spelledTimeZone('Asia/Atlantis')).toThrow(RangeError);
  });
});

describe('Function: isCalendarDate', () => {
  it('accepts real dates written YYYY-MM-DD only', () => {
    expect(['2027-03-01', '2028-02-29'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2027-02-29', '2027-13-01', '2027-3-1', '2027-03-01T00:00:00Z'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('Function: lastUtcDayBefore', () => {
  it('gives the UTC day of the last moment before an instant', () => {
    expect(lastUtcDayBefore('2027-03-01T23:59:59Z')).toBe('2027-03-01');
    expect(lastUtcDayBefore('2027-03-02T00:00:00.000Z')).toBe('2027-03-01');
    expect(lastUtcDayBefore('2027-03-02T00:00:00.001Z')).toBe('2027-03-02');
  });
});

describe('Function: marketTimeZone', () => {
  it("reads the packs' markets in their own zones and others in UTC", () => {
    expect(['CN', 'vn', ' UK ', 'GB'].map(marketTimeZone)).toEqual([
      'Asia/Shanghai',
      'Asia/Ho_Chi_Minh',
      'Europe/London',
      'Europe/London',
    ]);
    expect(marketTimeZone('BR')).toBe('UTC');
  });

  it('has a zone Intl knows for every market a shipped pack or rule names', () => {
    // Prepare
    const markets = new Set<string>();
    for (const pack of DEFAULT_PACKS) {
      for (const market of pack.markets) markets.add(market);
      for (const rule of pack.rules)
        if (Array.isArray(rule.markets)) for (const m of rule.markets) markets.add(m);
    }

    // Act
    const missing = [...markets].filter((market) => !isTimeZone(MARKET_TIME_ZONES[market]));

    // Assess
    expect(markets.size).toBeGreaterThan(3);
    expect(missing).toEqual([]);
  });
});

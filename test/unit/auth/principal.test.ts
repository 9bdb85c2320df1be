import { describe, expect, it } from 'vitest';
import { actorOf, groupsToRoles, hasAnyRole, scopeFromClaims } from '#shared/auth/principal.ts';
import { covers } from '#shared/auth/scope.ts';

describe('Function: groupsToRoles', () => {
  it.each([
    ['legal', ['legal']],
    ['legal,manager', ['legal', 'manager']],
    ['[manager legal]', ['legal', 'manager']],
    [['manager'], ['manager']],
    ['admins,ingest', []],
    [undefined, []],
    [42, []],
  ])('maps %j to %j', (groups, roles) => {
    expect(groupsToRoles(groups)).toEqual(roles);
  });
});

describe('Function: hasAnyRole', () => {
  it('needs one of the roles', () => {
    const legal = {
      kind: 'person',
      id: 'u1',
      username: 'lena',
      name: 'Lena',
      roles: ['legal'],
      scope: {},
    } as const;
    expect(hasAnyRole(legal, ['manager', 'legal'])).toBe(true);
    expect(hasAnyRole(legal, ['manager'])).toBe(false);
    expect(actorOf(legal)).toBe('user:lena');
  });
});

describe('Function: scopeFromClaims', () => {
  it.each([
    [{}, {}],
    [{ 'custom:brands': 'Acme, Bolt Foods' }, { brands: ['Acme', 'Bolt Foods'] }],
    [{ 'custom:markets': 'vn,uk' }, { markets: ['VN', 'GB'] }],
    [{ 'cognito:groups': 'legal,brand:Acme Foods,market:CN' }, { brands: ['Acme Foods'], markets: ['CN'] }],
    [{ 'cognito:groups': ['brand:Acme'], 'custom:brands': 'acme' }, { brands: ['acme'] }],
    [{ 'custom:brands': ' , ' }, {}],
  ])('reads %j as %j', (claims, scope) => {
    expect(scopeFromClaims(claims)).toEqual(scope);
  });

  it('keeps brand groups out of the roles', () => {
    expect(groupsToRoles('brand:legal,market:VN')).toEqual([]);
  });
});

describe('Function: covers', () => {
  it.each([
    [{}, {}, true],
    [{ brands: ['Acme'] }, { brand: 'ACME ', market: 'VN' }, true],
    [{ brands: ['Acme'] }, { brand: 'Bolt', market: 'VN' }, false],
    [{ brands: ['Acme'] }, { market: 'VN' }, false],
    [{ markets: ['VN'] }, { brand: 'Bolt', market: 'vn' }, true],
    [{ markets: ['GB'] }, { brand: 'Bolt', market: 'UK' }, true],
    [{ markets: ['VN'] }, { brand: 'Bolt' }, false],
    [{ brands: ['Acme'], markets: ['VN'] }, { brand: 'Acme', market: 'CN' }, false],
    [{ brands: ['Acme', 'Bolt'], markets: ['VN', 'CN'] }, { brand: 'bolt', market: 'CN' }, true],
  ])('scope %j covers %j: %s', (scope, item, expected) => {
    expect(covers(scope, item)).toBe(expected);
  });
});

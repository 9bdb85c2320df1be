import { describe, expect, it } from 'vitest';
import { actorOf, groupsToRoles, hasAnyRole } from '#shared/auth/principal.ts';

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
    const legal = { kind: 'person', id: 'u1', username: 'lena', roles: ['legal'] } as const;
    expect(hasAnyRole(legal, ['manager', 'legal'])).toBe(true);
    expect(hasAnyRole(legal, ['manager'])).toBe(false);
    expect(actorOf(legal)).toBe('user:lena');
  });
});

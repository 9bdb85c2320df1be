import { describe, expect, it } from 'vitest';
import { peopleLines, scopeWords } from '#infra/local/banner.ts';
import { claimsFor } from '#infra/local/cognito-claims.ts';
import { credentialsOf, localEnv, parseLocalUsers, tokenGroupsOf } from '#infra/local/local-env.ts';
import { scopeFromClaims } from '#shared/auth/principal.ts';
import { ConfigurationError } from '#shared/errors.ts';

/**
 * `RADAR_USERS` (the local stack's people with names and scopes): what it accepts, the error that names
 * the entry and field of what it does not, and the claims each person's token then carries.
 */

const DEV = { legalToken: 'dev-legal-token', managerToken: 'dev-manager-token' } as const;
const credentials = { ...DEV, clientId: 'local-pusher', clientSecret: 'local-secret-0000' } as never;

const acme = { token: 'agency-acme-legal', name: 'Lan', roles: ['legal'], brands: ['Acme'] };

describe('Function: parseLocalUsers', () => {
  it('reads nothing from an unset or blank variable', () => {
    // Act / Assess
    expect(parseLocalUsers(undefined)).toEqual([]);
    expect(parseLocalUsers('  ')).toEqual([]);
  });

  it('reads people with roles, brands and markets; roles may be empty (a person in no group)', () => {
    // Act
    const users = parseLocalUsers(
      JSON.stringify([acme, { token: 'nobody-token-1', name: 'Nobody', roles: [], markets: ['vn'] }]),
    );

    // Assess
    expect(users).toEqual([acme, { token: 'nobody-token-1', name: 'Nobody', roles: [], markets: ['vn'] }]);
  });

  it.each([
    ['not JSON', '[{token:', /RADAR_USERS is not JSON/],
    ['not a list', '{"token":"x"}', /RADAR_USERS: the list: /],
    [
      'a short token',
      JSON.stringify([{ ...acme, token: 'short' }]),
      /RADAR_USERS: 0\.token: a token of at least 8/,
    ],
    ['no name', JSON.stringify([{ token: 'long-enough-token', roles: ['legal'] }]), /RADAR_USERS: 0\.name/],
    [
      'an unknown role',
      JSON.stringify([acme, { ...acme, token: 'other-token-1', roles: ['admin'] }]),
      /RADAR_USERS: 1\.roles\.0/,
    ],
    ['no roles at all', JSON.stringify([{ token: 'long-enough-token', name: 'X' }]), /RADAR_USERS: 0\.roles/],
    [
      'a market that is not a code',
      JSON.stringify([{ ...acme, markets: ['Vietnam'] }]),
      /0\.markets\.0: a two-letter market code/,
    ],
    ['a blank brand', JSON.stringify([{ ...acme, brands: [' '] }]), /0\.brands\.0/],
    ['an unknown field', JSON.stringify([{ ...acme, brand: 'Acme' }]), /RADAR_USERS: the list|brand/],
    [
      'a token used twice',
      JSON.stringify([acme, { ...acme, name: 'Other' }]),
      /the token of Other is used twice/,
    ],
  ])('refuses %s, naming where', (_what, text, message) => {
    // Act / Assess
    expect(() => parseLocalUsers(text)).toThrow(ConfigurationError);
    expect(() => parseLocalUsers(text)).toThrow(message);
  });
});

describe('Function: tokenGroupsOf', () => {
  it("refuses a person's token that is already a dev token", () => {
    // Prepare
    const users = parseLocalUsers(JSON.stringify([{ ...acme, token: DEV.legalToken }]));

    // Act / Assess
    expect(() => tokenGroupsOf(credentials, users)).toThrow(/Lan's token is already a dev token/);
  });

  it('signs a person in with their name, username and scope, and the dev tokens as before', () => {
    // Prepare
    const tokens = tokenGroupsOf(credentials, parseLocalUsers(JSON.stringify([acme])));
    const now = new Date('2026-12-01T00:00:00Z');

    // Act
    const person = claimsFor(`Bearer ${acme.token}`, tokens, now);
    const dev = claimsFor(`Bearer ${DEV.legalToken}`, tokens, now);

    // Assess
    expect(person).toMatchObject({ name: 'Lan', 'cognito:username': 'Lan', 'cognito:groups': 'legal' });
    expect(scopeFromClaims(person ?? {})).toEqual({ brands: ['Acme'] });
    expect(scopeFromClaims(dev ?? {})).toEqual({});
  });
});

describe('Function: peopleLines', () => {
  it('lists each person with roles, scope and token for the start banner', () => {
    // Act
    const lines = peopleLines(
      parseLocalUsers(
        JSON.stringify([
          acme,
          { token: 'vn-manager-token', name: 'Vy', roles: ['manager'], markets: ['VN', 'TH'] },
          { token: 'nobody-token-1', name: 'Nobody', roles: [] },
        ]),
      ),
    ).join('\n');

    // Assess
    expect(lines).toContain('Lan (legal; sees Acme · all markets)   Authorization: Bearer agency-acme-legal');
    expect(lines).toContain('Vy (manager; sees all brands · VN, TH)');
    expect(lines).toContain('Nobody (no role; sees everything)');
    expect(peopleLines([])).toEqual([]);
    expect(scopeWords({})).toBe('everything');
  });
});

describe('Function: localEnv', () => {
  const base = { overrides: {}, dataDir: '.data', dynamoEndpoint: 'http://127.0.0.1:8000', tableName: 't' };

  it('takes RADAR_USERS from the shell, as `RADAR_USERS=… npm start` sets it', () => {
    // Prepare
    const users = '[{"token":"acme-agency-token","name":"Lan","roles":["legal"],"brands":["Acme"]}]';

    // Act
    const env = localEnv({ ...base, shell: { RADAR_USERS: users } });

    // Assess
    expect(env.RADAR_USERS).toBe(users);
    expect(tokenGroupsOf(credentialsOf(env), parseLocalUsers(env.RADAR_USERS))).toHaveProperty(
      'acme-agency-token',
    );
  });

  it('sets no RADAR_USERS when nobody gave any', () => {
    expect(localEnv({ ...base, shell: { RADAR_USERS: '' } })).not.toHaveProperty('RADAR_USERS');
  });
});

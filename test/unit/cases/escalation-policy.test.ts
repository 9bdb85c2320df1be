import { describe, expect, it } from 'vitest';
import {
  acknowledgeCase,
  escalateForSla,
  followUpOf,
  joinCase,
  type OccurrenceInput,
  openCase,
  type RiskCase,
  resolveCase,
  subjectOf,
} from '#shared/domain/case.ts';
import { actorName, pageRecipients } from '#shared/domain/escalation-policy.ts';
import { assessment, finding, spendEvent } from '../../fixtures/events.ts';
import { testPolicy } from '../../fixtures/level-policy.ts';

const openedAt = new Date('2026-11-22T10:00:00Z');
const hours = (n: number) => new Date(openedAt.getTime() + n * 3_600_000);
const event = spendEvent();
const input = (level: string, at: Date, owner?: string): OccurrenceInput => ({
  event,
  assessment: assessment([finding({ level })]),
  riskType: 'budget',
  subject: subjectOf(event),
  now: at,
  ...(owner === undefined ? {} : { owner }),
});
const open = (owner?: string, level = 'red'): RiskCase =>
  openCase('case-1', input(level, openedAt, owner), testPolicy);
const resolution = {
  whys: ['Bid cap removed', 'No pacing alert on the account'],
  measures: ['Paused campaign'],
  improvementPlan: 'Daily pacing check',
};
const next = (result: ReturnType<typeof acknowledgeCase>): RiskCase => {
  if (!result.ok) throw new Error(result.reason);
  return result.next;
};

describe('Function: pageRecipients', () => {
  it.each([
    ['tier 1 pages the owner only', 1, 'ana', ['li', 'bo'], ['ana']],
    [
      'tier 2 adds the brand managers, the owner first, each once',
      2,
      'ana',
      ['li', 'ana', ' bo '],
      ['ana', 'li', 'bo'],
    ],
    ['a case with no owner pages every subscribed manager (tier 1)', 1, undefined, ['li'], undefined],
    ['a case with no owner pages every subscribed manager (tier 2)', 2, undefined, ['li'], undefined],
    ['a tier 2 whose brand names no managers pages every subscribed manager', 2, 'ana', [], undefined],
    ['a blank owner is no owner', 1, ' ', ['li'], undefined],
  ])('%s', (_name, tier, owner, managers, expected) => {
    expect(pageRecipients(tier, owner, managers)).toEqual(expected);
  });
});

describe('Escalation markers: who each page names', () => {
  it('addresses the tier-1 page of a case opened with an owner to that owner, and records the owner', () => {
    const opened = open('ana');

    expect(opened.owner).toBe('ana');
    expect(opened.escalation).toMatchObject({ id: 'case-1#1', tier: 1, recipients: ['ana'] });
  });

  it('names nobody on the page of a case without owner: every subscribed manager is paged, as before owners', () => {
    expect(open().escalation).toMatchObject({ tier: 1 });
    expect(open().escalation?.recipients).toBeUndefined();
  });

  it('addresses a page on a level rise to the owner, and an ownerless case takes the occurrence owner', () => {
    const yellow = open(undefined, 'yellow');

    const rose = joinCase(yellow, input('red', hours(1), 'bo'), testPolicy);
    const keeps = joinCase(open('ana', 'yellow'), input('red', hours(1), 'bo'), testPolicy);

    expect(rose).toMatchObject({
      owner: 'bo',
      escalation: { tier: 1, reason: 'level-rose', recipients: ['bo'] },
    });
    expect(keeps).toMatchObject({ owner: 'ana', escalation: { recipients: ['ana'] } });
  });

  it('pages the owner and the brand managers at tier 2 when the SLA lapses', () => {
    const result = escalateForSla(open('ana'), hours(5), 4, ['li', 'bo']);

    expect(result.ok && result.next.escalation).toMatchObject({
      id: 'case-1#2',
      tier: 2,
      reason: 'sla-lapsed',
      recipients: ['ana', 'li', 'bo'],
    });
  });
});

describe('Function: followUpOf (through acknowledgeCase and resolveCase)', () => {
  it('writes an acknowledgement follow-up to the people of the last page, in the same transition', () => {
    const paged = next(escalateForSla(open('ana'), hours(5), 4, ['li']));

    const acknowledged = next(acknowledgeCase(paged, 'user:li', hours(6)));

    expect(acknowledged.followUp).toEqual({
      id: 'case-1#2#acknowledged',
      kind: 'acknowledged',
      by: 'user:li',
      at: hours(6).toISOString(),
      escalation: paged.escalation,
    });
    expect(acknowledged.followUp?.escalation).toMatchObject({ tier: 2, recipients: ['ana', 'li'] });
  });

  it('writes a resolution follow-up with the root cause: the last of the whys', () => {
    const resolved = next(resolveCase(open('ana'), resolution, 'user:ana', hours(2)));

    expect(resolved.followUp).toMatchObject({
      id: 'case-1#1#resolved',
      kind: 'resolved',
      by: 'user:ana',
      rootCause: 'No pacing alert on the account',
      escalation: { id: 'case-1#1', recipients: ['ana'] },
    });
  });

  it('writes nothing for a case that never paged anyone', () => {
    const yellow = open('ana', 'yellow');

    expect(next(acknowledgeCase(yellow, 'user:ana', hours(1))).followUp).toBeUndefined();
    expect(next(resolveCase(yellow, resolution, 'user:ana', hours(1))).followUp).toBeUndefined();
  });

  it('tells nobody again when a resolved case reopens below paging and is resolved again', () => {
    const resolved = next(resolveCase(open('ana'), resolution, 'user:ana', hours(1)));
    const reopened = joinCase(resolved, input('yellow', hours(2)), testPolicy);

    const again = next(resolveCase(reopened, resolution, 'user:ana', hours(3)));

    expect(reopened.status).toBe('open');
    expect(again.followUp).toEqual(resolved.followUp);
    expect(followUpOf(reopened, 'resolved', { by: 'user:ana', at: hours(3).toISOString() })).toBeUndefined();
  });

  it('follows up the page of a case that reopened at a paging level, under a new id', () => {
    const resolved = next(resolveCase(open('ana'), resolution, 'user:ana', hours(1)));
    const reopened = joinCase(resolved, input('red', hours(2)), testPolicy);

    const acknowledged = next(acknowledgeCase(reopened, 'user:ana', hours(3)));

    expect(acknowledged.followUp).toMatchObject({
      id: 'case-1#2#acknowledged',
      escalation: { reason: 'reopened' },
    });
  });
});

describe('Function: actorName', () => {
  it.each([
    ['user:ana', 'ana'],
    ['client:cms', 'client:cms'],
  ])('names %s as %s', (actor, name) => {
    expect(actorName(actor)).toBe(name);
  });
});

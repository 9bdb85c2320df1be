import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, parseEventsRequest } from '#functions/input.ts';
import { PayloadTooLargeError, ValidationError } from '#shared/errors.ts';
import { adCopyEvent, sentimentEvent, spendEvent } from '../fixtures/events.ts';

const issuesOf = (body: string) => {
  try {
    parseEventsRequest(body);
  } catch (error) {
    if (error instanceof ValidationError) return error.issues;
    throw error;
  }
  throw new Error('expected a ValidationError');
};

describe('Function: parseEventsRequest', () => {
  it.each([spendEvent(), sentimentEvent(), adCopyEvent()])('accepts a single $type event', (event) => {
    const parsed = parseEventsRequest(JSON.stringify(event));
    expect(parsed).toEqual({ batch: false, items: [{ index: 0, ok: true, event }] });
  });

  it('rejects invalid JSON with a readable message', () => {
    expect(() => parseEventsRequest('{"eventId": ')).toThrow(/not valid JSON/);
  });

  it.each([null, undefined, '', '   '])('rejects an empty body (%j)', (body) => {
    expect(() => parseEventsRequest(body)).toThrow(ValidationError);
  });

  it('lists every bad path of a single event', () => {
    const bad = {
      ...spendEvent(),
      occurredAt: 'yesterday',
      spend: { ...spendEvent().spend, actualSpend: -1, currency: 'usd' },
    };
    expect(
      issuesOf(JSON.stringify(bad))
        .map((issue) => issue.path)
        .sort(),
    ).toEqual(['occurredAt', 'spend.actualSpend', 'spend.currency']);
  });

  it('names an unknown field at its own path, at any depth', () => {
    const bad = { ...spendEvent(), spend: { ...spendEvent().spend, budget: 1 }, extra: true };
    expect(
      issuesOf(JSON.stringify(bad))
        .map((issue) => issue.path)
        .sort(),
    ).toEqual(['extra', 'spend.budget']);
  });

  it('says which types exist when the type is unknown', () => {
    const issues = issuesOf(JSON.stringify({ ...spendEvent(), type: 'budget' }));
    expect(issues).toEqual([
      { path: 'type', message: expect.stringContaining('"ad-copy", "spend", "sentiment"') },
    ]);
  });

  it('rejects a copy text longer than the limit', () => {
    const issues = issuesOf(JSON.stringify(adCopyEvent({ text: 'a'.repeat(20_001) })));
    expect(issues.map((issue) => issue.path)).toEqual(['copy.text']);
  });

  it('validates each event of a batch on its own', () => {
    const body = JSON.stringify({
      events: [spendEvent(), { ...sentimentEvent(), sentiment: { brand: 'Acme' } }],
    });
    const parsed = parseEventsRequest(body);
    expect(parsed.batch).toBe(true);
    expect(parsed.items[0]).toMatchObject({ index: 0, ok: true });
    expect(parsed.items[1]).toMatchObject({ index: 1, ok: false, eventId: 'e-sent-1' });
    const second = parsed.items[1];
    if (second?.ok === false)
      expect(second.errors.every((issue) => issue.path.startsWith('events.1.sentiment.'))).toBe(true);
  });

  it('refuses more than 100 events as too large', () => {
    const body = JSON.stringify({ events: Array.from({ length: 101 }, (_, i) => spendEvent({}, `e-${i}`)) });
    expect(() => parseEventsRequest(body)).toThrow(PayloadTooLargeError);
  });

  it('refuses a body over 256 KB as too large', () => {
    const body = JSON.stringify(adCopyEvent({ text: 'x'.repeat(MAX_BODY_BYTES) }));
    expect(() => parseEventsRequest(body)).toThrow(PayloadTooLargeError);
  });

  it('refuses an empty batch and unknown batch fields', () => {
    expect(issuesOf(JSON.stringify({ events: [] })).map((i) => i.path)).toEqual(['events']);
    expect(issuesOf(JSON.stringify({ events: [spendEvent()], dryRun: true })).map((i) => i.path)).toEqual([
      'dryRun',
    ]);
  });

  it('refuses a spend period that ends before it starts and more negatives than mentions', () => {
    expect(issuesOf(JSON.stringify(spendEvent({ periodStart: '2026-12-01' }))).map((i) => i.path)).toEqual([
      'spend.periodEnd',
    ]);
    expect(issuesOf(JSON.stringify(sentimentEvent({ negative: 901 }))).map((i) => i.path)).toContain(
      'sentiment.negative',
    );
  });
});

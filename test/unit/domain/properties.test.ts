import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import { DEFAULT_MATRIX } from '#shared/domain/risk-matrix.ts';
import { readableMetrics } from '#shared/domain/signal.ts';
import { type RiskEvent, RiskEventSchema } from '#shared/schemas/events.ts';
import { arbitraryBaselines } from '../../support/signal-streams.ts';

const matcher = compileMatcher(DEFAULT_PACKS);
const engine = createRiskEngine();

const SEPARATORS = [' ', '-', '.', '·', '\u200b', '　', '*'];
const FULL_WIDTH = (text: string) =>
  text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

/** A phrase with separators between some of its characters (Chinese may be split anywhere). */
const splitAnywhere = (chars: readonly string[]) =>
  fc
    .array(fc.option(fc.constantFrom(...SEPARATORS), { nil: '' }), {
      minLength: chars.length,
      maxLength: chars.length,
    })
    .map((seps) => chars.map((ch, k) => (k === 0 ? ch : `${seps[k] ?? ''}${ch}`)).join(''));

const chinesePhrase = fc
  .constantFrom(['最', '佳'], ['極', '品'], ['国', '家', '级'], ['國', '家', '級'], ['顶', '级'])
  .chain(splitAnywhere);

// Latin words are split letter by letter or not at all: a partial split is deliberately not a claim. The
// phrases are claims as the law reads them: a bare "cure" (gel polish cures under a lamp) or "risk-free" (a
// free trial) is not one, "cures cancer" and a "risk-free investment" are.
const englishPhrase = fc
  .tuple(
    fc.constantFrom('cures cancer', 'miracle cure', 'risk-free investment'),
    fc.constantFrom('', ' ', '.', '\u200b'),
    fc.boolean(),
    fc.boolean(),
  )
  .map(([word, sep, upper, wide]) => {
    const spelled = [...word].join(sep);
    const cased = upper ? spelled.toUpperCase() : spelled;
    return wide ? FULL_WIDTH(cased) : cased;
  });

// Mathematical bold (𝐜𝐮𝐫𝐞) and circled (ⓒⓤⓡⓔ) letters: NFKC folds both back to ASCII.
const STYLES = [0x1d41a, 0x24d0] as const;
const stylisedPhrase = fc
  .tuple(fc.constantFrom('cures cancer', 'miracle cure', 'guaranteed results'), fc.constantFrom(...STYLES))
  .map(([word, base]) =>
    [...word]
      .map((ch) => (/[a-z]/.test(ch) ? String.fromCodePoint(base + ch.charCodeAt(0) - 97) : ch))
      .join(''),
  );

const vietnamesePhrase = fc.constantFrom(
  'tốt nhất',
  'tot nhat',
  'TỐT NHẤT',
  'duy nhất',
  'duy nhat',
  // "số 1" alone is an address or a rank in a list; next to the market it is the claim (Circular 10/2013).
  'số một thị trường',
  'so mot thi truong',
  'SO MOT THI TRUONG',
  'tốt\u200bnhất',
  'chữa khỏi ung thư',
  'chua khoi ung thu',
);

describe('Property: evidence spans are exact substrings of the submitted text', () => {
  it('holds for any text, including lone surrogates and combining marks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 80 }),
        chinesePhrase,
        englishPhrase,
        (noise, zh, en) => {
          const text = `${noise}${zh}${noise} ${en} ${noise}`;
          for (const hit of matcher.find(text)) expect(text.slice(hit.start, hit.end)).toBe(hit.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('Property: a banned phrase inserted anywhere, with any evasion, is found', () => {
  const noise = fc.string({ maxLength: 40 });

  it.each([
    ['zh', 'CN', chinesePhrase, '。', '。'],
    ['en', 'US', englishPhrase, '. ', ' '],
    ['en', 'US', stylisedPhrase, '. ', ' '],
    ['vi', 'VN', vietnamesePhrase, '. ', ' '],
  ] as const)('in %s copy', (lang, market, phrase, before, after) => {
    fc.assert(
      fc.property(noise, phrase, noise, (prefix, claim, suffix) => {
        // Clause breaks around the claim keep random neighbours from negating or extending it.
        const text = `${prefix}${before}${claim}${after}${suffix}`;
        const start = prefix.length + before.length;
        const evaluated = engine.evaluate(
          {
            eventId: 'e',
            type: 'ad-copy',
            occurredAt: '2026-11-22T09:00:00Z',
            source: 'p',
            copy: { copyId: 'c', text, lang, market, category: 'cosmetics', brand: 'b' },
          },
          { now: new Date(0) },
        );
        // The evidence lies on the claim: it may be longer ("c.u.r.e s" spells "cures") or only its core
        // ("risk-free" of "risk-free investment"), never elsewhere.
        const spans = evaluated.findings.flatMap((finding) => finding.evidence ?? []);
        expect(spans.some((span) => span.start < start + claim.length && span.end > start)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

const isoDate = fc
  .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
  .map((d) => d.toISOString());
// The contract admits money with at most 4 decimal places.
const money = fc.double({ min: 0, max: 1e9, noNaN: true }).map((x) => Math.round(x * 1e4) / 1e4);

const spendEvent = fc
  .tuple(
    isoDate,
    isoDate,
    fc.double({ min: 0.01, max: 1e9, noNaN: true }).map((x) => Math.round(x * 1e4) / 1e4),
    money,
    fc.option(fc.nat(1e6), { nil: undefined }),
  )
  .map(([a, b, plannedBudget, actualSpend, conversions]) => ({
    eventId: 'e',
    type: 'spend',
    occurredAt: a,
    source: 'ads',
    spend: {
      campaignId: 'c',
      channel: 'facebook',
      currency: 'USD',
      plannedBudget,
      actualSpend,
      ...(conversions === undefined ? {} : { conversions }),
      // The contract admits periods of at most 366 days.
      periodStart: (a < b ? a : b).slice(0, 10),
      periodEnd: new Date(Math.min(Date.parse(a < b ? b : a), Date.parse(a < b ? a : b) + 365 * 86_400_000))
        .toISOString()
        .slice(0, 10),
    },
  }));

const sentimentEvent = fc
  .tuple(isoDate, fc.nat(1e7), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([at, mentions, share]) => ({
    eventId: 'e',
    type: 'sentiment',
    occurredAt: at,
    source: 'listening',
    sentiment: {
      brand: 'Acme',
      channel: 'weibo',
      windowStart: at,
      windowEnd: at,
      mentions,
      negative: Math.floor(mentions * share),
    },
  }));

const copyEvent = fc
  .tuple(
    fc.string({ minLength: 1, maxLength: 300, unit: 'grapheme' }).filter((text) => text.trim() !== ''),
    fc.constantFrom('zh', 'vi', 'en'),
    fc.constantFrom('CN', 'VN', 'US'),
    fc.constantFrom('cosmetics', 'medicine', 'food'),
  )
  .map(([text, lang, market, category]) => ({
    eventId: 'e',
    type: 'ad-copy',
    occurredAt: '2026-11-22T09:00:00Z',
    source: 'cms',
    copy: { copyId: 'c', text, lang, market, category, brand: 'Acme' },
  }));

// Baselines as ingest stores them: folds of contract-valid reports (test/support/signal-streams.ts).
const baselines = arbitraryBaselines;

describe('Property: the engine never throws on a valid event', () => {
  it('assesses any valid spend, sentiment or ad-copy event on the matrix, with or without baselines', () => {
    const levels = DEFAULT_MATRIX.levels.map((level) => level.id);
    fc.assert(
      fc.property(
        fc.oneof(spendEvent, sentimentEvent, copyEvent),
        fc.date({ noInvalidDate: true }),
        baselines,
        (raw, now, stored) => {
          const event: RiskEvent = RiskEventSchema.parse(raw);
          const assessment = engine.evaluate(event, { now, baselines: stored });
          engine.nextBaseline(event, stored.spend ?? stored.sentiment);
          expect(levels).toContain(assessment.level);
          expect(assessment.engine).toEqual(engine.version);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('Property: readable metrics', () => {
  it('keep every amount with cents up to 10¹⁰ exactly and ratios to 12 significant digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (cents) => {
        const amount = cents / 100;
        expect(readableMetrics({ amount }).amount).toBe(amount);
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 1e6 }), (actual, planned) => {
        const exact = actual / planned - 1;
        const ratio = readableMetrics({ ratio: exact }).ratio ?? Number.NaN;
        expect(Math.abs(ratio - exact)).toBeLessThanOrEqual(Math.abs(exact) * 1e-11);
        expect(Number(ratio.toPrecision(12))).toBe(ratio);
      }),
    );
  });
});

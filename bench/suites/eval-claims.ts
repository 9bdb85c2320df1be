import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRiskEngine } from '#shared/domain/risk-engine.ts';
import type { Assessment, Finding } from '#shared/schemas/assessment.ts';
import type { RiskEvent } from '#shared/schemas/events.ts';
import { type CorpusCase, loadCorpus } from '../eval/claims-corpus.ts';
import { EVASION_KINDS, evade, type Placed } from '../eval/evasions.ts';
import type { Suite, Target } from '../run.ts';

/**
 * Detection quality of the claim checker on the team's labelled corpus (test/fixtures/claims/corpus):
 * every case goes through the real engine as `POST /v1/evaluate` would send it. A copy is *flagged* when
 * its assessment is above green. Precision and recall are of "violation" against "advisory or clean", per
 * language, market and law area; every violation case is then re-tested under every evasion kind that
 * applies to its language (bench/eval/evasions.ts). Evidence must be exact (`text.slice(start, end)`) and
 * cover each labelled breach. Misses of the development half are written to bench/out/eval-claims-errors.jsonl
 * for whoever tunes the packs — read them as kinds of copy to handle, never as sentences to match.
 */

const OUT_DIR = join(import.meta.dirname, '../out');

/**
 * Half of each batch is held out: whoever tunes the packs reads only the misses of the development half
 * (bench/out/eval-claims-errors.jsonl), so the held-out figures say how the packs do on copy their authors
 * have not read — the closest this repository gets to the hidden sets. The split hashes the case id, so it
 * does not move when cases are added.
 *
 * A held-out half serves while its batch is new. Once a batch's blind and held-out figures are on record
 * (the session notes), its held-out half is *retired*: its misses join the development file and the packs
 * may learn their kinds, from the law, like any other. Only the batches in SEALED_BATCHES keep a sealed
 * held-out half; the figures of retired halves are still reported apart (`eval.retired.*`).
 */
export const SEALED_BATCHES = ['-r12-', '-r13-'] as const;
export type Split = 'dev' | 'retired' | 'holdout';
export const splitOf = (id: string): Split => {
  if ((createHash('sha256').update(id).digest()[0] ?? 0) % 2 === 0) return 'dev';
  return SEALED_BATCHES.some((tag) => id.includes(tag)) ? 'holdout' : 'retired';
};
const NOW = new Date('2026-12-01T00:00:00Z');

interface Tally {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
}

const tally = (): Tally => ({ tp: 0, fp: 0, fn: 0, tn: 0 });
const ratio = (num: number, den: number): number => (den === 0 ? 1 : num / den);
const precision = (t: Tally): number => ratio(t.tp, t.tp + t.fp);
const recall = (t: Tally): number => ratio(t.tp, t.tp + t.fn);

const outcomeOf = (finding: Finding): string =>
  (finding as Finding & { readonly outcome?: string }).outcome ?? 'violation';

const eventOf = (item: CorpusCase, text: string): RiskEvent => ({
  eventId: item.id,
  type: 'ad-copy',
  occurredAt: NOW.toISOString(),
  source: 'eval',
  copy: {
    copyId: item.id,
    text,
    lang: item.lang,
    market: item.market,
    category: item.category,
    brand: 'Eval',
  },
});

const spansOf = (assessment: Assessment): Placed[] =>
  assessment.findings
    .filter((finding) => finding.level !== 'green' && outcomeOf(finding) !== 'advisory')
    .flatMap((finding) => finding.evidence ?? []);

const covers = (spans: readonly Placed[], wanted: Placed): boolean =>
  spans.some((span) => span.start < wanted.end && wanted.start < span.end);

/** Where each labelled evidence substring stands in the case's own text (its first occurrence). */
const placedEvidence = (item: CorpusCase): Placed[] =>
  item.evidence.map((phrase) => {
    const start = item.text.indexOf(phrase);
    return { start, end: start + phrase.length };
  });

const summary = (assessment: Assessment) =>
  assessment.findings.map((finding) => ({
    ruleId: finding.ruleId,
    level: finding.level,
    outcome: outcomeOf(finding),
    evidence: (finding.evidence ?? []).map((span) => span.text),
  }));

const bump = (map: Map<string, Tally>, key: string, field: keyof Tally): void => {
  const entry = map.get(key) ?? tally();
  entry[field] += 1;
  map.set(key, entry);
};

export const suite: Suite = {
  name: 'eval-claims',
  async run(progress) {
    const { cases, issues } = await loadCorpus();
    if (issues.length > 0) throw new Error(`The corpus has issues:\n${issues.slice(0, 20).join('\n')}`);
    if (cases.length === 0) throw new Error('The corpus is empty (test/fixtures/claims/corpus/*.jsonl)');
    progress(`${cases.length} cases`);
    const engine = createRiskEngine();
    const assess = (item: CorpusCase, text: string): Assessment =>
      engine.evaluate(eventOf(item, text), { now: NOW });

    const all = tally();
    const bySplit = new Map<string, Tally>();
    const byLang = new Map<string, Tally>();
    const bySplitLang = new Map<string, Tally>();
    const byMarket = new Map<string, Tally>();
    const byArea = new Map<string, Tally>();
    const errors: object[] = [];
    let spans = 0;
    let exactSpans = 0;
    let wantedEvidence = 0;
    let coveredEvidence = 0;
    let advisories = 0;
    let advisoriesSeen = 0;
    // Violations caught with their evidence as written: the base an evasion is measured against, apart
    // from what the packs miss anyway.
    const caughtAsWritten = new Set<string>();

    for (const item of cases) {
      const assessment = assess(item, item.text);
      for (const finding of assessment.findings)
        for (const span of finding.evidence ?? []) {
          spans += 1;
          if (item.text.slice(span.start, span.end) === span.text) exactSpans += 1;
        }
      const flagged = assessment.level !== 'green';
      const positive = item.expect === 'violation';
      const field: keyof Tally = positive ? (flagged ? 'tp' : 'fn') : flagged ? 'fp' : 'tn';
      for (const [map, key] of [
        [byLang, item.lang],
        [byMarket, item.market],
        [byArea, item.area],
        [bySplit, splitOf(item.id)],
        [bySplitLang, `${splitOf(item.id)}.${item.lang}`],
      ] as const)
        bump(map, key, field);
      all[field] += 1;
      let uncovered: string[] = [];
      if (field === 'tp') {
        const found = spansOf(assessment);
        const wanted = placedEvidence(item);
        wantedEvidence += wanted.length;
        uncovered = item.evidence.filter((_, k) => {
          const place = wanted[k];
          return place === undefined || !covers(found, place);
        });
        coveredEvidence += wanted.length - uncovered.length;
        if (uncovered.length === 0) caughtAsWritten.add(item.id);
      }
      if (item.expect === 'advisory') {
        advisories += 1;
        if (!flagged && assessment.findings.some((finding) => outcomeOf(finding) === 'advisory'))
          advisoriesSeen += 1;
      }
      if (field === 'fp' || field === 'fn' || uncovered.length > 0)
        errors.push({
          split: splitOf(item.id),
          kind: field === 'tp' ? 'evidence' : field,
          id: item.id,
          area: item.area,
          market: item.market,
          category: item.category,
          text: item.text,
          expected: item.evidence,
          ...(uncovered.length > 0 ? { uncovered } : {}),
          level: assessment.level,
          findings: summary(assessment),
        });
    }

    const byEvasion = new Map<string, Tally>();
    const retainedByEvasion = new Map<string, Tally>();
    for (const item of cases.filter((entry) => entry.expect === 'violation'))
      for (const kind of EVASION_KINDS.filter((entry) => entry.languages.includes(item.lang))) {
        const evaded = evade(item.text, item.evidence, kind);
        if (evaded === undefined) continue;
        const assessment = assess(item, evaded.text);
        const found = spansOf(assessment);
        const caught = assessment.level !== 'green' && evaded.evidence.every((place) => covers(found, place));
        bump(byEvasion, kind.name, caught ? 'tp' : 'fn');
        if (caughtAsWritten.has(item.id)) bump(retainedByEvasion, kind.name, caught ? 'tp' : 'fn');
        if (!caught)
          errors.push({
            split: splitOf(item.id),
            kind: 'evasion',
            evasion: kind.name,
            id: item.id,
            text: evaded.text,
            level: assessment.level,
            findings: summary(assessment),
          });
      }
    const sumOf = (tallies: Iterable<Tally>): Tally =>
      [...tallies].reduce((sum, t) => ({ tp: sum.tp + t.tp, fp: 0, fn: sum.fn + t.fn, tn: 0 }), tally());
    const evasionAll = sumOf(byEvasion.values());
    const retainedAll = sumOf(retainedByEvasion.values());

    const metrics: Record<string, number> = {
      'eval.cases': cases.length,
      'eval.violations': all.tp + all.fn,
      'eval.precision': precision(all),
      'eval.recall': recall(all),
      'eval.falsePositives': all.fp,
      'eval.falseNegatives': all.fn,
      'eval.evidence.exact': ratio(exactSpans, spans),
      'eval.evidence.covered': ratio(coveredEvidence, wantedEvidence),
      'eval.advisory.cases': advisories,
      'eval.advisory.recall': ratio(advisoriesSeen, advisories),
      'eval.evasion.recall': recall(evasionAll),
      'eval.evasion.retained': recall(retainedAll),
    };
    for (const [split, t] of [...bySplit].sort()) {
      metrics[`eval.${split}.precision`] = precision(t);
      metrics[`eval.${split}.recall`] = recall(t);
    }
    for (const [splitLang, t] of [...bySplitLang].sort()) {
      metrics[`eval.${splitLang}.precision`] = precision(t);
      metrics[`eval.${splitLang}.recall`] = recall(t);
    }
    for (const [lang, t] of [...byLang].sort()) {
      metrics[`eval.${lang}.precision`] = precision(t);
      metrics[`eval.${lang}.recall`] = recall(t);
      metrics[`eval.${lang}.falsePositives`] = t.fp;
      metrics[`eval.${lang}.falseNegatives`] = t.fn;
    }
    for (const [market, t] of [...byMarket].sort()) {
      metrics[`eval.market.${market}.precision`] = precision(t);
      metrics[`eval.market.${market}.recall`] = recall(t);
    }
    for (const [area, t] of [...byArea].sort()) {
      if (t.tp + t.fn > 0) metrics[`eval.area.${area}.recall`] = recall(t);
      metrics[`eval.area.${area}.falsePositives`] = t.fp;
    }
    for (const [kind, t] of [...byEvasion].sort()) metrics[`eval.evasion.${kind}.recall`] = recall(t);
    // Of the violations caught as written, the share still caught (evidence covered) under each evasion:
    // what the normaliser and matcher lose to the trick itself.
    for (const [kind, t] of [...retainedByEvasion].sort())
      metrics[`eval.evasion.${kind}.retained`] = recall(t);

    await mkdir(OUT_DIR, { recursive: true });
    const errorsFile = join(OUT_DIR, 'eval-claims-errors.jsonl');
    const lines = (...splits: Split[]) =>
      `${errors
        .filter((error) => splits.includes((error as { split: Split }).split))
        .map((error) => JSON.stringify(error))
        .join('\n')}\n`;
    await writeFile(errorsFile, lines('dev', 'retired'));
    await writeFile(join(OUT_DIR, 'eval-claims-holdout-errors.jsonl'), lines('holdout'));
    progress(
      `precision ${precision(all).toFixed(3)}, recall ${recall(all).toFixed(3)}, evasion recall ${recall(evasionAll).toFixed(3)} (retained ${recall(retainedAll).toFixed(3)}); ${errors.length} misses in ${errorsFile}`,
    );

    const targets: Target[] = [
      { description: `eval.precision ${precision(all).toFixed(3)} ≥ 0.97`, met: precision(all) >= 0.97 },
      { description: `eval.recall ${recall(all).toFixed(3)} ≥ 0.97`, met: recall(all) >= 0.97 },
      ...[...byLang].sort().flatMap(([lang, t]) => [
        {
          description: `eval.${lang}.precision ${precision(t).toFixed(3)} ≥ 0.95`,
          met: precision(t) >= 0.95,
        },
        { description: `eval.${lang}.recall ${recall(t).toFixed(3)} ≥ 0.95`, met: recall(t) >= 0.95 },
      ]),
      { description: `every evidence span exact (${exactSpans}/${spans})`, met: exactSpans === spans },
      {
        description: `eval.evidence.covered ${ratio(coveredEvidence, wantedEvidence).toFixed(3)} ≥ 0.97`,
        met: ratio(coveredEvidence, wantedEvidence) >= 0.97,
      },
      {
        description: `eval.evasion.recall ${recall(evasionAll).toFixed(3)} ≥ 0.90 (${EVASION_KINDS.length} kinds)`,
        met: recall(evasionAll) >= 0.9,
      },
    ];
    return {
      metrics,
      targets,
      notes: [
        `Corpus: ${cases.length} cases (${all.tp + all.fn} violations, ${advisories} advisories, ${all.fp + all.tn - advisories} clean).`,
        'Misses of the development half and of retired held-out halves, one JSON line each: bench/out/eval-claims-errors.jsonl;',
        `the sealed held-out halves (${SEALED_BATCHES.join(' ')}: bench/out/eval-claims-holdout-errors.jsonl) are for the lead's review, not for tuning.`,
      ],
    };
  },
};

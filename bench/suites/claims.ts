import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '#infra/risk-function.ts';
import { copySignals } from '#shared/domain/claims/evaluate-copy.ts';
import type { ClaimMatcher } from '#shared/domain/claims/matcher.ts';
import { compileMatcher } from '#shared/domain/claims/matcher.ts';
import { DEFAULT_PACKS } from '#shared/domain/claims/packs/index.ts';
import { compilePattern, expandPattern } from '#shared/domain/claims/pattern.ts';
import type { ClaimRule, RulePack } from '#shared/domain/claims/types.ts';
import type { Language } from '#shared/schemas/events.ts';
import type { Suite } from '../run.ts';

/**
 * Claim matching throughput on one core (this process, one thread): 300-character ad copies per second
 * with 100, 1,000 and 5,000 phrases loaded, and the same copies through a naive loop of one RegExp per
 * phrase. The real rules that fire on the copies come first (trimmed to the phrases that fire, exceptions
 * and negation kept); synthetic phrases that never match fill up to the count, so the copies find the same
 * claims whatever the count and only the automaton grows.
 */

const COPY_LENGTH = 300;
const COPIES = 600;
// About three claims or near-misses (第一次, "guaranteed delivery", "nhất là") in each copy.
const CLAIM_SHARE = 0.05;
const MEASURE_MS = 2_500;
/** Measurement windows per figure; the best is reported (see `throughput`). */
const WINDOWS = 5;
const LANGUAGES: readonly Language[] = ['zh', 'en', 'vi'];
const MARKET = { zh: 'CN', en: 'US', vi: 'VN' } as const;

// A small deterministic generator: the same copies and phrases on every run and machine.
const random = (seed: number) => {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state / 0x1_0000_0000;
  };
};
const pick = <T>(next: () => number, items: readonly T[]): T => {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new RangeError('pick from an empty list');
  return item;
};

const FILLER = {
  zh: '本品 采用 天然植物 配方 温和 不刺激 适合 日常护理 使用 清爽 不油腻 质地轻盈 易吸收 呵护肌肤 每一天 早晚 各一次 涂抹于 面部 深层 补水 保湿 焕亮 肤色 精华 成分 来自 高山 花园'.split(
    ' ',
  ),
  en: 'our new serum feels light and fresh on the skin with a gentle texture that absorbs fast and suits daily care routines for all skin types'.split(
    ' ',
  ),
  vi: 'sản phẩm dưỡng da với kết cấu nhẹ nhàng thấm nhanh phù hợp cho mọi loại da sử dụng hằng ngày vào buổi sáng và tối'.split(
    ' ',
  ),
} as const;
const CLAIMS = {
  zh: ['效果最佳', '三天见效', '根治痘痘', '無副作用', '最 佳', '第一次使用', '销量第一'],
  en: [
    'cures everything',
    'clinically proven',
    'risk-free',
    '#1 serum',
    'guaranteed delivery',
    'm.i.r.a.c.l.e',
  ],
  vi: ['tốt nhất', 'tot nhat', 'chữa khỏi bệnh', 'nhất là', 'số một', 'cam kết hiệu quả'],
} as const;

const copyOf = (lang: Language, next: () => number): string => {
  const sep = lang === 'zh' ? '' : ' ';
  let text = '';
  while (text.length < COPY_LENGTH) {
    const piece = next() < CLAIM_SHARE ? pick(next, CLAIMS[lang]) : pick(next, FILLER[lang]);
    text += (text === '' ? '' : next() < 0.1 ? (lang === 'zh' ? '，' : ', ') : sep) + piece;
  }
  return text.slice(0, COPY_LENGTH);
};

const syntheticPhrase = (lang: Language, next: () => number): string => {
  const length = 2 + Math.floor(next() * 3);
  if (lang === 'zh') {
    return Array.from({ length }, () => String.fromCharCode(0x4e00 + Math.floor(next() * 0x5000))).join('');
  }
  const letters = lang === 'vi' ? 'abcdeghiklmnopqrstuvxyăâđêôơư' : 'abcdefghijklmnopqrstuvwxyz';
  const word = () =>
    Array.from({ length: 3 + Math.floor(next() * 5) }, () => pick(next, [...letters])).join('');
  return Array.from({ length: Math.max(2, length - 1) }, word).join(' ');
};

const keyOf = (phrase: string): string => compilePattern(phrase).key;

/**
 * The real rules that fire on the bench copies, trimmed to the phrases that do (exceptions, contexts and
 * negation kept): the same claims are found whatever the count, so only the automaton grows.
 */
const realRules = (lang: Language, packId: string): ClaimRule[] => {
  const claims = CLAIMS[lang].map(keyOf);
  const fires = (phrase: string) => claims.some((claim) => claim.includes(keyOf(phrase)));
  return DEFAULT_PACKS.filter((pack) => pack.language === lang).flatMap((pack) =>
    pack.rules.flatMap((rule): ClaimRule[] => {
      const patterns = (rule.patterns ?? []).flatMap(expandPattern).filter(fires);
      if (patterns.length === 0) return [];
      const kept = patterns.map(keyOf);
      const exceptions = (rule.exceptions ?? [])
        .flatMap(expandPattern)
        .filter((exception) => kept.some((key) => keyOf(exception).includes(key)));
      return [
        { ...rule, id: rule.id.replace(/^[a-z]+\./, `${packId}.`), patterns, exceptions, unlessPresent: [] },
      ];
    }),
  );
};

const syntheticRules = (lang: Language, packId: string, count: number, seed: number): ClaimRule[] => {
  const next = random(seed);
  const phrases = Array.from({ length: count }, () => syntheticPhrase(lang, next));
  const rules: ClaimRule[] = [];
  for (let k = 0; k < phrases.length; k += 25) {
    rules.push({
      id: `${packId}.synthetic${k}`,
      markets: 'all',
      languages: [lang],
      categories: 'all',
      patterns: phrases.slice(k, k + 25),
      probability: 'medium',
      impact: 'moderate',
      basis: 'bench',
      message: { en: 'bench', 'zh-CN': 'bench', vi: 'bench' },
      suggestion: { en: 'bench', 'zh-CN': 'bench', vi: 'bench' },
    });
  }
  return rules;
};

const phraseCount = (rules: readonly ClaimRule[]): number =>
  rules.reduce((sum, rule) => sum + (rule.patterns ?? []).flatMap(expandPattern).length, 0);

/** Packs holding `count` claim phrases in all: the real rules that fire, then synthetic ones. */
export const packsWith = (count: number): RulePack[] => {
  const real = LANGUAGES.map((lang) => realRules(lang, `bench${lang}`));
  const filler = count - real.reduce((sum, rules) => sum + phraseCount(rules), 0);
  if (filler < 0) throw new Error(`The real rules alone hold more than ${count} phrases`);
  return LANGUAGES.map((lang, index) => {
    const template = DEFAULT_PACKS.find((pack) => pack.language === lang);
    if (template === undefined) throw new Error(`No default pack for ${lang}`);
    const id = `bench${lang}`;
    const share = Math.floor(filler / LANGUAGES.length) + (index < filler % LANGUAGES.length ? 1 : 0);
    const rules = [...(real[index] ?? []), ...syntheticRules(lang, id, share, 1_000 + index)];
    return {
      id,
      version: `${count}`,
      title: id,
      language: lang,
      markets: template.markets,
      negation: template.negation,
      rules,
    };
  });
};

const throughput = (
  copies: readonly (readonly [Language, string])[],
  evaluate: (lang: Language, text: string) => unknown,
): number => {
  for (let round = 0; round < 3; round++) for (const [lang, text] of copies) evaluate(lang, text);
  // CPU time of this thread's process, not wall time: other work on a shared machine does not count. Even
  // so, a neighbour on the same host slows the CPU itself (caches, frequency), so the best of several
  // windows is reported, as timeit and hyperfine do: it estimates what the code can do, and the engine
  // and the naive baseline are measured alike, so their ratio stays fair.
  const window = (): number => {
    let done = 0;
    const started = process.cpuUsage();
    const cpuMs = () => {
      const { user, system } = process.cpuUsage(started);
      return (user + system) / 1000;
    };
    while (cpuMs() < MEASURE_MS / WINDOWS) {
      for (const [lang, text] of copies) evaluate(lang, text);
      done += copies.length;
    }
    return done / (cpuMs() / 1000);
  };
  return Math.max(...Array.from({ length: WINDOWS }, window));
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What a first version would do: one RegExp per phrase, case-insensitive and tolerant of spacing,
 * punctuation and zero-width characters between its characters (最 佳, c.u.r.e), run over the copy as
 * submitted. It still misses full-width, stylised, traditional and diacritic-free spellings, so it does
 * less than the automaton, not more.
 */
const naiveMatcher = (packs: readonly RulePack[]) => {
  const between = '[\\s\\p{P}\\u200b-\\u200d]*';
  const regexps = packs.flatMap((pack) =>
    pack.rules.flatMap((rule) =>
      (rule.patterns ?? [])
        .flatMap(expandPattern)
        .map((phrase) => new RegExp([...compilePattern(phrase).key].map(escapeRegExp).join(between), 'giu')),
    ),
  );
  return (text: string): number => {
    let hits = 0;
    for (const regexp of regexps) {
      regexp.lastIndex = 0;
      while (regexp.exec(text) !== null) hits++;
    }
    return hits;
  };
};

export const evaluateWith =
  (matcher: ClaimMatcher) =>
  (lang: Language, text: string): number =>
    copySignals({ text, lang, market: MARKET[lang], category: 'cosmetics' }, matcher).length;

/** The bench's copies: the same on every run (exported for profiling with `node --cpu-prof`). */
export const benchCopies = (): (readonly [Language, string])[] => {
  const next = random(42);
  return Array.from({ length: COPIES }, (_, k) => {
    const lang = LANGUAGES[k % LANGUAGES.length] ?? 'en';
    return [lang, copyOf(lang, next)] as const;
  });
};

// The first ad copy a fresh process evaluates compiles the packs its languages need: the part of a cold
// start that the Lambda's first ad-copy request pays after the import (bench/suites/bundles.ts measures the
// import). Measured in a fresh Node process per language, with the default packs.
const FIRST_COPY = {
  zh: '本店全网最佳面霜，三天见效',
  en: 'The best serum in the world, cures acne',
  vi: 'Sản phẩm tốt nhất, chữa khỏi mụn',
};
const FIRST_EVALUATION = [
  'const { createRiskEngine } = await import(process.env.BENCH_ENGINE_URL);',
  'const engine = createRiskEngine();',
  'const copy = JSON.parse(process.env.BENCH_COPY);',
  'const started = performance.now();',
  "engine.evaluate({ eventId: 'first', type: 'ad-copy', occurredAt: '2026-12-01T00:00:00Z', source: 'bench', copy }, { now: new Date('2026-12-01T00:00:00Z') });",
  'process.stdout.write(String(performance.now() - started));',
].join('\n');

const firstEvaluationMs = async (lang: Language): Promise<number> => {
  const copy = {
    copyId: 'first',
    text: FIRST_COPY[lang],
    lang,
    market: MARKET[lang],
    category: 'cosmetics',
    brand: 'Bench',
  };
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--input-type=module', '-e', FIRST_EVALUATION],
    {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        BENCH_ENGINE_URL: pathToFileURL(join(PROJECT_ROOT, 'shared', 'domain', 'risk-engine.ts')).href,
        BENCH_COPY: JSON.stringify(copy),
      },
    },
  );
  const ms = Number(stdout);
  if (!Number.isFinite(ms)) throw new Error(`First ${lang} evaluation printed ${stdout}`);
  return ms;
};

// A cold ingest function compiles the packs of a copy's language inside its first request, which has the
// 10 s an API function may run (infra/service-stack.ts): compiling may take a fifth of it.
const FIRST_EVALUATION_MAX_MS = 2_000;

export const suite: Suite = {
  name: 'claims',
  async run(progress) {
    const copies = benchCopies();
    const metrics: Record<string, number> = {};
    for (const count of [100, 1_000, 5_000]) {
      const matcher = compileMatcher(packsWith(count));
      progress(`${phraseCount(matcher.rules)} claim phrases loaded (${matcher.phrases} with exceptions)`);
      metrics[`claims.copiesPerSec.${count}`] = throughput(copies, evaluateWith(matcher));
    }
    const naive = naiveMatcher(packsWith(1_000));
    metrics['claims.naiveCopiesPerSec.1000'] = throughput(copies, (_lang, text) => naive(text));
    const defaults = compileMatcher(DEFAULT_PACKS);
    metrics['claims.defaultPacks.phrases'] = defaults.phrases;
    metrics['claims.copiesPerSec.defaultPacks'] = throughput(copies, evaluateWith(defaults));
    for (const lang of LANGUAGES) {
      progress(`first ${lang} ad copy in a fresh process (compiles the packs it needs)`);
      metrics[`claims.firstEvaluationMs.${lang}`] = await firstEvaluationMs(lang);
    }

    const at = (key: string): number => metrics[key] ?? 0;
    const flat = at('claims.copiesPerSec.100') / at('claims.copiesPerSec.5000');
    const speedup = at('claims.copiesPerSec.1000') / at('claims.naiveCopiesPerSec.1000');
    return {
      metrics,
      targets: [
        {
          description: `claims.copiesPerSec.1000 >= 20000 (${Math.round(at('claims.copiesPerSec.1000'))})`,
          met: at('claims.copiesPerSec.1000') >= 20_000,
        },
        { description: `copiesPerSec.100 / copiesPerSec.5000 <= 2 (${flat.toFixed(2)})`, met: flat <= 2 },
        {
          description: `copiesPerSec.1000 / naiveCopiesPerSec.1000 >= 10 (${speedup.toFixed(1)})`,
          met: speedup >= 10,
        },
        ...LANGUAGES.map((lang) => ({
          description: `claims.firstEvaluationMs.${lang} <= ${FIRST_EVALUATION_MAX_MS} (${Math.round(at(`claims.firstEvaluationMs.${lang}`))})`,
          met: at(`claims.firstEvaluationMs.${lang}`) <= FIRST_EVALUATION_MAX_MS,
        })),
      ],
      notes: [
        `${COPIES} copies of ${COPY_LENGTH} characters (zh, en, vi in turn), about 5 % of their phrases claims or near-misses (about three per copy), evaluated end to end (normalise, scan, context, signals).`,
        'The naive loop runs one RegExp per phrase (case-insensitive, tolerant of separators inside the phrase) over each copy as submitted.',
        `One thread of Node ${process.version}; each figure is the best of ${WINDOWS} windows of ${MEASURE_MS / WINDOWS / 1000} s of CPU time after a warm-up, in copies per CPU-second.`,
        'claims.firstEvaluationMs.<lang>: wall time of the first evaluation of a copy in that language in a fresh process with the default packs (the matcher compiles the packs of the languages the copy holds); the import itself is in the bundles suite.',
      ],
    };
  },
};

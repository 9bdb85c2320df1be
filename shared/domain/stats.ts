/**
 * The few distributions the spend and sentiment detectors need to judge counts as counts: how surprising
 * an observed number of conversions or negative mentions is, given what the subject's own baseline
 * expects. Hand-written on purpose: the ingest bundle has ~19 KB of its 300 KB budget left, and the
 * statistics packages that offer the regularised incomplete beta function (jStat, @stdlib) weigh more than
 * that. The algorithms are the textbook ones (Lanczos log-gamma, Lentz's continued fraction for the
 * incomplete beta, Acklam's normal quantile); test/unit/domain/stats.test.ts checks them against known
 * values and brute-force sums.
 *
 * Every function is total: any finite or non-finite input gives a finite result in its range (a
 * probability in [0, 1]), never NaN and never a throw, so a detector built on them cannot fail an event.
 */

const LANCZOS = [
  0.999_999_999_999_809_9, 676.520_368_121_885_1, -1_259.139_216_722_402_8, 771.323_428_777_653_1,
  -176.615_029_162_140_6, 12.507_343_278_686_905, -0.138_571_095_265_720_12, 9.984_369_578_019_572e-6,
  1.505_632_735_149_311_6e-7,
] as const;

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7; relative error below 1e-13).
 *
 * @example
 * logGamma(5); // ln 24 ≈ 3.178
 */
export const logGamma = (x: number): number => {
  if (!(x > 0) || !Number.isFinite(x)) return 0;
  // Γ(x) ≈ 1/x near 0, where the reflection formula's sin(πx) underflows.
  if (x < 1e-8) return -Math.log(x);
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  // Past 1e300, x·ln x overflows: no count or amount of the contract comes near it.
  const z = Math.min(x, 1e300) - 1;
  let sum = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i += 1) sum += (LANCZOS[i] ?? 0) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
};

const logBeta = (a: number, b: number): number => logGamma(a) + logGamma(b) - logGamma(a + b);

const clampProbability = (p: number): number => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

const TINY = 1e-300;
const MAX_ITERATIONS = 20_000;

// Lentz's continued fraction for the incomplete beta (Numerical Recipes, betacf).
const betaFraction = (x: number, a: number, b: number): number | undefined => {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m += 1) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-14) return h;
  }
  return undefined;
};

/**
 * The regularised incomplete beta function I_x(a, b) = P(Beta(a, b) ≤ x), for a, b > 0.
 *
 * @example
 * regularizedBeta(0.5, 2, 2); // 0.5
 */
export const regularizedBeta = (x: number, a: number, b: number): number => {
  if (!(a > 0) || !(b > 0) || !Number.isFinite(a) || !Number.isFinite(b) || Number.isNaN(x)) return 0;
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const fraction = betaFraction(x, a, b);
    if (fraction !== undefined) return clampProbability((front * fraction) / a);
  } else {
    const fraction = betaFraction(1 - x, b, a);
    if (fraction !== undefined) return clampProbability(1 - (front * fraction) / b);
  }
  // Not converged (extreme shapes): the normal approximation of the beta distribution.
  const mean = a / (a + b);
  const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
  return normalCdf((x - mean) / sd);
};

/**
 * P(Z ≤ z) for a standard normal Z, through the Chebyshev fit of erfc (Numerical Recipes' erfcc; relative
 * error below 1.2e-7 everywhere, so the far tail is as good as the middle).
 *
 * @example
 * normalCdf(1.96); // ≈ 0.975
 */
export const normalCdf = (z: number): number => {
  if (Number.isNaN(z)) return 0.5;
  if (z > 40) return 1;
  if (z < -40) return 0;
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.265_512_23 +
        t *
          (1.000_023_68 +
            t *
              (0.374_091_96 +
                t *
                  (0.096_784_18 +
                    t *
                      (-0.186_288_06 +
                        t *
                          (0.278_868_07 +
                            t *
                              (-1.135_203_98 +
                                t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77)))))))),
    );
  const upper = erfc / 2;
  return clampProbability(z >= 0 ? 1 - upper : upper);
};

/**
 * The standard normal quantile (Acklam; relative error below 1.2e-9), for p in (0, 1).
 *
 * @example
 * normalQuantile(0.95); // ≈ 1.645
 */
export const normalQuantile = (p: number): number => {
  if (!(p > 0)) return -40;
  if (!(p < 1)) return 40;
  const a = [
    -39.696_830_286_653_76, 220.946_098_424_520_5, -275.928_510_446_968_7, 138.357_751_867_269,
    -30.664_798_066_147_16, 2.506_628_277_459_239,
  ];
  const b = [
    -54.476_098_798_224_06, 161.585_836_858_040_9, -155.698_979_859_886_6, 66.801_311_887_719_72,
    -13.280_681_552_885_72,
  ];
  const c = [
    -0.007_784_894_002_430_293, -0.322_396_458_041_136_5, -2.400_758_277_161_838, -2.549_732_539_343_734,
    4.374_664_141_464_968, 2.938_163_982_698_783,
  ];
  const d = [
    0.007_784_695_709_041_462, 0.322_467_129_070_039_8, 2.445_134_137_142_996, 3.754_408_661_907_416,
  ];
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number];
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number];
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number];
  const [d0, d1, d2, d3] = d as [number, number, number, number];
  const low = 0.024_25;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return (
      -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) /
      ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
    );
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) /
    (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  );
};

/**
 * P(X ≤ k) for a negative binomial X with this mean and shape (the gamma–Poisson mixture: a Poisson count
 * whose rate varies from period to period with coefficient of variation 1/√shape). k may be fractional
 * (a decayed sum of counts); the identity P(X ≤ k) = I_p(shape, k + 1), p = shape ÷ (shape + mean), extends
 * it smoothly.
 *
 * @example
 * negativeBinomialCdf(0, 10, 1e9); // ≈ e^-10 (a Poisson)
 */
export const negativeBinomialCdf = (k: number, mean: number, shape: number): number => {
  if (!(k >= 0)) return 0;
  if (!(mean > 0) || !Number.isFinite(mean)) return 1;
  // Beyond 1e7 the mixture is a Poisson to 7 digits, and p stays far enough from 1 for its logarithm.
  const r = Number.isFinite(shape) && shape > 0 ? Math.min(shape, 1e7) : 1e7;
  return regularizedBeta(r / (r + mean), r, k + 1);
};

/** A window small enough to sum the beta-binomial's probabilities term by term. */
const EXACT_LIMIT = 5_000;

/**
 * P(X ≥ x) for a beta-binomial X of `n` trials whose success probability varies around `share` with
 * intra-class correlation `rho` (0 = a plain binomial; 1/(concentration + 1)). Exact sums up to 5,000
 * trials; beyond, the beta distribution with the same mean and variance (continuity-corrected).
 *
 * @example
 * betaBinomialUpperTail(30, 100, 0.1, 0.002); // ≈ 1e-8: 30 negative of 100 when 10 % is normal
 */
export const betaBinomialUpperTail = (x: number, n: number, share: number, rho: number): number => {
  if (!(x > 0)) return 1;
  if (!(n >= x) || !Number.isFinite(n)) return x > n ? 0 : 1;
  const p = Math.min(1 - 1e-9, Math.max(1e-9, Number.isFinite(share) ? share : 0.5));
  const icc = Math.min(0.5, Math.max(1e-9, Number.isFinite(rho) ? rho : 1e-9));
  const concentration = 1 / icc - 1;
  const alpha = p * concentration;
  const beta = (1 - p) * concentration;
  if (n <= EXACT_LIMIT) {
    const logNorm = logGamma(n + 1) - logBeta(alpha, beta);
    const logPmf = (k: number) =>
      logNorm - logGamma(k + 1) - logGamma(n - k + 1) + logBeta(k + alpha, n - k + beta);
    const from = Math.ceil(x);
    const mean = n * p;
    if (from > mean) {
      let sum = 0;
      for (let k = from; k <= n; k += 1) {
        const term = Math.exp(logPmf(k));
        sum += term;
        if (term < sum * 1e-16) break;
      }
      return clampProbability(sum);
    }
    let below = 0;
    for (let k = 0; k < from; k += 1) below += Math.exp(logPmf(k));
    return clampProbability(1 - below);
  }
  // Share of n trials ~ Beta with the beta-binomial's mean and variance.
  const effective = Math.max(1e-9, (n * (concentration + 1)) / (n + concentration) - 1);
  return clampProbability(1 - regularizedBeta((x - 0.5) / n, p * effective, (1 - p) * effective));
};

/**
 * The q-quantile of Beta(a, b), by bisection on `regularizedBeta` (60 halvings: exact to 1e-18).
 *
 * @example
 * betaQuantile(0.05, 30.5, 70.5); // the 90 % Jeffreys interval's lower end for 30 of 100
 */
export const betaQuantile = (q: number, a: number, b: number): number => {
  const target = clampProbability(q);
  let low = 0;
  let high = 1;
  for (let i = 0; i < 60; i += 1) {
    const mid = (low + high) / 2;
    if (regularizedBeta(mid, a, b) < target) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
};

const STORABLE_MIN = 1e-100;
const STORABLE_MAX = 1e120;

/**
 * A number DynamoDB can store: it holds 0 and magnitudes from 1e-130 to below 1e126, so a probability of
 * 1e-200 is stored as 0 and a runaway sum is capped. Non-finite values become 0.
 *
 * @example
 * storableNumber(8.6e-131); // 0
 */
export const storableNumber = (value: number): number => {
  if (!Number.isFinite(value) || Math.abs(value) < STORABLE_MIN) return 0;
  return Math.min(STORABLE_MAX, Math.max(-STORABLE_MAX, value));
};

/**
 * Whether a number read back is one {@link storableNumber} could have written.
 *
 * @example
 * isStorableNumber(2.4e14); // true
 */
export const isStorableNumber = (value: unknown): value is number =>
  typeof value === 'number' &&
  Number.isFinite(value) &&
  (value === 0 || (Math.abs(value) >= STORABLE_MIN && Math.abs(value) <= STORABLE_MAX));

const DAY_MS = 86_400_000;

/**
 * The share of a budget period (ISO dates, both inclusive, read as UTC days) that has elapsed at `now`,
 * clamped to [0, 1]. `periodEnd` is inclusive because a plan "for 1–30 November" covers the 30th.
 *
 * @example
 * elapsedShare('2026-11-01', '2026-11-30', new Date('2026-11-16T00:00:00Z')); // 0.5
 */
export const elapsedShare = (periodStart: string, periodEnd: string, now: Date): number => {
  const start = Date.parse(`${periodStart}T00:00:00Z`);
  const end = Date.parse(`${periodEnd}T00:00:00Z`) + DAY_MS;
  const share = (now.getTime() - start) / (end - start);
  return Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
};

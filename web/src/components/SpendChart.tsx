import type { CampaignSpend, SpendPacing, SpendSnapshot } from '../../../shared/schemas/overviews.ts';
import { useFormat, useT } from '../i18n/index.tsx';
import type { Level } from '../types.ts';
import { LevelBadge } from './common.tsx';

const DAY_MS = 86_400_000;

/** One point of the cumulative spend line: every channel's latest report at that moment, added. */
export interface SpendPoint {
  readonly at: string;
  /** The channel whose report moved the total. */
  readonly channel: string;
  readonly total: number;
  readonly level: Level;
}

/** What the chart draws, in the plan's currency; undefined values are not drawn. */
export interface SpendSeries {
  readonly currency: string;
  readonly points: readonly SpendPoint[];
  /** The plan: budget over the period (both dates inclusive). */
  readonly plan?: { readonly budget: number; readonly start: string; readonly end: string };
  readonly pacing?: SpendPacing;
  /** Currencies of reports left out because they are not the plan's. */
  readonly otherCurrencies: readonly string[];
}

/**
 * The campaign's cumulative spend over time, all channels together: at each report, the latest report of
 * every channel so far added up (reports are cumulative per channel). Only reports in the plan's currency
 * are added (else the first report's); the others are named so the reader knows they are missing.
 */
export const spendSeries = (spend: CampaignSpend): SpendSeries => {
  const snapshots: { channel: string; snapshot: SpendSnapshot }[] = spend.channels.flatMap((channel) =>
    channel.snapshots.map((snapshot) => ({ channel: channel.channel, snapshot })),
  );
  snapshots.sort((a, b) => a.snapshot.at.localeCompare(b.snapshot.at));
  const currency = spend.plan?.currency ?? spend.pacing?.currency ?? snapshots[0]?.snapshot.currency ?? 'USD';
  const latest = new Map<string, number>();
  const points: SpendPoint[] = [];
  const others = new Set<string>();
  for (const { channel, snapshot } of snapshots) {
    if (snapshot.currency !== currency) {
      others.add(snapshot.currency);
      continue;
    }
    latest.set(channel, snapshot.actualSpend);
    let total = 0;
    for (const value of latest.values()) total += value;
    points.push({ at: snapshot.at, channel, total, level: snapshot.level });
  }
  return {
    currency,
    points,
    ...(spend.plan === undefined
      ? {}
      : { plan: { budget: spend.plan.budget, start: spend.plan.periodStart, end: spend.plan.periodEnd } }),
    ...(spend.pacing === undefined ? {} : { pacing: spend.pacing }),
    otherCurrencies: [...others].sort(),
  };
};

/** The plan evenly paced: how much of `budget` should be spent by `at` (0 before the start, all after the end). */
export const plannedBy = (plan: NonNullable<SpendSeries['plan']>, at: number): number => {
  const start = Date.parse(`${plan.start}T00:00:00Z`);
  const end = Date.parse(`${plan.end}T00:00:00Z`) + DAY_MS;
  if (at <= start) return 0;
  if (at >= end) return plan.budget;
  return (plan.budget * (at - start)) / (end - start);
};

/** Round numbers for the money axis: 0 and about four steps of 1, 2, 2.5 or 5 × 10ⁿ up to at least `max`. */
export const niceTicks = (max: number): number[] => {
  if (!(max > 0)) return [0];
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((candidate) => candidate >= rough) ?? rough;
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(value);
  return ticks;
};

const WIDTH = 640;
const HEIGHT = 240;
const MARGIN = { left: 64, right: 16, top: 12, bottom: 28 };

/**
 * The campaign's plan against its cumulative spend (all channels) and the forecast to the period's end, as a
 * small SVG chart with a table of the same figures for those who do not read charts.
 */
export const SpendChart = ({ spend, now = Date.now() }: { spend: CampaignSpend; now?: number }) => {
  const t = useT();
  const format = useFormat();
  const series = spendSeries(spend);
  const { plan, pacing, points, currency } = series;
  const money = (value: number): string => format.money(value, currency);
  const forecast = pacing?.forecast;

  if (points.length === 0 && plan === undefined) return <p class="muted">{t('pages.spend.noSpend')}</p>;

  // The time axis: the plan's period, stretched to any report or the forecast outside it.
  const times = points.map((point) => Date.parse(point.at));
  const startMs = Math.min(
    ...(plan === undefined ? [] : [Date.parse(`${plan.start}T00:00:00Z`)]),
    ...(pacing === undefined ? [] : [Date.parse(`${pacing.periodStart}T00:00:00Z`)]),
    ...times,
  );
  const endMs = Math.max(
    ...(plan === undefined ? [] : [Date.parse(`${plan.end}T00:00:00Z`) + DAY_MS]),
    ...(pacing === undefined ? [] : [Date.parse(`${pacing.periodEnd}T00:00:00Z`) + DAY_MS]),
    ...times,
    startMs + DAY_MS,
  );
  const maxValue = Math.max(plan?.budget ?? 0, ...points.map((point) => point.total), forecast?.high ?? 0, 1);
  const ticks = niceTicks(maxValue * 1.05);
  const top = ticks.at(-1) ?? maxValue;
  const x = (ms: number): number =>
    MARGIN.left + ((ms - startMs) / (endMs - startMs)) * (WIDTH - MARGIN.left - MARGIN.right);
  const y = (value: number): number =>
    HEIGHT - MARGIN.bottom - (value / top) * (HEIGHT - MARGIN.top - MARGIN.bottom);
  const line = (coords: readonly (readonly [number, number])[]): string =>
    coords.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ');

  const spendLine = line(points.map((point) => [x(Date.parse(point.at)), y(point.total)]));
  const lastPoint = points.at(-1);
  const forecastEnd = pacing === undefined ? endMs : Date.parse(`${pacing.periodEnd}T00:00:00Z`) + DAY_MS;
  const forecastFrom =
    pacing === undefined ? undefined : ([x(Date.parse(pacing.asOf)), y(pacing.actualSpend)] as const);
  const showToday = now > startMs && now < endMs;
  const periodStart = plan?.start ?? pacing?.periodStart;
  const periodEnd = plan?.end ?? pacing?.periodEnd;

  return (
    <div class="spend">
      <dl class="facts spend-facts">
        <div>
          <dt>{t('pages.spend.spent')}</dt>
          <dd data-testid="spend-spent">
            {lastPoint === undefined ? '—' : money(pacing?.actualSpend ?? lastPoint.total)}
            {pacing !== undefined && (
              <span class="muted">
                {' '}
                · {t('pages.spend.ofPlan', { share: format.percent(pacing.spentShare) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('pages.common.field.plan')}</dt>
          <dd>{plan === undefined ? t('pages.common.notSet') : money(plan.budget)}</dd>
        </div>
        {pacing !== undefined && (
          <div>
            <dt>{t('pages.spend.elapsed')}</dt>
            <dd>{format.percent(pacing.elapsedShareNow)}</dd>
          </div>
        )}
        <div>
          <dt>{t('pages.spend.forecast')}</dt>
          <dd>
            {forecast === undefined ? (
              <span class="muted">{t('pages.spend.noForecast')}</span>
            ) : (
              <>
                {money(forecast.projected)}{' '}
                <span class="muted">
                  {t('pages.spend.forecastRange', {
                    low: money(forecast.low),
                    high: money(forecast.high),
                    interval: format.percent(forecast.interval),
                  })}
                </span>
              </>
            )}
          </dd>
        </div>
      </dl>
      {pacing !== undefined && (
        <p class="muted">{t('pages.spend.asOf', { when: format.dateTime(pacing.asOf) })}</p>
      )}
      {plan === undefined && <p class="notice">{t('pages.spend.noPlan')}</p>}
      {points.length === 0 && <p class="muted">{t('pages.spend.noSpend')}</p>}
      <figure class="spend-chart">
        <svg
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          role="img"
          aria-labelledby="spend-chart-title spend-chart-desc"
          data-testid="spend-chart"
        >
          <title id="spend-chart-title">{t('pages.spend.chartTitle')}</title>
          <desc id="spend-chart-desc">
            {t('pages.spend.chartDesc', {
              spent: lastPoint === undefined ? money(0) : money(lastPoint.total),
              budget: plan === undefined ? t('pages.common.notSet') : money(plan.budget),
              start: periodStart === undefined ? '—' : format.calendarDate(periodStart),
              end: periodEnd === undefined ? '—' : format.calendarDate(periodEnd),
            })}
          </desc>
          {ticks.map((tick) => (
            <g key={tick} class="spend-grid">
              <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(tick)} y2={y(tick)} />
              <text x={MARGIN.left - 6} y={y(tick) + 4} text-anchor="end">
                {format.number(tick, 0)}
              </text>
            </g>
          ))}
          {periodStart !== undefined && (
            <text class="spend-axis" x={MARGIN.left} y={HEIGHT - 8} text-anchor="start">
              {format.calendarDate(periodStart)}
            </text>
          )}
          {periodEnd !== undefined && (
            <text class="spend-axis" x={WIDTH - MARGIN.right} y={HEIGHT - 8} text-anchor="end">
              {format.calendarDate(periodEnd)}
            </text>
          )}
          {plan !== undefined && (
            <>
              <line
                class="spend-budget"
                x1={MARGIN.left}
                x2={WIDTH - MARGIN.right}
                y1={y(plan.budget)}
                y2={y(plan.budget)}
              />
              <polyline
                class="spend-plan"
                points={line([
                  [x(Date.parse(`${plan.start}T00:00:00Z`)), y(0)],
                  [x(Date.parse(`${plan.end}T00:00:00Z`) + DAY_MS), y(plan.budget)],
                ])}
              />
            </>
          )}
          {forecast !== undefined && forecastFrom !== undefined && (
            <>
              <polygon
                class="spend-forecast-band"
                points={line([
                  forecastFrom,
                  [x(forecastEnd), y(forecast.high)],
                  [x(forecastEnd), y(forecast.low)],
                ])}
              />
              <polyline
                class="spend-forecast"
                points={line([forecastFrom, [x(forecastEnd), y(forecast.projected)]])}
              />
            </>
          )}
          {showToday && (
            <line class="spend-today" x1={x(now)} x2={x(now)} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} />
          )}
          {points.length > 0 && <polyline class="spend-line" points={spendLine} />}
          {points.map((point) => (
            <circle
              key={`${point.at}-${point.channel}`}
              class={`spend-point level-fill-${point.level}`}
              cx={x(Date.parse(point.at))}
              cy={y(point.total)}
              r={4}
            />
          ))}
        </svg>
        <figcaption class="legend spend-legend">
          <span class="legend-item">
            <span class="key key-spend" aria-hidden="true" /> {t('pages.spend.legendSpend')}
          </span>
          {plan !== undefined && (
            <>
              <span class="legend-item">
                <span class="key key-plan" aria-hidden="true" /> {t('pages.spend.legendPlan')}
              </span>
              <span class="legend-item">
                <span class="key key-budget" aria-hidden="true" /> {t('pages.spend.legendBudget')}
              </span>
            </>
          )}
          {forecast !== undefined && (
            <span class="legend-item">
              <span class="key key-forecast" aria-hidden="true" /> {t('pages.spend.legendForecast')}
            </span>
          )}
          {showToday && (
            <span class="legend-item">
              <span class="key key-today" aria-hidden="true" /> {t('pages.spend.legendToday')}
            </span>
          )}
        </figcaption>
      </figure>
      {series.otherCurrencies.length > 0 && (
        <p class="muted">{t('pages.spend.otherCurrency', { currency: series.otherCurrencies.join(', ') })}</p>
      )}
      {points.length > 0 && (
        <details class="spend-table">
          <summary>{t('pages.spend.asTable')}</summary>
          <div class="table-wrap">
            <table class="table" data-testid="spend-table">
              <thead>
                <tr>
                  <th scope="col">{t('pages.spend.column.date')}</th>
                  <th scope="col">{t('pages.spend.column.channel')}</th>
                  <th scope="col">{t('pages.spend.column.spend')}</th>
                  {plan !== undefined && <th scope="col">{t('pages.spend.column.plan')}</th>}
                  <th scope="col">{t('pages.spend.column.level')}</th>
                </tr>
              </thead>
              <tbody>
                {points.map((point) => (
                  <tr key={`${point.at}-${point.channel}`}>
                    <td>{format.dateTime(point.at)}</td>
                    <td>{point.channel}</td>
                    <td>{money(point.total)}</td>
                    {plan !== undefined && <td>{money(plannedBy(plan, Date.parse(point.at)))}</td>}
                    <td>
                      <LevelBadge level={point.level} short />
                    </td>
                  </tr>
                ))}
                {forecast !== undefined && periodEnd !== undefined && (
                  <tr>
                    <td>{format.calendarDate(periodEnd)}</td>
                    <td>
                      {t('pages.spend.forecastRow', { low: money(forecast.low), high: money(forecast.high) })}
                    </td>
                    <td>{money(forecast.projected)}</td>
                    {plan !== undefined && <td>{money(plan.budget)}</td>}
                    <td />
                  </tr>
                )}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </div>
  );
};

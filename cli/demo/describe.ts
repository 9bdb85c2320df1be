import type { RiskEvent } from '#shared/schemas/events.ts';

const number = (value: number): string => value.toLocaleString('en-US');
const percent = (ratio: number): string => `${Math.round(ratio * 100)} %`;

/**
 * One line saying what an event of the demo is about, for a person skimming the output.
 * @example describeEvent(spendEvent) // '2026-11-22  spent USD 13,000 of 10,000 (+30 %)'
 */
export const describeEvent = (event: RiskEvent): string => {
  switch (event.type) {
    case 'spend': {
      const { spend } = event;
      const over = spend.actualSpend / spend.plannedBudget - 1;
      const sign = over >= 0 ? '+' : '−';
      return `${event.occurredAt.slice(0, 10)}  spent ${spend.currency} ${number(spend.actualSpend)} of ${number(spend.plannedBudget)} (${sign}${percent(Math.abs(over))}) on ${spend.campaignId}`;
    }
    case 'sentiment': {
      const { sentiment } = event;
      return `${sentiment.windowEnd.slice(0, 16).replace('T', ' ')}  ${number(sentiment.negative)} of ${number(sentiment.mentions)} mentions negative (${percent(sentiment.negative / sentiment.mentions)})`;
    }
    case 'ad-copy':
      return `[${event.copy.lang}/${event.copy.market}] ${event.copy.text}`;
    default: {
      const unknown: never = event;
      return String(unknown);
    }
  }
};

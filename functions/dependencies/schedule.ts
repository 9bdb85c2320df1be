import { ConfigurationError, ENV, optional } from '#shared/config.ts';
import { once } from './once.ts';

const DEFAULT_RED_ACK_SLA_HOURS = 4;

/** RED_ACK_SLA_HOURS, default 4 (the source practice asks for a crisis response within 24 h). */
export const slaHours = once((): number => {
  const raw = optional(ENV.redAckSlaHours);
  if (raw === undefined) return DEFAULT_RED_ACK_SLA_HOURS;
  const hours = Number(raw);
  if (!Number.isFinite(hours) || hours <= 0) {
    throw new ConfigurationError(`${ENV.redAckSlaHours} must be a positive number of hours, got "${raw}"`);
  }
  return hours;
});

import { config } from './config.ts';

/** RED_ACK_SLA_HOURS (default 4), checked by the config schema at cold start. */
const SLA_HOURS = config.redAckSlaHours;

export const slaHours = (): number => SLA_HOURS;

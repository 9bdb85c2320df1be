import { type Config, loadConfig } from '#shared/config.ts';

/**
 * The configuration, read once when a function's module loads (its cold start): a malformed variable
 * fails the start with its name, not the first request. Modules that cannot work without a setting read
 * it at their own top level with `requireSetting`.
 */
export const config: Config = loadConfig();

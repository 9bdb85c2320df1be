import { getParameter } from '@aws-lambda-powertools/parameters/ssm';
import { ENV, optional } from '#shared/config.ts';
import { ConfigurationError } from '#shared/errors.ts';
import type { Links } from './escalation-publish.ts';

/** The web URL changes only when the web stack is replaced; an hour's cache is plenty. */
const PARAMETER_CACHE_SECONDS = 3600;

/**
 * Where notifications link to: `WEB_URL` when set (the local stack sets its own URL), otherwise the SSM
 * parameter named by `WEB_URL_PARAMETER`, which the web stack writes its CloudFront URL to (the service
 * stack cannot take it as a value: the web stack already depends on the service stack's API). Read once
 * and kept; a missing configuration fails the first publish loudly, naming both variables.
 *
 * @example const links = webLinks(); (await links()).webUrl // 'https://d1234.cloudfront.net'
 */
export const webLinks = (env: Readonly<Record<string, string | undefined>> = process.env) => {
  let resolved: Promise<Links> | undefined;
  const resolve = async (): Promise<Links> => {
    const direct = optional(ENV.webUrl, env);
    if (direct !== undefined) return { webUrl: direct };
    const name = optional(ENV.webUrlParameter, env);
    if (name === undefined) {
      throw new ConfigurationError(
        `Missing ${ENV.webUrl} (or ${ENV.webUrlParameter}): where notifications link to`,
      );
    }
    const value = await getParameter(name, { maxAge: PARAMETER_CACHE_SECONDS });
    if (value === undefined || value === '') throw new ConfigurationError(`SSM parameter ${name} is empty`);
    return { webUrl: value };
  };
  return (): Promise<Links> => {
    resolved ??= resolve().catch((error: unknown) => {
      // Not cached: the next publish tries again (the parameter may appear with the web stack's deploy).
      resolved = undefined;
      throw error;
    });
    return resolved;
  };
};

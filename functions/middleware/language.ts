import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { ValidationError } from '#shared/errors.ts';
import { localizeFindings } from '#shared/i18n/findings.ts';
import { LOCALES, type Locale, localeOfTag, negotiateLocale } from '#shared/i18n/locales.ts';
import type { RequestContext } from './authorization.ts';

/** The query parameter that picks the response language, ahead of `Accept-Language`. */
export const LANG_PARAMETER = 'lang';

/**
 * The language a request is answered in: the `lang` query parameter (`zh-CN`, `zh`, `vi`, `en-GB` …; one
 * the API does not speak is a 400), else the `Accept-Language` header (RFC 9110 negotiation; nothing
 * matching means English).
 *
 * @example readerLocale({ queryStringParameters: { lang: 'vi' }, headers: {} }) // 'vi'
 */
export const readerLocale = (
  event: Pick<APIGatewayProxyEvent, 'queryStringParameters' | 'headers'>,
): Locale => {
  const asked = event.queryStringParameters?.[LANG_PARAMETER];
  if (asked !== undefined && asked !== null) {
    const locale = localeOfTag(asked);
    if (locale === undefined) {
      throw new ValidationError('Invalid query parameters', [
        { path: LANG_PARAMETER, message: `must be one of ${LOCALES.join(', ')}` },
      ]);
    }
    return locale;
  }
  return negotiateLocale(event.headers?.['accept-language'] ?? undefined);
};

/**
 * Answers every HTTP route in the reader's language: reads it before the handler (and takes `lang` out of
 * the query, so each route's own strict query schema never sees it), then renders every finding of a JSON
 * response in that language (`message` and `suggestion`, from its `texts`) and says so with
 * `content-language` and `vary: accept-language`. Problem bodies are left as they are.
 */
export const readerLanguage = (): MiddlewareObj<
  APIGatewayProxyEvent,
  APIGatewayProxyResult,
  Error,
  RequestContext
> => ({
  before: (request) => {
    const locale = readerLocale(request.event);
    request.context.locale = locale;
    const query = request.event.queryStringParameters;
    if (query !== null && query !== undefined && LANG_PARAMETER in query) {
      const { [LANG_PARAMETER]: _lang, ...rest } = query;
      request.event.queryStringParameters = Object.keys(rest).length === 0 ? null : rest;
    }
  },
  after: (request) => {
    const response = request.response;
    const locale = request.context.locale;
    if (response === null || response === undefined || locale === undefined) return;
    const type = String(response.headers?.['content-type'] ?? '');
    // Only JSON bodies that carry a finding's texts need rendering; the rest pass untouched.
    if (type.startsWith('application/json') && response.body.includes('"texts"')) {
      response.body = JSON.stringify(localizeFindings(JSON.parse(response.body), locale));
    }
    response.headers = { ...response.headers, 'content-language': locale, vary: 'accept-language' };
  },
});

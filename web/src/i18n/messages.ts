import type { Locale } from '../../../shared/i18n/locales.ts';
import { type Catalogues, type MessageValues, translator } from '../../../shared/i18n/translator.ts';
import { CORE_EN, type CoreMessageId } from './catalogues/core/en.ts';
import { CORE_VI } from './catalogues/core/vi.ts';
import { CORE_ZH_CN } from './catalogues/core/zh-CN.ts';
import { POLICIES_EN, type PoliciesMessageId } from './catalogues/policies/en.ts';
import { POLICIES_VI } from './catalogues/policies/vi.ts';
import { POLICIES_ZH_CN } from './catalogues/policies/zh-CN.ts';

/**
 * Every message of the web app: one catalogue per area (`core`: the app shell, cases, reviews, heat map,
 * library; `policies`: the policy screens, rules and exceptions), merged per locale. Ids are prefixed by their
 * area, so areas never collide. To add a string: add it to the area's `en.ts`, then to `zh-CN.ts` and `vi.ts`
 * (typecheck fails until both have it; web/src/i18n/messages.test.ts checks the ICU syntax and placeholders).
 */
export type WebMessageId = CoreMessageId | PoliciesMessageId;

export const WEB_CATALOGUES: Catalogues<WebMessageId> = {
  en: { ...CORE_EN, ...POLICIES_EN },
  'zh-CN': { ...CORE_ZH_CN, ...POLICIES_ZH_CN },
  vi: { ...CORE_VI, ...POLICIES_VI },
};

/** Renders a web message in a locale (ICU: plurals, selects, numbers), each message parsed once. */
export const translate: (locale: Locale, id: WebMessageId, values?: MessageValues) => string =
  translator(WEB_CATALOGUES);

/** A translate bound to one locale: what components get from `useT()`. */
export type T = (id: WebMessageId, values?: MessageValues) => string;

export const translatorFor =
  (locale: Locale): T =>
  (id, values) =>
    translate(locale, id, values);

import type { Locale } from '../../../shared/i18n/locales.ts';
import { type Catalogues, type MessageValues, translator } from '../../../shared/i18n/translator.ts';
import { ACTIONS_EN, type ActionsMessageId } from './catalogues/actions/en.ts';
import { ACTIONS_VI } from './catalogues/actions/vi.ts';
import { ACTIONS_ZH_CN } from './catalogues/actions/zh-CN.ts';
import { CASEWORK_EN, type CaseworkMessageId } from './catalogues/casework/en.ts';
import { CASEWORK_VI } from './catalogues/casework/vi.ts';
import { CASEWORK_ZH_CN } from './catalogues/casework/zh-CN.ts';
import { CORE_EN, type CoreMessageId } from './catalogues/core/en.ts';
import { CORE_VI } from './catalogues/core/vi.ts';
import { CORE_ZH_CN } from './catalogues/core/zh-CN.ts';
import { DRILLS_EN, type DrillsMessageId } from './catalogues/drills/en.ts';
import { DRILLS_VI } from './catalogues/drills/vi.ts';
import { DRILLS_ZH_CN } from './catalogues/drills/zh-CN.ts';
import { PAGES_EN, type PagesMessageId } from './catalogues/pages/en.ts';
import { PAGES_VI } from './catalogues/pages/vi.ts';
import { PAGES_ZH_CN } from './catalogues/pages/zh-CN.ts';
import { POLICIES_EN, type PoliciesMessageId } from './catalogues/policies/en.ts';
import { POLICIES_VI } from './catalogues/policies/vi.ts';
import { POLICIES_ZH_CN } from './catalogues/policies/zh-CN.ts';
import { REALLOCATIONS_EN, type ReallocationsMessageId } from './catalogues/reallocations/en.ts';
import { REALLOCATIONS_VI } from './catalogues/reallocations/vi.ts';
import { REALLOCATIONS_ZH_CN } from './catalogues/reallocations/zh-CN.ts';

/**
 * Every message of the web app: one catalogue per area (`core`: the app shell, cases, reviews, heat map,
 * library; `policies`: the policy screens, rules and exceptions; `casework`: owners, "my cases", search,
 * export; `pages`: the campaign and brand pages and the catalogue screens; `reallocations`: a campaign's budget
 * re-allocations), merged per locale. Ids are prefixed by their area, so areas never collide. To add a string: add it to the area's `en.ts`, then to `zh-CN.ts` and `vi.ts`
 * (typecheck fails until both have it; web/src/i18n/messages.test.ts checks the ICU syntax and placeholders).
 */
export type WebMessageId =
  | CoreMessageId
  | PoliciesMessageId
  | CaseworkMessageId
  | PagesMessageId
  | ReallocationsMessageId
  | ActionsMessageId
  | DrillsMessageId;

export const WEB_CATALOGUES: Catalogues<WebMessageId> = {
  en: {
    ...CORE_EN,
    ...POLICIES_EN,
    ...CASEWORK_EN,
    ...PAGES_EN,
    ...REALLOCATIONS_EN,
    ...ACTIONS_EN,
    ...DRILLS_EN,
  },
  'zh-CN': {
    ...CORE_ZH_CN,
    ...POLICIES_ZH_CN,
    ...CASEWORK_ZH_CN,
    ...PAGES_ZH_CN,
    ...REALLOCATIONS_ZH_CN,
    ...ACTIONS_ZH_CN,
    ...DRILLS_ZH_CN,
  },
  vi: {
    ...CORE_VI,
    ...POLICIES_VI,
    ...CASEWORK_VI,
    ...PAGES_VI,
    ...REALLOCATIONS_VI,
    ...ACTIONS_VI,
    ...DRILLS_VI,
  },
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

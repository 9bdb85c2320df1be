import { NOTIFICATIONS_EN, type NotificationMessageId } from './catalogues/notifications/en.ts';
import { NOTIFICATIONS_VI } from './catalogues/notifications/vi.ts';
import { NOTIFICATIONS_ZH_CN } from './catalogues/notifications/zh-CN.ts';
import { type Catalogues, translator } from './translator.ts';

/** The escalation and digest messages in every locale (shared/adapters/escalation-publish.ts renders them). */
export const NOTIFICATION_CATALOGUES: Catalogues<NotificationMessageId> = {
  en: NOTIFICATIONS_EN,
  'zh-CN': NOTIFICATIONS_ZH_CN,
  vi: NOTIFICATIONS_VI,
};

/** A notification message in one locale. @example notificationText('zh-CN', 'level', { level: 'red' }); // '红色' */
export const notificationText = translator(NOTIFICATION_CATALOGUES);

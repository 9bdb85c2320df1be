import { describe, expect, it } from 'vitest';
import { NOTIFICATION_CATALOGUES, notificationText } from '#shared/i18n/notifications.ts';
import { expectCompleteCatalogues } from '../../support/catalogues.ts';

describe('Notification catalogue', () => {
  it('has every message in every locale with the English placeholders', () => {
    expectCompleteCatalogues('notifications', NOTIFICATION_CATALOGUES);
  });

  it.each([
    ['en', 1, 'Risk digest: 1 new case needing attention'],
    ['en', 3, 'Risk digest: 3 new cases needing attention'],
    ['zh-CN', 3, '风险日报：3 个新案件需要关注'],
    ['vi', 3, 'Bản tin rủi ro: 3 hồ sơ rủi ro mới cần chú ý'],
  ] as const)('counts cases in %s with plurals (%i)', (locale, count, expected) => {
    expect(notificationText(locale, 'digest.subject', { count })).toBe(expected);
  });

  it('names the reason of an escalation, and shows a reason it does not know as it is', () => {
    expect(notificationText('zh-CN', 'reason', { reason: 'sla_lapsed' })).toBe('超时未确认');
    expect(notificationText('vi', 'reason', { reason: 'level_rose' })).toBe('mức độ tăng');
    expect(notificationText('en', 'reason', { reason: 'manual' })).toBe('manual');
  });
});

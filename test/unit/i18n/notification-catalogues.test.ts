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

  it('names the levels and risk types it knows, and shows a level of a custom matrix as it is', () => {
    expect(notificationText('zh-CN', 'level', { level: 'red' })).toBe('红色');
    expect(notificationText('vi', 'level', { level: 'yellow' })).toBe('VÀNG');
    expect(notificationText('vi', 'level', { level: 'orange' })).toBe('orange');
    expect(notificationText('zh-CN', 'riskType', { riskType: 'compliance' })).toBe('合规');
  });
});

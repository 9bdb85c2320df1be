import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import type { Finding } from '#shared/domain/finding.ts';
import { findingText } from '#shared/i18n/findings.ts';
import { startTestStack } from '../support/test-stack.ts';
import { pushEvents } from '../web/browser.ts';

/**
 * Issue #15 over HTTP on the local stack: a case's findings read in the language asked for — `GET
 * /v1/cases/{id}` with `Accept-Language: vi` answers in Vietnamese, `?lang=zh-CN` in Chinese — for an
 * ad-copy finding (its rule's own translation, from the pack) and a spend finding (its sentence rendered
 * from the stored numbers).
 */

const MANAGER_TOKEN = 'dev-manager-token';
let stack: LocalStack;
let dataDir: string;

beforeAll(async () => {
  ({ stack, dataDir } = await startTestStack('languages'));
});

afterAll(async () => {
  await stack?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Detail {
  case: { caseId: string; findings: Finding[] };
}

const read = async (path: string, headers: Record<string, string> = {}) => {
  const response = await fetch(`${stack.url}/v1${path}`, {
    headers: { authorization: `Bearer ${MANAGER_TOKEN}`, ...headers },
  });
  expect(response.status).toBe(200);
  return { language: response.headers.get('content-language'), body: (await response.json()) as Detail };
};

const caseOf = async (filter: string): Promise<string> => {
  const response = await fetch(`${stack.url}/v1/cases?${filter}&limit=10`, {
    headers: { authorization: `Bearer ${MANAGER_TOKEN}` },
  });
  const { items } = (await response.json()) as { items: { caseId: string }[] };
  const [first] = items;
  if (first === undefined) throw new Error(`No case for ${filter}`);
  return first.caseId;
};

describe('Case findings in the reader’s language (local stack)', () => {
  it('answers GET /v1/cases/{id} in Vietnamese with Accept-Language: vi, in Chinese with ?lang=zh-CN', async () => {
    // Prepare: a Vietnamese ad copy with a superlative and a cure claim, and a campaign 30 % over plan
    const brand = `Lang ${randomUUID().slice(0, 6)}`;
    await pushEvents(stack, [
      {
        eventId: `e-${randomUUID()}`,
        type: 'ad-copy',
        occurredAt: new Date().toISOString(),
        source: 'cms',
        copy: {
          copyId: `c-${randomUUID().slice(0, 8)}`,
          text: 'Viên uống tốt nhất thị trường, chữa khỏi bệnh tiểu đường sau 1 liệu trình.',
          lang: 'vi',
          market: 'VN',
          category: 'health-food',
          brand,
        },
      },
      {
        eventId: `e-${randomUUID()}`,
        type: 'spend',
        occurredAt: new Date().toISOString(),
        source: 'meta-ads',
        spend: {
          campaignId: `cmp-${brand.slice(5)}`,
          channel: 'facebook',
          currency: 'VND',
          plannedBudget: 100_000_000,
          actualSpend: 130_000_000,
          conversions: 80,
          periodStart: new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10),
          periodEnd: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10),
        },
      },
    ]);
    const copyCase = await caseOf(`brand=${encodeURIComponent(brand)}`);
    const spendCase = await caseOf('riskType=budget');

    for (const caseId of [copyCase, spendCase]) {
      // Act
      const english = await read(`/cases/${caseId}`);
      const vietnamese = await read(`/cases/${caseId}`, { 'accept-language': 'vi-VN,vi;q=0.9,en;q=0.5' });
      const chinese = await read(`/cases/${caseId}?lang=zh-CN`, { 'accept-language': 'vi' });

      // Assess
      expect([english.language, vietnamese.language, chinese.language]).toEqual(['en', 'vi', 'zh-CN']);
      const findings = english.body.case.findings;
      expect(findings.length).toBeGreaterThan(0);
      findings.forEach((finding, index) => {
        const texts = finding.texts;
        if (texts === undefined) throw new Error(`${finding.ruleId} has no texts`);
        const vi = vietnamese.body.case.findings[index];
        const zh = chinese.body.case.findings[index];
        expect(vi?.message).toBe(findingText('vi', texts.message));
        expect(zh?.message).toBe(findingText('zh-CN', texts.message));
        // Really translated: Vietnamese diacritics, Chinese characters, and not the English sentence.
        expect(vi?.message).not.toBe(finding.message);
        expect(vi?.message).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịỉĩọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
        expect(zh?.message).toMatch(/\p{Script=Han}/u);
        if (finding.suggestion !== undefined) expect(vi?.suggestion).not.toBe(finding.suggestion);
      });
    }
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalStack } from '#infra/local/stack.ts';
import { freshCopyEvent } from '../fixtures/events.ts';
import { startTestStack } from '../support/test-stack.ts';
import { apiGet, CHROMIUM_PATH, pushEvents } from './browser.ts';

/**
 * The exports through the local stack, as a browser or a regulator receives them: a CSV download of the
 * reviews and the evidence-pack PDF of real decided reviews of Chinese and Vietnamese copy, the PDF drawn
 * by pdf.js in Chromium (the reader Firefox and Chromium's viewer are built on): page 1 is not blank, the
 * copy's Chinese and Vietnamese are drawn as glyphs where pdf.js places the copy's text, and pdf.js reads
 * the same text back. Page 1 of the Chinese pack is saved as docs/screenshots/evidence-pack.png.
 */

const LEGAL_TOKEN = 'dev-legal-token';
const ROOT = join(import.meta.dirname, '..', '..');
const PDFJS = join(ROOT, 'node_modules', 'pdfjs-dist', 'build');
const SCREENSHOT = join(ROOT, 'docs', 'screenshots', 'evidence-pack.png');

const COPIES = {
  zh: { text: '本品是全网最佳美白精华，三天见效！', brand: 'Evidence CN', market: 'CN', lang: 'zh' },
  vi: {
    text: 'Kem trắng da tốt nhất Việt Nam, cam kết hiệu quả 100% sau 3 ngày',
    brand: 'Evidence VN',
    market: 'VN',
    lang: 'vi',
  },
} as const;
type Copy = keyof typeof COPIES;

interface Review {
  readonly reviewId: string;
  readonly copy: { readonly text: string; readonly brand: string };
}

let stack: LocalStack;
let browser: Browser;
const reviewOf: Partial<Record<Copy, string>> = {};

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${LEGAL_TOKEN}`, ...(init.headers as Record<string, string>) },
  });

/** What pdf.js in Chromium makes of page 1 of a PDF: its text, and ink where the copy's runs are drawn. */
interface Rendered {
  readonly text: string;
  /** Share of non-white pixels on the whole page. */
  readonly pageInk: number;
  /** Per text run that holds `needle`: the share of dark pixels inside the run's box. */
  readonly runInk: Readonly<Record<string, number>>;
}

/**
 * Draws page 1 of `pdf` with pdf.js (pdfjs-dist, served to the page from node_modules) on a canvas at 2×,
 * and measures the ink in the boxes pdf.js gives the text items that contain each needle.
 */
const renderPage = async (page: Page, pdf: Buffer, needles: readonly string[]): Promise<Rendered> => {
  await page.route('http://pdf.test/**', async (route) => {
    const name = new URL(route.request().url()).pathname.slice(1);
    if (name === 'pack.pdf') return route.fulfill({ body: pdf, contentType: 'application/pdf' });
    if (name === 'index.html')
      return route.fulfill({ body: '<!doctype html><canvas id="page"></canvas>', contentType: 'text/html' });
    return route.fulfill({ body: readFileSync(join(PDFJS, name)), contentType: 'text/javascript' });
  });
  await page.goto('http://pdf.test/index.html');
  return (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(needles)})`)) as Rendered;
};

/**
 * What runs in the page (plain JavaScript: the tests' TypeScript has no DOM types): pdf.js draws page 1 at
 * 2× on a white canvas; each needle's ink is the share of dark pixels in the box pdf.js gives the text item
 * holding it (origin on the baseline, height above it).
 */
const IN_PAGE = `async (needles) => {
  const pdfjs = await import('http://pdf.test/pdf.mjs');
  pdfjs.GlobalWorkerOptions.workerSrc = 'http://pdf.test/pdf.worker.mjs';
  const pdf = await pdfjs.getDocument({ url: 'http://pdf.test/pack.pdf' }).promise;
  const first = await pdf.getPage(1);
  const viewport = first.getViewport({ scale: 2 });
  const canvas = document.getElementById('page');
  canvas.width = viewport.width;
  canvas.height = viewport.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  await first.render({ canvas, canvasContext: context, viewport }).promise;
  const items = (await first.getTextContent()).items.filter((item) => 'str' in item);
  const inkIn = (x, y, width, height, dark) => {
    const data = context.getImageData(Math.floor(x), Math.floor(y), Math.max(1, Math.ceil(width)), Math.max(1, Math.ceil(height))).data;
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < dark) inked += 1;
    return inked / (data.length / 4);
  };
  const runInk = {};
  for (const needle of needles) {
    const item = items.find((candidate) => candidate.str.includes(needle));
    if (item === undefined) continue;
    const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
    const height = item.height * viewport.scale;
    runInk[needle] = inkIn(x, y - height, item.width * viewport.scale, height, 3 * 160);
  }
  return {
    text: items.map((item) => item.str).join(''),
    pageInk: inkIn(0, 0, canvas.width, canvas.height, 3 * 250),
    runInk,
  };
}`;

beforeAll(async () => {
  ({ stack } = await startTestStack('evidence-pack'));
  browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  // A cold ingest on a busy machine may run out of its 10 s (500, "retrying is safe"): the same events again.
  const events = [freshCopyEvent(COPIES.zh), freshCopyEvent(COPIES.vi)];
  for (let attempt = 1; ; attempt += 1) {
    try {
      await pushEvents(stack, events);
      break;
    } catch (error) {
      if (attempt === 3 || !String(error).includes('answered 500')) throw error;
    }
  }
  const { items } = await apiGet<{ items: Review[] }>(
    stack,
    LEGAL_TOKEN,
    '/reviews?status=pending&limit=100',
  );
  for (const [key, copy] of Object.entries(COPIES) as [Copy, (typeof COPIES)[Copy]][]) {
    const review = items.find((item) => item.copy.brand === copy.brand && item.copy.text === copy.text);
    if (review === undefined) throw new Error(`No pending review of the ${key} copy`);
    reviewOf[key] = review.reviewId;
    const decided = await api(`/reviews/${review.reviewId}/decision`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        decision: key === 'zh' ? 'rejected' : 'changes_requested',
        note: key === 'zh' ? '“全网最佳”属绝对化用语' : 'Bỏ “tốt nhất” và cam kết 100%',
      }),
    });
    if (!decided.ok) throw new Error(`Deciding the ${key} review answered ${decided.status}`);
  }
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('Exports through the local stack', () => {
  it('downloads the reviews as CSV a spreadsheet opens in Chinese', async () => {
    // Act
    const response = await api('/exports/reviews.csv?status=rejected&lang=zh-CN');
    const bytes = Buffer.from(await response.arrayBuffer());

    // Assess
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="risk-radar-reviews-/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: Record<string, string>[] = parse(bytes, { bom: true, columns: true });
    const row = rows.find((candidate) => candidate.审核编号 === reviewOf.zh);
    expect(row?.文案内容).toBe(COPIES.zh.text);
    expect(row?.状态).toBe('已驳回');
    expect(row?.决定备注).toBe('“全网最佳”属绝对化用语');
  });

  it.each(['zh', 'vi'] as const)(
    'downloads the %s evidence pack as a PDF whose copy pdf.js draws and reads',
    async (key) => {
      // Prepare
      const copy = COPIES[key];
      const page = await browser.newPage({ viewport: { width: 1300, height: 1800 } });

      // Act
      const response = await api(
        `/reviews/${reviewOf[key]}/evidence.pdf?lang=${key === 'zh' ? 'zh-CN' : 'vi'}`,
        {
          headers: { accept: 'application/pdf' },
        },
      );
      const pdf = Buffer.from(await response.arrayBuffer());
      const needles = key === 'zh' ? ['全网最佳', '美白精华'] : ['tốt nhất', 'Việt Nam'];
      const rendered = await renderPage(page, pdf, needles);

      // Assess
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/pdf');
      expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(rendered.pageInk).toBeGreaterThan(0.01);
      expect(rendered.text.replace(/\s+/g, '')).toContain(copy.text.replace(/\s+/g, ''));
      for (const needle of needles) expect(rendered.runInk[needle], needle).toBeGreaterThan(0.04);
      if (key === 'zh') {
        await page.locator('#page').screenshot({ path: SCREENSHOT });
      }
      await page.close();
    },
  );
});

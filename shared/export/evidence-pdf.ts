import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake, { type PdfContent } from 'pdfmake';
import { segmentsOf } from '#shared/domain/claims/segments.ts';
import type { Finding } from '#shared/domain/finding.ts';
import { localizeFinding } from '#shared/i18n/findings.ts';
import { formatCalendarDate, formatInstant } from '#shared/i18n/formats.ts';
import type { Locale } from '#shared/i18n/locales.ts';
import { domainWord } from '#shared/i18n/vocabulary.ts';
import type { EvidencePack } from './evidence.ts';
import { fontPaths, fontRuns } from './fonts.ts';
import { type EvidenceMessageId, exportText } from './labels.ts';

export { PDF_CONTENT_TYPE } from './media-types.ts';

/**
 * The evidence pack of a legal decision as a PDF a regulator can read (pdfmake over pdfkit, pure JS): the
 * copy with the exact spans each finding matched highlighted, each finding with its rule, legal
 * basis and message, the rules and matrix versions that assessed it, the decision (who, when, the note) and
 * the exception it granted, the case's brand, market and campaign, and on every page a footer with the
 * review, when the pack was generated and the page number. Highlights come from the evidence offsets as
 * stored (UTF-16, exact), never from searching the text again. Labels are in the reader's language; the copy
 * and findings are as written, set in embedded Noto fonts so Chinese and Vietnamese show on any reader.
 */

const HIGHLIGHT = '#ffe27a';
const MUTED = '#555555';
const LEVEL_COLOURS: Readonly<Record<string, string>> = {
  red: '#c0392b',
  yellow: '#b7950b',
  green: '#1e8449',
};

let configured = false;

/**
 * pdfmake's fonts, read once per process into its virtual file system (a 10 MB font is not read again for
 * every pack); it may then read no URL and no local file at all.
 */
const configure = (): void => {
  if (configured) return;
  // pdfmake's virtual file system compares names with the CommonJS `__dirname`; an ES-module Lambda bundle
  // has none, so the bundle's folder stands in (under plain Node each CommonJS module keeps its own).
  const scope = globalThis as { __dirname?: string };
  scope.__dirname ??= dirname(fileURLToPath(import.meta.url));
  const paths = fontPaths();
  for (const [name, path] of Object.entries(paths)) {
    pdfmake.virtualfs.writeFileSync(`${name}.ttf`, readFileSync(path));
  }
  pdfmake.setFonts({
    Latin: { normal: 'latin.ttf', bold: 'latinBold.ttf' },
    // One weight of Noto Sans SC is deployed (10 MB each): bold Chinese is set in it too; size marks headings.
    Han: { normal: 'han.ttf', bold: 'han.ttf' },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  configured = true;
};

/**
 * Noto Sans's `ccmp` feature splits a Vietnamese `ị` into `i` + a combining dot, and fontkit then maps the
 * plain `i` glyph back to `ị` too: a reader copying the text would get wrong letters. The precomposed glyphs
 * are all there, so the feature is off, and text is set in NFC (display only: evidence offsets are applied
 * to the stored text first).
 */
const LATIN_FEATURES = { ccmp: false } as const;

/** Inline runs of `value` in the fonts that have its glyphs, each with `style`. */
const runs = (value: string, style: Readonly<Record<string, unknown>> = {}): PdfContent[] =>
  fontRuns(value).map((run) => ({
    text: run.text.normalize('NFC'),
    font: run.font,
    ...(run.font === 'Latin' ? { fontFeatures: LATIN_FEATURES } : {}),
    ...style,
  }));

/** Text set in the fonts that have its glyphs; `style` applies to the whole of it. */
const text = (value: string, style: Readonly<Record<string, unknown>> = {}): PdfContent => ({
  text: runs(value),
  ...style,
});

const pack = (locale: Locale) => ({
  label: (id: EvidenceMessageId, values?: Readonly<Record<string, string | number>>) =>
    exportText(locale, id, values),
  instant: (iso: string) => formatInstant(locale, iso, 'UTC'),
});

/** A two-column table of label → value rows; rows without a value are left out. */
const facts = (rows: readonly (readonly [string, string | undefined])[]): PdfContent => ({
  table: {
    widths: [150, '*'],
    body: rows
      .filter((row): row is readonly [string, string] => row[1] !== undefined && row[1] !== '')
      .map(([label, value]) => [text(label, { color: MUTED }), text(value)]),
  },
  layout: 'noBorders',
  margin: [0, 2, 0, 8],
});

const heading = (value: string): PdfContent =>
  text(value, { fontSize: 13, bold: true, margin: [0, 12, 0, 6] });

/** The copy, cut at every evidence boundary (the stored offsets, exact): what a finding matched is highlighted. */
const copyText = (copy: string, findings: readonly Finding[]): PdfContent => ({
  table: {
    widths: ['*'],
    body: [
      [
        {
          text: segmentsOf(copy, findings).flatMap((segment) =>
            runs(segment.text, segment.findings.length > 0 ? { background: HIGHLIGHT } : {}),
          ),
          fontSize: 12,
          lineHeight: 1.4,
          margin: [6, 6, 6, 6],
        },
      ],
    ],
  },
  layout: { hLineColor: () => '#bbbbbb', vLineColor: () => '#bbbbbb' },
  margin: [0, 4, 0, 4],
});

const findingBlock = (finding: Finding, index: number, locale: Locale): PdfContent => {
  const { label } = pack(locale);
  const shown = localizeFinding(finding, locale);
  const level = domainWord(locale, 'level', finding.level);
  const matched = (finding.evidence ?? []).map((evidence) => `“${evidence.text}”`).join('  ');
  const more = finding.moreEvidence ?? 0;
  return {
    stack: [
      {
        text: [
          ...runs(`${index + 1}. `, { bold: true }),
          ...runs(`[${level}] `, { bold: true, color: LEVEL_COLOURS[finding.level] ?? MUTED }),
          ...runs(shown.message, { bold: true }),
        ],
        margin: [0, 0, 0, 2],
      },
      facts([
        [label('pdf.finding.rule'), finding.ruleId],
        [label('pdf.finding.basis'), finding.basis],
        [
          label('pdf.finding.matched'),
          matched === ''
            ? undefined
            : more > 0
              ? `${matched}  (${label('pdf.finding.more', { count: more })})`
              : matched,
        ],
        [label('pdf.finding.suggestion'), shown.suggestion],
        [
          label('pdf.exception.id'),
          finding.exception === undefined
            ? undefined
            : label('pdf.finding.allowedBy', {
                id: finding.exception.id,
                expiresOn:
                  finding.exception.expiresOn === undefined
                    ? formatInstant(locale, finding.exception.expiresAt, 'UTC')
                    : formatCalendarDate(locale, finding.exception.expiresOn),
              }),
        ],
      ]),
    ],
    unbreakable: true,
  };
};

/** The document definition of an evidence pack in `locale` (pure: what `renderEvidencePdf` prints). */
export const evidenceDocument = (evidence: EvidencePack, locale: Locale) => {
  const { label, instant } = pack(locale);
  const { review, exception } = evidence;
  const { copy } = review;
  const generated = instant(evidence.generatedAt);
  const decision = review.decision;
  const content: PdfContent[] = [
    text(label('pdf.title'), { fontSize: 18, bold: true }),
    text(label('pdf.subtitle', { reviewId: review.reviewId, round: review.round }), { color: MUTED }),
    text(label('pdf.generatedAt', { at: generated }), { color: MUTED, margin: [0, 0, 0, 10] }),
    facts([
      [label('pdf.case'), review.caseId],
      [label('pdf.brand'), copy.brand],
      [label('pdf.market'), copy.market],
      [label('pdf.campaign'), copy.campaignId ?? evidence.case?.subject.campaignId],
      [label('pdf.category'), copy.category],
      [label('pdf.copyId'), copy.copyId],
      [label('pdf.language'), copy.lang],
      [label('pdf.level'), domainWord(locale, 'level', review.level)],
      [label('pdf.submittedAt'), instant(review.createdAt)],
    ]),
    heading(label('pdf.section.copy')),
    text(label('pdf.copyLegend'), { color: MUTED, fontSize: 9 }),
    copyText(copy.text, review.findings),
    heading(label('pdf.section.findings')),
    ...(review.findings.length === 0
      ? [text(label('pdf.noFindings'))]
      : review.findings.map((finding, index) => findingBlock(finding, index, locale))),
    heading(label('pdf.section.versions')),
    facts([
      [label('pdf.rulesVersion'), evidence.engine?.rulesVersion ?? label('pdf.unknownVersion')],
      [label('pdf.matrixVersion'), evidence.engine?.matrixVersion ?? label('pdf.unknownVersion')],
    ]),
    heading(label('pdf.section.decision')),
    decision === undefined
      ? text(label('pdf.pending'))
      : facts([
          [label('pdf.decision'), exportText(locale, `reviewStatus.${decision.decision}`)],
          [label('pdf.reviewer'), decision.by],
          [label('pdf.decidedAt'), instant(decision.at)],
          [label('pdf.note'), decision.note],
        ]),
    ...(exception === undefined
      ? []
      : [
          heading(label('pdf.section.exception')),
          facts([
            [label('pdf.exception.id'), exception.exceptionId],
            [
              label('pdf.exception.scope'),
              label('pdf.exception.scopeValue', {
                brand: exception.brand,
                ruleId: exception.ruleId,
                phrase: exception.phrase ?? 'none',
              }),
            ],
            [label('pdf.exception.evidence'), exception.evidence],
            [
              label('pdf.exception.expiry'),
              label('pdf.exception.expiryValue', {
                date: formatCalendarDate(locale, exception.expiresOn),
                timeZone: exception.timeZone,
                endsAt: instant(exception.expiresAt),
              }),
            ],
            [
              label('pdf.exception.revoked'),
              exception.revokedAt === undefined
                ? label('pdf.exception.notRevoked')
                : label('pdf.exception.revokedValue', {
                    at: instant(exception.revokedAt),
                    by: exception.revokedBy ?? '',
                  }),
            ],
          ]),
        ]),
  ];
  return {
    info: {
      title: `${label('pdf.title')} (${review.reviewId})`,
      subject: review.caseId,
      creator: 'Marketing Risk Radar',
    },
    language: locale,
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 56],
    defaultStyle: { font: 'Latin', fontSize: 10 },
    footer: (page: number, pages: number): PdfContent =>
      text(label('pdf.footer', { reviewId: review.reviewId, at: generated, page, pages }), {
        fontSize: 8,
        color: MUTED,
        alignment: 'center',
        margin: [48, 20, 48, 0],
      }),
    content,
  };
};

/** The evidence pack as PDF bytes, in `locale`. */
export const renderEvidencePdf = async (evidence: EvidencePack, locale: Locale): Promise<Buffer> => {
  configure();
  return pdfmake.createPdf(evidenceDocument(evidence, locale)).getBuffer();
};

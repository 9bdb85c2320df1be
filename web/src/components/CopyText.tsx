import { useState } from 'preact/hooks';
import { lastUtcDayBefore } from '../../../shared/domain/time-zones.ts';
import { segmentsOf } from '../highlight.ts';
import { Rich, useFormat, useT } from '../i18n/index.tsx';
import type { AdCopy, Finding } from '../types.ts';

const LANG_TAGS: Readonly<Record<string, string>> = { zh: 'zh-Hans', vi: 'vi', en: 'en' };

/**
 * The ad copy with every evidence span highlighted in place and numbered after its finding, or — "As
 * submitted" — the exact text, untouched, in its own language (so the right CJK or Vietnamese glyphs are
 * chosen).
 */
export const CopyText = ({ copy, findings }: { copy: AdCopy; findings: readonly Finding[] }) => {
  const t = useT();
  const format = useFormat();
  const [view, setView] = useState<'highlighted' | 'submitted'>('highlighted');
  const lang = LANG_TAGS[copy.lang] ?? copy.lang;
  const segments = segmentsOf(copy.text, findings);
  return (
    <section class="copy" aria-label={t('core.copy.label')}>
      <div class="copy-toolbar">
        <span class="copy-lang">
          {format.copyLanguage(copy.lang)} · {t('core.copy.characters', { n: copy.text.length })}
        </span>
        <fieldset class="segmented">
          <legend class="visually-hidden">{t('core.copy.view')}</legend>
          <button type="button" aria-pressed={view === 'highlighted'} onClick={() => setView('highlighted')}>
            {t('core.copy.highlighted')}
          </button>
          <button type="button" aria-pressed={view === 'submitted'} onClick={() => setView('submitted')}>
            {t('core.copy.submitted')}
          </button>
        </fieldset>
      </div>
      {view === 'highlighted' ? (
        <p class="copy-text" lang={lang} data-testid="copy-highlighted">
          {segments.map((segment) =>
            segment.findings.length === 0 ? (
              segment.text
            ) : (
              <mark
                key={segment.start}
                class={`evidence level-${findings[segment.findings[0] ?? 0]?.level ?? 'yellow'}`}
                title={segment.findings.map((index) => findings[index]?.ruleId ?? '').join(', ')}
              >
                {segment.text}
                <sup class="evidence-ref">
                  <span class="visually-hidden"> {t('core.copy.findingRefOpen')}</span>
                  {segment.findings.map((i) => i + 1).join(',')}
                  <span class="visually-hidden">{t('core.copy.findingRefClose')}</span>
                </sup>
              </mark>
            ),
          )}
        </p>
      ) : (
        <pre class="copy-text copy-plain" lang={lang} data-testid="copy-submitted">
          {copy.text}
        </pre>
      )}
    </section>
  );
};

/** One finding of a copy: the rule, why, the law it rests on, the phrase, and a compliant rewrite. */
export const FindingCard = ({ finding, index, text }: { finding: Finding; index: number; text?: string }) => {
  const t = useT();
  const format = useFormat();
  return (
    <li class={`finding level-border-${finding.level}`}>
      <div class="finding-head">
        <span class="finding-number" aria-hidden="true">
          {index + 1}
        </span>
        <code class="rule">{finding.ruleId}</code>
        <span class={`badge level-${finding.level}`}>
          <span class="dot" aria-hidden="true" />
          {format.levelShort(finding.level)}
        </span>
      </div>
      <p class="finding-message">{finding.message}</p>
      <dl class="finding-facts">
        {finding.evidence !== undefined && finding.evidence.length > 0 && (
          <div>
            <dt>{t('core.copy.phrase')}</dt>
            <dd>
              {finding.evidence.map((evidence) => (
                <span key={evidence.start} class="phrase" lang={undefined}>
                  “{text === undefined ? evidence.text : text.slice(evidence.start, evidence.end)}”
                  <span class="muted">
                    {' '}
                    {t('core.copy.at', { start: evidence.start, end: evidence.end })}
                  </span>
                </span>
              ))}
            </dd>
          </div>
        )}
        {finding.basis !== undefined && (
          <div>
            <dt>{t('core.copy.basis')}</dt>
            <dd>{finding.basis}</dd>
          </div>
        )}
        {finding.suggestion !== undefined && (
          <div>
            <dt>{t('core.copy.suggestion')}</dt>
            <dd>{finding.suggestion}</dd>
          </div>
        )}
        {finding.exception !== undefined && (
          <div>
            <dt>{t('core.copy.exception')}</dt>
            <dd>
              <Rich
                id="core.copy.exceptionUntil"
                elements={{ id: <code>{finding.exception.id}</code> }}
                values={{
                  date: format.calendarDate(
                    finding.exception.expiresOn ?? lastUtcDayBefore(finding.exception.expiresAt),
                  ),
                }}
              />
            </dd>
          </div>
        )}
      </dl>
    </li>
  );
};
